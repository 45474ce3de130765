package io.streamspider.bench.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.internal.output.WireLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link FifoWriterThroughput}'s cold case measures besides the writer (issue 4): the same
 * items, loaded the same way (JSON Lines into ordered maps), hot (1,000 distinct items cycled,
 * about 1 MB) and cold (200,000 distinct items, some 180 MB, each read once per pass). Two loops
 * over each: a bare walk that reads every value once and encodes nothing, the least any encoder
 * must do, and {@link WireLine#item}, the encoder. The baseline is the hot set in the same run; the
 * cold set's extra cost over it is memory latency.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.streamspider.bench.output.ItemWalkCost [passes]} (default 9; ns per item, median of the passes
 * after a warm-up pass).
 */
public final class ItemWalkCost {
  private static final int COLD = 200_000;
  private static final int HOT = 1_000;

  private ItemWalkCost() {}

  public static void main(String[] args) throws Exception {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> cold = new ArrayList<>(COLD);
    for (int i = 0; i < COLD; i++) {
      cold.add(
          json.readValue(
              json.writeValueAsBytes(FifoWriterThroughput.item(i)),
              new TypeReference<LinkedHashMap<String, Object>>() {}));
    }
    List<Map<String, Object>> hot =
        new ArrayList<>(
            cold.subList(0, HOT).stream()
                .map(
                    m ->
                        json.convertValue(m, new TypeReference<LinkedHashMap<String, Object>>() {}))
                .toList());
    WireLine line = new WireLine();
    double[][] ns = new double[4][passes];
    long sink = 0;
    for (int p = -1; p < passes; p++) {
      long t0 = System.nanoTime();
      sink += walkAll(hot, COLD / HOT);
      long t1 = System.nanoTime();
      sink += walkAll(cold, 1);
      long t2 = System.nanoTime();
      sink += encodeAll(line, hot, COLD / HOT);
      long t3 = System.nanoTime();
      sink += encodeAll(line, cold, 1);
      long t4 = System.nanoTime();
      if (p >= 0) {
        ns[0][p] = (t1 - t0) / (double) COLD;
        ns[1][p] = (t2 - t1) / (double) COLD;
        ns[2][p] = (t3 - t2) / (double) COLD;
        ns[3][p] = (t4 - t3) / (double) COLD;
      }
    }
    double walkHot = FifoWriterThroughput.median(ns[0]);
    double walkCold = FifoWriterThroughput.median(ns[1]);
    double encHot = FifoWriterThroughput.median(ns[2]);
    double encCold = FifoWriterThroughput.median(ns[3]);
    System.out.printf(
        "bare walk (read every value once): hot %.0f ns/item, cold %.0f ns/item (%.2fx hot)%n",
        walkHot, walkCold, walkCold / walkHot);
    System.out.printf(
        "WireLine.item (encode):            hot %.0f ns/item, cold %.0f ns/item (%.2fx hot)%n",
        encHot, encCold, encCold / encHot);
    System.out.printf(
        "cold minus hot: bare walk +%.0f ns, encode +%.0f ns per item (median of %d passes;"
            + " checksum %d)%n",
        walkCold - walkHot, encCold - encHot, passes, sink);
  }

  private static long walkAll(List<Map<String, Object>> items, int repeat) {
    long x = 0;
    for (int r = 0; r < repeat; r++) {
      for (Map<String, Object> m : items) {
        x += walk(m);
      }
    }
    return x;
  }

  private static long encodeAll(WireLine line, List<Map<String, Object>> items, int repeat) {
    long x = 0;
    for (int r = 0; r < repeat; r++) {
      for (Map<String, Object> m : items) {
        if (line.item(m) != null) {
          throw new IllegalStateException("item refused: " + m);
        }
        x += line.length();
      }
    }
    return x;
  }

  /** Reads every value of a JSON-shaped item once: the last char of each string, each number. */
  static long walk(Object v) {
    Class<?> c = v.getClass();
    if (c == String.class) {
      String s = (String) v;
      return s.isEmpty() ? 1 : s.charAt(s.length() - 1);
    }
    if (c == Integer.class) {
      return (Integer) v;
    }
    if (c == Double.class) {
      return (long) (double) (Double) v;
    }
    if (c == Boolean.class) {
      return (Boolean) v ? 1 : 0;
    }
    if (c == LinkedHashMap.class) {
      long x = 0;
      for (Object w : ((Map<?, ?>) v).values()) {
        x += walk(w);
      }
      return x;
    }
    if (c == ArrayList.class) {
      List<?> l = (List<?>) v;
      long x = 0;
      for (int i = 0; i < l.size(); i++) {
        x += walk(l.get(i));
      }
      return x;
    }
    throw new IllegalArgumentException("not in the benchmark item: " + c.getName());
  }
}
