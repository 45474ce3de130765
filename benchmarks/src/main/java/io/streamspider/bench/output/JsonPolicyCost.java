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
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
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
 * io.streamspider.bench.output.JsonPolicyCost [rounds] [python] [--baseline-jar JAR]} (defaults 15,
 * python3). With {@code --baseline-jar} (a benchmarks.jar built from another commit), the {@code
 * WireLine} of that build (runtime and Jackson in a class loader of their own) encodes the same
 * maps and records in the same rounds, and so does this tree's through the same method handles: an
 * A/B of the encoding step in CPU time.
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
    List<String> positional = new ArrayList<>();
    Path baselineJar = null;
    for (int a = 0; a < args.length; a++) {
      if (args[a].equals("--baseline-jar") && a + 1 < args.length) {
        baselineJar = Path.of(args[++a]);
      } else {
        positional.add(args[a]);
      }
    }
    int rounds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 15;
    String python = positional.size() > 1 ? positional.get(1) : "python3";
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
    // A/B: this tree's WireLine and a baseline build's, called the same way
    Handle[] handles =
        baselineJar == null
            ? new Handle[0]
            : new Handle[] {
              new Handle(JsonPolicyCost.class.getClassLoader()),
              new Handle(
                  new URLClassLoader(
                      new URL[] {baselineJar.toUri().toURL()},
                      ClassLoader.getPlatformClassLoader()))
            };
    double[][] abMaps = new double[handles.length][rounds];
    double[][] abRecords = new double[handles.length][rounds];
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
      for (int k = 0; k < handles.length; k++) {
        int x = r % 2 != 0 ? handles.length - 1 - k : k; // taking turns at going first
        t = cpu.getCurrentThreadCpuTime();
        check += handles[x].lines(maps);
        double hm = (cpu.getCurrentThreadCpuTime() - t) / (double) (REPEAT * DISTINCT);
        t = cpu.getCurrentThreadCpuTime();
        check += handles[x].lines(records);
        double hr = (cpu.getCurrentThreadCpuTime() - t) / (double) (REPEAT * DISTINCT);
        if (r >= 0) {
          abMaps[x][r] = hm;
          abRecords[x][r] = hr;
        }
      }
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
    if (handles.length == 2) {
      double[] mapsRatio = new double[rounds];
      double[] recordsRatio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        mapsRatio[r] = abMaps[1][r] / abMaps[0][r];
        recordsRatio[r] = abRecords[1][r] / abRecords[0][r];
      }
      System.out.printf(
          "A/B through the same method handles, CPU per item, median (lowest): this tree maps %.0f"
              + " ns (%.0f), records %.0f ns (%.0f); baseline %s maps %.0f ns (%.0f), records %.0f"
              + " ns (%.0f); baseline over this tree, median of the rounds' own ratios: maps %.2fx,"
              + " records %.2fx%n",
          FifoWriterThroughput.median(abMaps[0]),
          FifoWriterThroughput.min(abMaps[0]),
          FifoWriterThroughput.median(abRecords[0]),
          FifoWriterThroughput.min(abRecords[0]),
          baselineJar.getFileName(),
          FifoWriterThroughput.median(abMaps[1]),
          FifoWriterThroughput.min(abMaps[1]),
          FifoWriterThroughput.median(abRecords[1]),
          FifoWriterThroughput.min(abRecords[1]),
          FifoWriterThroughput.median(mapsRatio),
          FifoWriterThroughput.median(recordsRatio));
    }
    FifoWriterThroughput.deleteTree(dir);
  }

  /** One build's WireLine, called through method handles. */
  private static final class Handle {
    private final Object line;
    private final MethodHandle item;
    private final MethodHandle length;

    Handle(ClassLoader loader) throws ReflectiveOperationException {
      Class<?> c = Class.forName(WireLine.class.getName(), true, loader);
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      line = c.getConstructor().newInstance();
      item =
          l.findVirtual(c, "item", MethodType.methodType(String.class, Object.class))
              .asType(MethodType.methodType(String.class, Object.class, Object.class));
      length =
          l.findVirtual(c, "length", MethodType.methodType(int.class))
              .asType(MethodType.methodType(int.class, Object.class));
    }

    long lines(List<Object> items) {
      long n = 0;
      try {
        for (int k = 0; k < REPEAT; k++) {
          for (Object o : items) {
            if ((String) item.invokeExact(line, o) != null) {
              throw new IllegalStateException("refused: " + o);
            }
            n += (int) length.invokeExact(line);
          }
        }
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
      return n;
    }
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
