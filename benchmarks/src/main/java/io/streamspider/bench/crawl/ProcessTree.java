package io.streamspider.bench.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a side's processes cost, all of them: the process the harness started and every descendant
 * (the embedded host's spider JVM, ...).
 *
 * <p>CPU: {@link #childrenCpuSeconds()} reads this JVM's {@code /proc/self/stat} fields {@code
 * cutime} and {@code cstime}, the user and system time of every child this process has waited for,
 * which include the children those children waited for (the kernel adds a reaped process's own and
 * its children's times to its parent's). The difference across one crawl, taken after the side's
 * process was reaped and before the web server is stopped, is the CPU of the side's whole tree,
 * start-up and exit included.
 *
 * <p>Memory: {@link Sampler} reads {@code VmRSS} and {@code VmHWM} from {@code /proc/<pid>/status}
 * of the tree every 50 ms: the peak of the summed resident sets (the memory the crawl held at
 * once), each process's own high-water mark, and the peak sum per quarter of the crawl's wall time
 * (to see whether memory grows with the crawl).
 *
 * <p>CPU by process: the same sampler reads {@code utime} and {@code stime} from {@code
 * /proc/<pid>/stat} of each process of the tree, and keeps the last value seen before the process
 * exits (so up to one interval of a process's CPU may be missing; the total above is exact, and the
 * difference is shown as "unattributed").
 */
final class ProcessTree {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux (getconf CLK_TCK)

  private ProcessTree() {}

  /** cutime + cstime of this JVM, in seconds. */
  static double childrenCpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
    // the command name (field 2) is in parentheses and may hold spaces: count from the last ')'
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state); cutime is field 16, cstime field 17
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
  }

  /** Memory of a process tree, sampled on a daemon thread until {@link #stop()}. */
  static final class Sampler {
    private final ProcessHandle root;
    private final long intervalMillis;
    private final Thread thread;
    private final long t0 = System.nanoTime();
    private final List<long[]> samples = new ArrayList<>(); // {nanos since t0, summed RSS kB}
    private final Map<Long, long[]> hwm = new LinkedHashMap<>(); // pid -> {HWM kB, depth}
    private final Map<Long, String> names = new LinkedHashMap<>();
    private final Map<Long, Long> cpuTicks = new LinkedHashMap<>(); // pid -> utime + stime
    private volatile boolean stopped;
    private long peakKb;

    Sampler(ProcessHandle root, long intervalMillis) {
      this.root = root;
      this.intervalMillis = intervalMillis;
      this.thread = new Thread(this::loop, "rss-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (!stopped) {
        sample();
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sample() {
      long sum = 0;
      List<ProcessHandle> tree = new ArrayList<>();
      tree.add(root);
      root.descendants().forEach(tree::add);
      for (ProcessHandle h : tree) {
        long[] v = status(h.pid());
        if (v == null) {
          continue;
        }
        sum += v[0];
        long ticks = cpuTicks(h.pid());
        synchronized (this) {
          if (ticks >= 0) {
            cpuTicks.merge(h.pid(), ticks, Math::max);
          }
          long[] prev = hwm.get(h.pid());
          if (prev == null) {
            hwm.put(h.pid(), new long[] {v[1]});
          } else {
            prev[0] = Math.max(prev[0], v[1]);
          }
          // a child is a copy of its parent, then jspawnhelper, for a moment before it becomes
          // the JVM it starts: named again while it runs (gone, it keeps its last name)
          String now = name(h);
          if (!now.startsWith("pid ") || !names.containsKey(h.pid())) {
            names.put(h.pid(), now);
          }
        }
      }
      synchronized (this) {
        samples.add(new long[] {System.nanoTime() - t0, sum});
        peakKb = Math.max(peakKb, sum);
      }
    }

    private static String name(ProcessHandle h) {
      List<String> args = new ArrayList<>();
      h.info().command().ifPresent(c -> args.add(Path.of(c).getFileName().toString()));
      h.info().arguments().ifPresent(a -> args.addAll(List.of(a)));
      String cmd = String.join(" ", args);
      if (cmd.contains("--local")) {
        // the JVM the user started; with the launcher's memory defaults it starts the host JVM
        boolean parentLocal =
            h.parent()
                .flatMap(p -> p.info().arguments())
                .map(a -> String.join(" ", a).contains("--local"))
                .orElse(false);
        return parentLocal ? "host JVM" : "java --local";
      }
      if (cmd.contains("io.streamspider.host.HostMain")) {
        return "host JVM";
      }
      if (cmd.contains("io.streamspider.runtime.StreamSpider")) {
        return "spider JVM";
      }
      if (cmd.contains("scrapy")) {
        return "python";
      }
      return cmd.isEmpty() ? "pid " + h.pid() : args.get(0);
    }

    /** {VmRSS, VmHWM} in kB, or null once the process is gone. */
    private static long[] status(long pid) {
      try {
        long rss = -1;
        long hwm = -1;
        for (String line :
            Files.readAllLines(
                Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
          if (line.startsWith("VmRSS:")) {
            rss = kb(line);
          } else if (line.startsWith("VmHWM:")) {
            hwm = kb(line);
          }
        }
        return rss < 0 ? null : new long[] {rss, hwm};
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /** utime + stime of a process in clock ticks, or -1 once it is gone. */
    private static long cpuTicks(long pid) {
      try {
        String stat =
            Files.readString(
                Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state); utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    private static long kb(String line) {
      return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.interrupt();
      thread.join();
    }

    /** Peak of the summed resident sets, MiB. */
    synchronized double peakMib() {
      return peakKb / 1024.0;
    }

    /** Each process's own peak, e.g. {@code host JVM 210, spider JVM 96} (MiB). */
    synchronized String perProcess() {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<Long, long[]> e : hwm.entrySet()) {
        if (e.getValue()[0] > 0) {
          parts.add(names.get(e.getKey()) + " " + Math.round(e.getValue()[0] / 1024.0));
        }
      }
      return String.join(", ", parts);
    }

    /**
     * CPU seconds by process name, the processes of one name added up, e.g. {@code java --local
     * 0.4, host JVM 21.3, spider JVM 6.0}; then what the total {@code totalCpuSeconds} has beyond
     * them ("unattributed": the last interval of each process, short-lived helpers).
     */
    synchronized Map<String, Double> cpuByProcess(double totalCpuSeconds) {
      Map<String, Double> out = new LinkedHashMap<>();
      double sum = 0;
      for (Map.Entry<Long, Long> e : cpuTicks.entrySet()) {
        double s = e.getValue() / TICKS_PER_SECOND;
        out.merge(names.getOrDefault(e.getKey(), "pid " + e.getKey()), s, Double::sum);
        sum += s;
      }
      out.put("unattributed", Math.max(0, totalCpuSeconds - sum));
      return out;
    }

    /** The peak summed RSS in each quarter of the run, MiB, e.g. {@code 180/260/270/271}. */
    synchronized String quarters() {
      if (samples.isEmpty()) {
        return "-";
      }
      long end = samples.get(samples.size() - 1)[0];
      long[] q = new long[4];
      for (long[] s : samples) {
        int k = (int) Math.min(3, end == 0 ? 3 : s[0] * 4 / end);
        q[k] = Math.max(q[k], s[1]);
      }
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 4; k++) {
        b.append(k == 0 ? "" : "/").append(Math.round(q[k] / 1024.0));
      }
      return b.toString();
    }
  }
}
