package io.streamspider.bench.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.internal.output.FifoWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Macro benchmark (issue 4): items per second through Scrapy Cloud's FIFO, {@link FifoWriter}
 * against a Python writer following the reference pattern (json.dumps with ASCII escaping and
 * compact separators, write, flush per line), on the same ~300-byte items with non-ASCII text, into
 * a real FIFO drained by the same reader ({@code wc -c}), in the same run. Rounds alternate Python
 * and Java; the first round of each is warm-up. Reported: the median of the rounds' own ratios
 * (each Java segment over the Python segment run just before it), the ratio of the medians, and the
 * hypervisor's steal time per round; and where each writer's time goes, per item: the writing
 * thread's user and system CPU time, the time it spent off CPU (blocked on a full pipe, or runnable
 * and waiting), and how often the reader slept on an empty pipe (each sleep a wake-up that a
 * write(2) paid for; counted with GNU time when {@code /usr/bin/time} is there).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.streamspider.bench.output.FifoWriterThroughput [items] [rounds] [python] [distinct]
 * [--baseline-jar JAR]} (defaults: 200000 items, 9 measured rounds, python3, 1000 distinct items).
 * With {@code --baseline-jar}, the FifoWriter of another build (a benchmarks.jar built from another
 * commit: runtime and Jackson loaded in a class loader of their own) is measured in the same
 * rounds, taking turns with this tree's at going first, and the A/B ratio is printed; both builds
 * are called the same way (method handles). By default both writers cycle through 1,000 distinct
 * items (about 1 MB), which stay in the CPU cache as an item a spider's callback has just built
 * does: this measures the writers. With {@code distinct} equal to {@code items}, both walk 200,000
 * items loaded long before (some 180 MB), a stress case that measures the machine's memory latency
 * as well: reading every value of such an item once, with no encoding, costs Java 270-360 ns cold
 * against 60-90 ns hot ({@link ItemWalkCost}).
 */
