package io.streamspider.bench.host;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a big body costs the embedded host, whole process: a JDK HttpServer on 127.0.0.1 serves one
 * HTML page, the host ({@code HostMain streaming}, its own JVM) fetches it as a start URL and sends
 * it to {@link ConsumingSpider}, which reads the line without keeping it. The host's peak RSS
 * (VmHWM, read from /proc while it runs) and the peak of its heap in use after each GC ({@code
 * -Xlog:gc}) are measured for the big page and, as the baseline in the same run, for a page of 1
 * KiB; the cost of the body is the difference, printed as a multiple of its size. Then, as a
 * measure that does not depend on when the collector runs, the page goes through a host whose heap
 * is capped at 64 MiB + k times the body, for shrinking k: the smallest k that works bounds what
 * the body costs in the heap.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.host.BigBodyMemory \
 *     [--mb 200] [--runs 3] [--host-cp CLASSPATH] [--host-jvm "-Xmx1g -XX:+UseG1GC"]
 * </pre>
 *
 * {@code --host-cp} runs another build of the host (e.g. an older commit's) with this harness.
 */
public final class BigBodyMemory {
  private BigBodyMemory() {}

  private static boolean quiet = true;

  /** One run's peaks, in bytes. */
  record Peaks(long rss, long heapAfterGc, long heapBeforeGc, int exit, String spiderSaid) {}

  public static void main(String[] args) throws Exception {
    int mb = 200;
    int runs = 3;
    String hostCp = System.getProperty("java.class.path");
    List<String> hostJvm = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--host-cp" -> hostCp = args[++i];
        case "--host-jvm" -> hostJvm.addAll(List.of(args[++i].trim().split("\\s+")));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long bigSize = (long) mb << 20;
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/big.html", ex -> serve(ex, bigSize));
    server.createContext("/small.html", ex -> serve(ex, 1024));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path work = Files.createTempDirectory("bigbody");
    System.out.printf(
        Locale.ROOT,
        "one page of %d MiB (text/html, UTF-8, 1 in 64 chars non-ASCII) through the host;"
            + " host JVM options: %s%n",
        mb,
        hostJvm.isEmpty() ? "(default)" : String.join(" ", hostJvm));
    try {
      List<Double> rssRatios = new ArrayList<>();
      List<Double> heapRatios = new ArrayList<>();
      for (int r = 1; r <= runs; r++) {
        Peaks small = run(base + "/small.html", hostCp, hostJvm, work);
        Peaks big = run(base + "/big.html", hostCp, hostJvm, work);
        double rss = (double) (big.rss() - small.rss()) / bigSize;
        double heap = (double) (big.heapAfterGc() - small.heapAfterGc()) / bigSize;
        rssRatios.add(rss);
        heapRatios.add(heap);
        System.out.printf(
            Locale.ROOT,
            "run %d: 1 KiB page: peak RSS %6.1f MiB, heap after GC %6.1f MiB | %d MiB page: peak"
                + " RSS %7.1f MiB, heap after GC %7.1f MiB (before GC %7.1f MiB), host exit %d,"
                + " spider: %s%n       body cost: RSS %.2f x body, live heap %.2f x body%n",
            r,
            small.rss() / 1048576.0,
            small.heapAfterGc() / 1048576.0,
            mb,
            big.rss() / 1048576.0,
            big.heapAfterGc() / 1048576.0,
            big.heapBeforeGc() / 1048576.0,
            big.exit(),
            big.spiderSaid(),
            rss,
            heap);
      }
      rssRatios.sort(null);
      heapRatios.sort(null);
      System.out.printf(
          Locale.ROOT,
          "median over %d runs: peak RSS %.2f x body, heap after GC %.2f x body"
              + " (target <= 3.0)%n",
          runs,
          rssRatios.get(runs / 2),
          heapRatios.get(runs / 2));
      StringBuilder sweep = new StringBuilder("capped heap, -Xmx = 64 MiB + k x body:");
      for (double k : new double[] {3.0, 2.0, 1.5, 1.25, 1.0}) {
        List<String> jvm = new ArrayList<>(hostJvm);
        jvm.add("-Xmx" + ((64L << 20) + (long) (k * bigSize)) / 1048576 + "m");
        Peaks capped = run(base + "/big.html", hostCp, jvm, work);
        boolean ok = capped.exit() == 0 && capped.spiderSaid().startsWith("read ");
        sweep.append(String.format(Locale.ROOT, "  k=%.2f %s", k, ok ? "ok" : "FAILED"));
        if (!ok) {
          break;
        }
      }
      System.out.println(sweep);
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** A page of {@code size} bytes, streamed (the harness never holds it). */
  private static void serve(com.sun.net.httpserver.HttpExchange ex, long size) throws IOException {
    byte[] unit =
        ("<p>" + "x".repeat(56) + "caf\u00e9</p>\n").getBytes(StandardCharsets.UTF_8); // 64 bytes
    byte[] chunk = new byte[unit.length * 1024];
    for (int i = 0; i < 1024; i++) {
      System.arraycopy(unit, 0, chunk, i * unit.length, unit.length);
    }
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(200, size);
    try (OutputStream out = ex.getResponseBody()) {
      for (long sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
      }
    }
  }

  private static Peaks run(String url, String hostCp, List<String> hostJvm, Path work)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path gcLog = work.resolve("gc.log");
    Path hostLog = work.resolve("host.log");
    Files.deleteIfExists(gcLog);
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(hostJvm);
    cmd.addAll(
        List.of(
            "-Xlog:gc:file=" + gcLog,
            "-cp",
            hostCp,
            "io.streamspider.host.HostMain",
            "streaming",
            "-s",
            "LOG_LEVEL=INFO",
            "--",
            java,
            "-Xmx32m",
            "-cp",
            System.getProperty("java.class.path"),
            ConsumingSpider.class.getName(),
            url));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(hostLog.toFile()).start();
    long rss = 0;
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (p.isAlive()) {
      if (System.nanoTime() > deadline) {
        p.destroyForcibly(); // a host that stalls (an unanswered request) counts as failed
        System.out.println("host stalled for 5 minutes; killed");
      }
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            rss = Math.max(rss, Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
          }
        }
      } catch (IOException | RuntimeException gone) {
        // the process ended between isAlive and the read
      }
      Thread.sleep(20);
    }
    int exit = p.waitFor();
    String log = Files.readString(hostLog);
    Matcher said = Pattern.compile("read a line of (\\d+) bytes").matcher(log);
    String spiderSaid =
        said.find() ? "read " + said.group(1) + " bytes" : "NO ANSWER (see " + hostLog + ")";
    long after = 0;
    long before = 0;
    Matcher gc =
        Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(")
            .matcher(Files.exists(gcLog) ? Files.readString(gcLog) : "");
    while (gc.find()) {
      before = Math.max(before, bytes(gc.group(1), gc.group(2)));
      after = Math.max(after, bytes(gc.group(3), gc.group(4)));
    }
    if (exit != 0 && !quiet) {
      System.out.println(
          "host exited with "
              + exit
              + "; the end of its log:\n"
              + log.substring(Math.max(0, log.length() - 3000)));
    }
    return new Peaks(rss, after, before, exit, spiderSaid);
  }

  private static long bytes(String n, String unit) {
    long v = Long.parseLong(n);
    return switch (unit) {
      case "K" -> v << 10;
      case "M" -> v << 20;
      default -> v << 30;
    };
  }
}
