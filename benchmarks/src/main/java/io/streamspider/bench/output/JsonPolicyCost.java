package io.streamspider.bench.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.internal.PythonJson;
import io.streamspider.runtime.internal.output.ItemJson;
import io.streamspider.runtime.internal.output.WireLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-process harness (issue 19, one JSON policy): why {@code AsciiJson}, the hand-written
 * encoder, is kept for plain values. The encoding step of a Scrapy Cloud line, in CPU time per item
 * (the thread's own, so that other processes on a loaded machine count as little as they can), on
 * {@link FifoWriterThroughput}'s items, hot (1,000 distinct items cycled):
 *
 * <ul>
 *   <li>{@code WireLine.item(map)}: the hand-written encoder;
 *   <li>the same maps through Jackson's own generator with the policy's supported hooks ({@link
 *       PythonJson#ensureAscii(JsonGenerator)}, one generator reused, the items' mapper): what the
 *       line would cost without the hand-written encoder;
 *   <li>{@code WireLine.item(record)}: records, written by Jackson that way;
 *   <li>Python's {@code json.dumps(item, ensure_ascii=True, separators=(',', ':'))} on the same
 *       items, in its own process ({@code time.process_time}): the reference writer's encoding.
 * </ul>
 *
 * Rounds alternate the four; printed: the median and lowest of each, and the ratios of the medians
 * measured in the same run.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.streamspider.bench.output.JsonPolicyCost [rounds] [python]} (defaults 15, python3).
 */
public final class JsonPolicyCost {
  private static final int DISTINCT = 1000;
  private static final int REPEAT = 100;

  private JsonPolicyCost() {}

  /** A reusable sink, as the line's buffer is. */
  private static final class Sink extends OutputStream {
    private byte[] buf = new byte[1 << 16];
    private int size;

    @Override
    public void write(int b) {
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    String python = args.length > 1 ? args[1] : "python3";
    ObjectMapper json = new ObjectMapper();
    Path dir = Files.createTempDirectory("json-policy-cost");
    Path itemsFile = dir.resolve("items.jsonl");
    List<Object> maps = new ArrayList<>();
    List<Object> records = new ArrayList<>();
    try (OutputStream out = Files.newOutputStream(itemsFile)) {
      for (int i = 0; i < DISTINCT; i++) {
        byte[] line = json.writeValueAsBytes(FifoWriterThroughput.item(i));
        out.write(line);
        out.write('\n');
        Map<String, Object> m =
            json.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
        maps.add(m);
        records.add(json.convertValue(m, FifoWriterThroughput.Product.class));
      }
    }
    Path script = dir.resolve("json_dumps_cost.py");
    Files.writeString(
        script,
        String.join(
            "\n",
            "import json, sys, time",
            "items = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]",
            "repeat = int(sys.argv[2])",
            "n = 0",
            "start = time.process_time()",
            "for _ in range(repeat):",
            "    for item in items:",
            "        line = json.dumps(item, ensure_ascii=True, separators=(',', ':'))",
            "        n += len('ITM ' + line + '\\n')",
            "print((time.process_time() - start) * 1e9 / (repeat * len(items)), n)",
            ""));

    WireLine line = new WireLine();
    Sink sink = new Sink();
    JsonGenerator jackson =
        PythonJson.ensureAscii(ItemJson.MAPPER.getFactory().createGenerator(sink));
    jackson.setRootValueSeparator(null);
    // the same bytes, or the comparison means nothing
    for (Object m : maps) {
      sink.size = 0;
      ItemJson.MAPPER.writeValue(jackson, m);
      String viaJackson =
          "ITM " + new String(sink.buf, 0, sink.size, StandardCharsets.US_ASCII) + "\n";
      String refused = line.item(m);
      String viaLine = new String(line.buffer(), 0, line.length(), StandardCharsets.US_ASCII);
      if (refused != null || !viaJackson.equals(viaLine)) {
        throw new IllegalStateException("the two encoders differ on " + m);
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] hand = new double[rounds];
    double[] generator = new double[rounds];
    double[] record = new double[rounds];
    double[] py = new double[rounds];
    long check = 0;
    for (int r = -3; r < rounds; r++) {
      long t = cpu.getCurrentThreadCpuTime();
      check += lines(line, maps);
      double h = (cpu.getCurrentThreadCpuTime() - t) / (double) (REPEAT * DISTINCT);
      t = cpu.getCurrentThreadCpuTime();
      for (int k = 0; k < REPEAT; k++) {
        for (Object m : maps) {
          sink.size = 0;
          ItemJson.MAPPER.writeValue(jackson, m);
          check += sink.size;
        }
      }
      double g = (cpu.getCurrentThreadCpuTime() - t) / (double) (REPEAT * DISTINCT);
      t = cpu.getCurrentThreadCpuTime();
      check += lines(line, records);
      double rec = (cpu.getCurrentThreadCpuTime() - t) / (double) (REPEAT * DISTINCT);
      double p = python(python, script, itemsFile);
      if (r >= 0) {
        hand[r] = h;
        generator[r] = g;
        record[r] = rec;
        py[r] = p;
        System.out.printf(
            "round %d: hand-written %.0f ns, Jackson+policy %.0f ns, records %.0f ns,"
                + " python json.dumps %.0f ns per item (CPU)%n",
            r + 1, h, g, rec, p);
      }
    }
    double hm = FifoWriterThroughput.median(hand);
    double gm = FifoWriterThroughput.median(generator);
    double rm = FifoWriterThroughput.median(record);
    double pm = FifoWriterThroughput.median(py);
    System.out.printf(
        "CPU per item, median of %d rounds (lowest): maps hand-written (AsciiJson) %.0f ns (%.0f);"
            + " maps through Jackson's generator + PythonJson %.0f ns (%.0f); records (Jackson +"
            + " PythonJson) %.0f ns (%.0f); python json.dumps %.0f ns (%.0f)%n",
        rounds,
        hm,
        FifoWriterThroughput.min(hand),
        gm,
        FifoWriterThroughput.min(generator),
        rm,
        FifoWriterThroughput.min(record),
        pm,
        FifoWriterThroughput.min(py));
    System.out.printf(
        "ratios of the medians: Jackson+policy / hand-written %.2fx; python encoding over"
            + " hand-written %.1fx, over Jackson+policy %.1fx, over records %.1fx (checksum %d)%n",
        gm / hm, pm / hm, pm / gm, pm / rm, check % 1000);
    FifoWriterThroughput.deleteTree(dir);
  }

  private static long lines(WireLine line, List<Object> items) {
    long n = 0;
    for (int k = 0; k < REPEAT; k++) {
      for (Object o : items) {
        if (line.item(o) != null) {
          throw new IllegalStateException("refused: " + o);
        }
        n += line.length();
      }
    }
    return n;
  }

  /** Python's CPU time per item for the reference encoding, in its own process. */
  private static double python(String python, Path script, Path items)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(python, script.toString(), items.toString(), "20")
            .redirectErrorStream(true)
            .start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
    if (p.waitFor() != 0) {
      throw new IOException("python failed: " + out);
    }
    return Double.parseDouble(out.split("\\s+")[0]);
  }
}