public final class FifoWriterThroughput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Busy gaps before each pre-encoded write: what a reader that keeps up costs a writer. */
  private static final long[] PACE_NANOS = {100, 250, 500};

  /** Items both writers cycle through by default: about 1 MB, hot in the cache. */
  private static final int DEFAULT_DISTINCT = 1000;

  private static final com.fasterxml.jackson.databind.ObjectWriter ASCII =
      new ObjectMapper()
          .writer()
          .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);

  private FifoWriterThroughput() {}

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
    int n = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 200_000;
    int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 9;
    String python = positional.size() > 2 ? positional.get(2) : "python3";
    // distinct < n: the same distinct items written over and over, hot in the cache as an item
    // is when a spider's callback has just built it; distinct == n: every item walked cold
    int distinct =
        positional.size() > 3 ? Integer.parseInt(positional.get(3)) : Math.min(n, DEFAULT_DISTINCT);
    if (distinct < 1 || n % distinct != 0) {
      throw new IllegalArgumentException(
          "items (" + n + ") must be a multiple of distinct (" + distinct + ")");
    }
    int repeat = n / distinct;

    Path dir = Files.createTempDirectory("fifo-bench");
    Path itemsFile = dir.resolve("items.jsonl");
    try (OutputStream out = Files.newOutputStream(itemsFile)) {
      for (int i = 0; i < distinct; i++) {
        out.write(JSON.writeValueAsBytes(item(i)));
        out.write('\n');
      }
    }
    // both writers get the same items, parsed the same way (JSON objects into ordered maps)
    List<Map<String, Object>> items = new ArrayList<>(distinct);
    for (String line : Files.readAllLines(itemsFile)) {
      items.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
    }
    Path script = dir.resolve("fifo_writer_baseline.py");
    try (InputStream in =
        FifoWriterThroughput.class.getResourceAsStream("fifo_writer_baseline.py")) {
      Files.write(script, in.readAllBytes());
    }
    // the same items as records: the Jackson (bean) path a typical spider's item takes
    List<Object> records = new ArrayList<>(distinct);
    for (Map<String, Object> m : items) {
      records.add(JSON.convertValue(m, Product.class));
    }
    // the builds whose FifoWriter is measured: this tree's, and optionally a baseline jar's (a
    // benchmarks.jar built from another commit) in a class loader of its own, in the same rounds
    List<Build> builds = new ArrayList<>();
    builds.add(Build.of("this tree", FifoWriterThroughput.class.getClassLoader()));
    if (baselineJar != null) {
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {baselineJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      builds.add(Build.of("baseline " + baselineJar.getFileName(), loader));
    }
    int b = builds.size();
    List<byte[]> encoded = new ArrayList<>(distinct);
    for (Map<String, Object> m : items) {
      encoded.add(
          ("ITM " + new String(ASCII.writeValueAsBytes(m), StandardCharsets.US_ASCII) + "\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    for (Build build : builds) {
      sameBytes(python, script, itemsFile, items, records, build, dir);
    }
    Run[] py = new Run[rounds];
    // [build][round]: maps and records
    Run[][] maps = new Run[b][rounds];
    Run[][] recs = new Run[b][rounds];
    Run[] floor = new Run[rounds];
    Run[][] paced = new Run[PACE_NANOS.length][rounds];
    // each round's ratio of two segments run one after the other: slow drifts of the machine
    // (other VMs, frequency) cancel better than in the ratio of two medians
    double[][] pairedMaps = new double[b][rounds];
    double[][] pairedRecords = new double[b][rounds];
    double[] steal = new double[rounds];
    long pyBytes = 0;
    long javaBytes = 0;
    for (int r = -1; r < rounds; r++) {
      long[] t0 = cpuTicks();
      Run p = python(python, script, itemsFile, repeat, fifo(dir, "py" + r));
      p = p.withSteal(stealSince(t0));
      Run[] jm = new Run[b];
      Run[] jr = new Run[b];
      for (int k = 0; k < b; k++) {
        // with a baseline, the builds take turns at going first
        int x = r % 2 != 0 ? b - 1 - k : k;
        Build build = builds.get(x);
        t0 = cpuTicks();
        jm[x] =
            java(build, items, repeat, fifo(dir, "maps" + x + "-" + r)).withSteal(stealSince(t0));
        t0 = cpuTicks();
        jr[x] =
            java(build, records, repeat, fifo(dir, "records" + x + "-" + r))
                .withSteal(stealSince(t0));
      }
      Run raw = raw(encoded, repeat, fifo(dir, "raw" + r), 0);
      Run[] gaps = new Run[PACE_NANOS.length];
      for (int g = 0; g < PACE_NANOS.length; g++) {
        gaps[g] = raw(encoded, repeat, fifo(dir, "paced" + g + "-" + r), PACE_NANOS[g]);
      }
      if (r < 0) {
        continue;
      }
      py[r] = p;
      floor[r] = raw;
      for (int g = 0; g < PACE_NANOS.length; g++) {
        paced[g][r] = gaps[g];
      }
      double st = p.steal();
      for (int k = 0; k < b; k++) {
        maps[k][r] = jm[k];
        recs[k][r] = jr[k];
        pairedMaps[k][r] = jm[k].rate() / p.rate();
        pairedRecords[k][r] = jr[k].rate() / p.rate();
        st = Math.max(st, Math.max(jm[k].steal(), jr[k].steal()));
        if (jr[k].readerBytes != jm[k].readerBytes) {
          System.out.println("WARNING: records and maps did not give the same bytes");
        }
      }
      steal[r] = st;
      pyBytes = p.readerBytes;
      javaBytes = jm[0].readerBytes;
      StringBuilder line =
          new StringBuilder(String.format("round %d: python %,.0f items/s", r + 1, p.rate()));
      for (int k = 0; k < b; k++) {
        line.append(
            String.format(
                "; %s: maps %,.0f (%.2fx), records %,.0f (%.2fx)",
                builds.get(k).name,
                jm[k].rate(),
                pairedMaps[k][r],
                jr[k].rate(),
                pairedRecords[k][r]));
      }
      line.append(
          String.format(
              "; write floor %,.0f lines/s (%.2fx); steal %.1f%%",
              raw.rate(), raw.rate() / p.rate(), 100 * st));
      System.out.println(line);
    }
    // the same writers into /dev/null: a write(2) per message but no reader to wake up, which
    // isolates what each writer itself costs
    Run[] pyNull = new Run[rounds];
    Run[][] mapsNull = new Run[b][rounds];
    Run[][] recsNull = new Run[b][rounds];
    Path devNull = Path.of("/dev/null");
    for (int r = -1; r < rounds; r++) {
      Run p = python(python, script, itemsFile, repeat, devNull);
      Run[] jm = new Run[b];
      Run[] jr = new Run[b];
      for (int k = 0; k < b; k++) {
        int x = r % 2 != 0 ? b - 1 - k : k;
        jm[x] = java(builds.get(x), items, repeat, devNull);
        jr[x] = java(builds.get(x), records, repeat, devNull);
      }
      if (r >= 0) {
        pyNull[r] = p;
        for (int k = 0; k < b; k++) {
          mapsNull[k][r] = jm[k];
          recsNull[k][r] = jr[k];
        }
      }
    }
    double pm = medianRate(py);
    double fm = medianRate(floor);

    System.out.printf(
        "items: %,d (%,d distinct, each written %d times; %.0f bytes per ITM line on average); the"
            + " reader got %,d bytes from python, %,d from java (java adds one STA line)%n",
        n, distinct, repeat, (double) pyBytes / n, pyBytes, javaBytes);
    System.out.println(
        distinct < n
            ? "scenario: items hot in the cache, as a spider writes an item its callback has just"
                + " built"
            : "scenario: every item distinct, walked cold from memory (a stress case: memory"
                + " latency counts too)");
    if (javaBytes < pyBytes || javaBytes - pyBytes > 1024) {
      System.out.println("WARNING: the two writers did not send the same ITM bytes");
    }
    System.out.printf("python reference writer:  %,.0f items/s (median of %d)%n", pm, rounds);
    for (int k = 0; k < b; k++) {
      String name = builds.get(k).name;
      double jm = medianRate(maps[k]);
      double jrm = medianRate(recs[k]);
      System.out.printf(
          "java FifoWriter (%s), maps:    %,.0f items/s (median of %d)%n", name, jm, rounds);
      System.out.printf(
          "java FifoWriter (%s), records: %,.0f items/s (median of %d)%n", name, jrm, rounds);
      System.out.printf(
          "ratio java/python (%s), maps (the same dicts as python): %.2fx (target >= 5x); median"
              + " of the rounds' own ratios %.2fx (lowest %.2fx, highest %.2fx)%n",
          name, jm / pm, median(pairedMaps[k]), min(pairedMaps[k]), max(pairedMaps[k]));
      System.out.printf(
          "ratio java/python (%s), records (Jackson's serializers): %.2fx; median of the rounds'"
              + " own ratios %.2fx (lowest %.2fx, highest %.2fx)%n",
          name, jrm / pm, median(pairedRecords[k]), min(pairedRecords[k]), max(pairedRecords[k]));
    }
    if (b > 1) {
      double[] abMaps = new double[rounds];
      double[] abRecords = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        abMaps[r] = maps[0][r].rate() / maps[1][r].rate();
        abRecords[r] = recs[0][r].rate() / recs[1][r].rate();
      }
      System.out.printf(
          "A/B, this tree over %s, into the FIFO, median of the rounds' own ratios: maps %.2fx"
              + " (lowest %.2fx, highest %.2fx), records %.2fx (lowest %.2fx, highest %.2fx)%n",
          builds.get(1).name,
          median(abMaps),
          min(abMaps),
          max(abMaps),
          median(abRecords),
          min(abRecords),
          max(abRecords));
    }
    System.out.printf(
        "steal (CPU time the hypervisor took) during the timed segments: median %.1f%%, highest"
            + " %.1f%% per round%n",
        100 * median(steal), 100 * max(steal));
    System.out.println(
        "where a writer's time goes, per item, medians (user and system: the writing thread's CPU"
            + " time; off CPU: the rest of the wall time, blocked on a full pipe or waiting for a"
            + " CPU; reader wake-ups: how often the reader slept on an empty pipe, per line; writer"
            + " slept: how often the writing thread slept, on a full pipe when the reader was"
            + " behind, per line; preempted: how often it was taken off its CPU, per line):");
    System.out.println("  into the FIFO:");
    breakdown("python", py);
    for (int k = 0; k < b; k++) {
      breakdown(builds.get(k).name + ", maps", maps[k]);
      breakdown(builds.get(k).name + ", records", recs[k]);
    }
    breakdown("write floor (no encoding)", floor);
    for (int g = 0; g < PACE_NANOS.length; g++) {
      breakdown("floor, " + PACE_NANOS[g] + " ns gap", paced[g]);
    }
    double pyCpu = medianCpu(py);
    for (int k = 0; k < b; k++) {
      System.out.printf(
          "  CPU per item (the writing thread's user + system; what a loaded machine disturbs"
              + " least), %s: python %.2f us, maps %.2f us (python/java %.2fx), records %.2f us"
              + " (%.2fx); write floor %.2f us (%.2fx)%n",
          builds.get(k).name,
          pyCpu,
          medianCpu(maps[k]),
          pyCpu / medianCpu(maps[k]),
          medianCpu(recs[k]),
          pyCpu / medianCpu(recs[k]),
          medianCpu(floor),
          pyCpu / medianCpu(floor));
    }
    System.out.println("  into /dev/null (no reader to wake):");
    breakdown("python", pyNull);
    for (int k = 0; k < b; k++) {
      breakdown(builds.get(k).name + ", maps", mapsNull[k]);
      breakdown(builds.get(k).name + ", records", recsNull[k]);
    }
    double pyNullRate = medianRate(pyNull);
    for (int k = 0; k < b; k++) {
      System.out.printf(
          "into /dev/null (no reader wake-ups), %s: python %,.0f items/s, java maps %,.0f items/s"
              + " (%.2fx), records %,.0f items/s (%.2fx)%n",
          builds.get(k).name,
          pyNullRate,
          medianRate(mapsNull[k]),
          medianRate(mapsNull[k]) / pyNullRate,
          medianRate(recsNull[k]),
          medianRate(recsNull[k]) / pyNullRate);
    }
    System.out.printf(
        "write floor (pre-encoded lines, one write each, no encoding): %,.0f lines/s = %.2fx"
            + " python; no writer that flushes every message can beat it%n",
        fm, fm / pm);
    for (int g = 0; g < PACE_NANOS.length; g++) {
      double m = medianRate(paced[g]);
      System.out.printf(
          "paced floor: the same lines with a %d ns busy gap before each write (as if encoding took"
              + " that long): %,.0f lines/s = %.2fx python%n",
          PACE_NANOS[g], m, m / pm);
    }
    deleteTree(dir);
  }

  /** One line of medians per item: wall, user, system, off CPU; reader wake-ups per line. */
  static void breakdown(String what, Run[] runs) {
    double[] wall = new double[runs.length];
    double[] user = new double[runs.length];
    double[] sys = new double[runs.length];
    double[] off = new double[runs.length];
    double[] wakes = new double[runs.length];
    double[] slept = new double[runs.length];
    double[] preempted = new double[runs.length];
    for (int r = 0; r < runs.length; r++) {
      Run x = runs[r];
      wall[r] = 1e6 * x.seconds / x.items;
      user[r] = 1e6 * x.userSeconds / x.items;
      sys[r] = 1e6 * x.sysSeconds / x.items;
      off[r] = Math.max(0, wall[r] - user[r] - sys[r]);
      wakes[r] = x.readerWaits < 0 ? Double.NaN : (double) x.readerWaits / x.items;
      slept[r] = (double) x.switches[0] / x.items;
      preempted[r] = (double) x.switches[1] / x.items;
    }
    System.out.printf(
        "    %-40s %6.2f us = user %5.2f + system %5.2f + off CPU %5.2f; reader wake-ups %s;"
            + " writer slept %.3f, preempted %.3f%n",
        what,
        median(wall),
        median(user),
        median(sys),
        median(off),
        Double.isNaN(median(wakes)) ? "-" : String.format("%.2f", median(wakes)),
        median(slept),
        median(preempted));
  }

  /**
   * The FifoWriter of one build, called through method handles, the same way for every build: this
   * tree's, or a baseline jar's loaded (runtime, Jackson and all) in a class loader of its own.
   */
  static final class Build {
    final String name;
    final MethodHandle create;
    final MethodHandle open;
    final MethodHandle item;
    final MethodHandle close;
    final Object from;

    private Build(
        String name,
        MethodHandle create,
        MethodHandle open,
        MethodHandle item,
        MethodHandle close,
        Object from) {
      this.name = name;
      this.create = create;
      this.open = open;
      this.item = item;
      this.close = close;
      this.from = from;
    }

    static Build of(String name, ClassLoader loader) throws ReflectiveOperationException {
      Class<?> fifo = Class.forName(FifoWriter.class.getName(), true, loader);
      Class<?> response = Class.forName("io.streamspider.runtime.Response", true, loader);
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      MethodHandle create =
          l.findConstructor(fifo, MethodType.methodType(void.class, Path.class, BiConsumer.class))
              .asType(MethodType.methodType(Object.class, Path.class, BiConsumer.class));
      MethodHandle open =
          l.findVirtual(fifo, "open", MethodType.methodType(void.class, Supplier.class))
              .asType(MethodType.methodType(void.class, Object.class, Supplier.class));
      MethodHandle item =
          l.findVirtual(fifo, "item", MethodType.methodType(boolean.class, Object.class, response))
              .asType(
                  MethodType.methodType(boolean.class, Object.class, Object.class, Object.class));
      MethodHandle close =
          l.findVirtual(fifo, "close", MethodType.methodType(void.class))
              .asType(MethodType.methodType(void.class, Object.class));
      Constructor<?> c = null;
      for (Constructor<?> k : response.getConstructors()) {
        if (k.getParameterCount() == 10) {
          c = k;
        }
      }
      if (c == null) {
        throw new NoSuchMethodException(response.getName() + " has no 10-argument constructor");
      }
      Object from =
          c.newInstance(
              "parse", "parse", "http://127.0.0.1/", 200, null, "", null, null, null, null);
      return new Build(name, create, open, item, close, from);
    }

    Object writer(Path path) throws Throwable {
      BiConsumer<String, String> quiet = (level, message) -> {};
      Object w = (Object) create.invokeExact(path, quiet);
      Supplier<Map<String, Object>> noStats = Map::of;
      open.invokeExact(w, (Supplier) noStats);
      return w;
    }

    boolean item(Object writer, Object item) throws Throwable {
      return (boolean) this.item.invokeExact(writer, item, from);
    }

    void close(Object writer) throws Throwable {
      close.invokeExact(writer);
    }
  }

  /** ~300 bytes once escaped: French, Japanese, Russian and an emoji, as scraped text is. */
  static Map<String, Object> item(int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i);
    m.put("title", "Crème brûlée n°" + i + " — 抹茶");
    m.put("price", 12.5 + (i % 100) * 0.25);
    m.put("url", "https://shop.example.com/p/" + i);
    m.put("tags", List.of("dessert", "été", "😀"));
    m.put("desc", "Très bon, Отлично");
    m.put("stock", i % 3 != 0);
    return m;
  }

  /** The benchmark item as a record, in the same field order. */
  public record Product(
      int id,
      String title,
      double price,
      String url,
      List<String> tags,
      String desc,
      boolean stock) {}

  /**
   * One timed segment: {@code steal} is the share of CPU time the hypervisor took meanwhile; {@code
   * userSeconds} and {@code sysSeconds} the writing thread's own CPU time; {@code readerWaits} how
   * often the reader slept on an empty pipe (-1 if unknown); {@code switches} the writing thread's
   * {voluntary, involuntary} context switches: it slept (in write(2), on a full pipe: the reader
   * was behind) or was preempted.
   */
  record Run(
      int items,
      double seconds,
      long readerBytes,
      double steal,
      double userSeconds,
      double sysSeconds,
      long readerWaits,
      long[] switches) {
    double rate() {
      return items / seconds;
    }

    Run withSteal(double share) {
      return new Run(
          items, seconds, readerBytes, share, userSeconds, sysSeconds, readerWaits, switches);
    }
  }

  /** This thread's {voluntary, involuntary} context switches so far ({0, 0} if unknown). */
  static long[] threadSwitches() {
    long[] n = new long[2];
    try {
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
        if (line.startsWith("voluntary_ctxt_switches:")) {
          n[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
          n[1] = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no counts
    }
    return n;
  }

  static long[] since(long[] before, long[] after) {
    return new long[] {after[0] - before[0], after[1] - before[1]};
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** This thread's CPU time so far, {user, total}, in nanoseconds. */
  static long[] threadCpu() {
    return new long[] {THREADS.getCurrentThreadUserTime(), THREADS.getCurrentThreadCpuTime()};
  }

  /**
   * Ticks of all CPUs from /proc/stat's first line: {steal, total}. Steal is time the hypervisor
   * gave this VM's vCPUs to others; a round with steal is disturbed from outside.
   */
  static long[] cpuTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {f.length > 8 ? Long.parseLong(f[8]) : 0, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  static double stealSince(long[] before) {
    long[] now = cpuTicks();
    long total = now[1] - before[1];
    return total <= 0 ? 0 : (double) (now[0] - before[0]) / total;
  }

  static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path f = dir.resolve(name);
    Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("mkfifo " + f + " failed");
    }
    return f;
  }

  /** GNU time around the reader, when installed: it counts the reader's sleeps on the pipe. */
  private static final boolean GNU_TIME = Files.isExecutable(Path.of("/usr/bin/time"));

  /**
   * The same reader for both writers: wc -c drains the pipe and counts what it got; under GNU time
   * when there is one, which also reports how often wc waited (slept on an empty pipe: each sleep
   * is a wake-up some write(2) paid for).
   */
  static Process reader(Path fifo) throws IOException {
    List<String> command = new ArrayList<>();
    if (GNU_TIME) {
      command.addAll(List.of("/usr/bin/time", "-f", "WAITS %w"));
    }
    command.addAll(List.of("wc", "-c", fifo.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** {bytes the reader got, times it waited or -1}. */
  static long[] readerCounts(Process reader) throws IOException, InterruptedException {
    String out =
        new String(reader.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (!reader.waitFor(60, TimeUnit.SECONDS) || reader.exitValue() != 0) {
      throw new IOException("reader failed: " + out);
    }
    long bytes = -1;
    long waits = -1;
    for (String line : out.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f[0].equals("WAITS") && f.length > 1) {
        waits = Long.parseLong(f[1]);
      } else if (bytes < 0 && !f[0].isEmpty() && Character.isDigit(f[0].charAt(0))) {
        bytes = Long.parseLong(f[0]);
      }
    }
    if (bytes < 0) {
      throw new IOException("reader said: " + out);
    }
    return new long[] {bytes, waits};
  }

  static Run python(String python, Path script, Path items, int repeat, Path fifo)
      throws Exception {
    Process reader = fifo.startsWith("/dev") ? null : reader(fifo);
    Process p =
        new ProcessBuilder(
                python,
                script.toString(),
                items.toString(),
                fifo.toString(),
                Integer.toString(repeat))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (p.waitFor() != 0) {
      throw new IOException("python baseline failed: " + out);
    }
    String[] f = out.split("\\s+");
    long[] counts = reader == null ? new long[] {0, -1} : readerCounts(reader);
    return new Run(
        Integer.parseInt(f[0]),
        Double.parseDouble(f[1]),
        counts[0],
        Double.NaN,
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        counts[1],
        new long[] {Long.parseLong(f[5]), Long.parseLong(f[6])});
  }

  static Run java(Build build, List<?> items, int repeat, Path fifo) throws Exception {
    Process reader = fifo.startsWith("/dev") ? null : reader(fifo);
    try {
      Object w = build.writer(fifo);
      // the initial STA is not timed; the first item waits for the reader if it is not there yet
      build.item(w, items.get(0));
      int size = items.size();
      long[] switches = threadSwitches();
      long[] cpu = threadCpu();
      long start = System.nanoTime();
      for (int r = 0; r < repeat; r++) {
        for (int i = r == 0 ? 1 : 0; i < size; i++) {
          if (!build.item(w, items.get(i))) {
            throw new IllegalStateException("item " + i + " refused");
          }
        }
      }
      long elapsed = System.nanoTime() - start;
      long[] after = threadCpu();
      switches = since(switches, threadSwitches());
      build.close(w); // no FIN: the two writers send the same ITM lines plus one STA
      long[] counts = reader == null ? new long[] {0, -1} : readerCounts(reader);
      long user = after[0] - cpu[0];
      long total = after[1] - cpu[1];
      return new Run(
          size * repeat - 1,
          elapsed / 1e9,
          counts[0],
          Double.NaN,
          user / 1e9,
          Math.max(0, total - user) / 1e9,
          counts[1],
          switches);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Both writers once into plain files (not timed): the ITM lines must be byte for byte the same.
   */
  static void sameBytes(
      String python,
      Path script,
      Path itemsFile,
      List<?> items,
      List<?> records,
      Build build,
      Path dir)
      throws Exception {
    Path pyOut = dir.resolve("python.out");
    Process p =
        new ProcessBuilder(python, script.toString(), itemsFile.toString(), pyOut.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (p.waitFor() != 0) {
      throw new IOException("python baseline failed: " + out);
    }
    List<String> want = Files.readAllLines(pyOut, StandardCharsets.US_ASCII);
    for (List<?> list : List.of(items, records)) {
      Path javaOut = dir.resolve("java.out");
      Files.deleteIfExists(javaOut);
      try {
        Object w = build.writer(javaOut);
        for (Object item : list) {
          build.item(w, item);
        }
        build.close(w);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
      List<String> got =
          Files.readAllLines(javaOut, StandardCharsets.US_ASCII).stream()
              .filter(l -> l.startsWith("ITM "))
              .toList();
      if (!got.equals(want)) {
        throw new IllegalStateException(
            "the Java writer's ITM lines differ from the Python writer's ("
                + build.name
                + ", "
                + (list == items ? "maps" : "records")
                + ")");
      }
    }
    System.out.printf(
        "checked: the ITM lines of both writers are byte for byte the same (%s; %,d items, maps"
            + " and records)%n",
        build.name, want.size());
  }

  /**
   * The kernel's floor: the same lines, already encoded, one write(2) each, back to back or after a
   * busy gap of {@code gapNanos} (a reader that keeps up must then be woken per line).
   */
  static Run raw(List<byte[]> lines, int repeat, Path fifo, long gapNanos) throws Exception {
    Process reader = reader(fifo);
    long elapsed;
    long spins = 0;
    long[] cpu;
    long[] after;
    long[] switches;
    try (java.io.FileOutputStream out = new java.io.FileOutputStream(fifo.toFile())) {
      switches = threadSwitches();
      cpu = threadCpu();
      long start = System.nanoTime();
      for (int r = 0; r < repeat; r++) {
        for (byte[] l : lines) {
          if (gapNanos > 0) {
            long until = System.nanoTime() + gapNanos;
            while (System.nanoTime() < until) {
              spins++;
            }
          }
          out.write(l);
        }
      }
      elapsed = System.nanoTime() - start;
      after = threadCpu();
      switches = since(switches, threadSwitches());
    }
    if (spins < 0) {
      System.out.println(spins);
    }
    long[] counts = readerCounts(reader);
    long user = after[0] - cpu[0];
    return new Run(
        lines.size() * repeat,
        elapsed / 1e9,
        counts[0],
        Double.NaN,
        user / 1e9,
        Math.max(0, after[1] - cpu[1] - user) / 1e9,
        counts[1],
        switches);
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  /** The median of the writing thread's CPU time per item, in microseconds. */
  static double medianCpu(Run[] runs) {
    return median(
        Arrays.stream(runs)
            .mapToDouble(x -> 1e6 * (x.userSeconds + x.sysSeconds) / x.items)
            .toArray());
  }

  static double medianRate(Run[] runs) {
    return median(Arrays.stream(runs).mapToDouble(Run::rate).toArray());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }
}
