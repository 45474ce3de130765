package io.streamspider.bench.runtime;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process benchmarks of the runtime (issue "Runtime", Benchmarks). Every figure is a ratio
 * against a baseline measured in the same run, alternating, medians of several rounds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.runtime.RuntimeBench dispatch|startup|memory|all
 * </pre>
 */
public final class RuntimeBench {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String CP = System.getProperty("java.class.path");

  private RuntimeBench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    if (what.equals("dispatch") || what.equals("all")) {
      dispatch(intArg(args, "--pages", 200_000), intArg(args, "--rounds", 5));
    }
    if (what.equals("startup") || what.equals("all")) {
      startup(intArg(args, "--rounds", 15));
    }
    if (what.equals("memory") || what.equals("all")) {
      memory(intArg(args, "--pages", 100_000));
    }
  }

  private static int intArg(String[] args, String name, int def) {
    int i = Arrays.asList(args).indexOf(name);
    return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : def;
  }

  /** Host lines as the real host writes them: body first, headers as arrays, extra meta. */
  static Path hostScript(int pages, int bodyBytes) throws Exception {
    Path f = Files.createTempFile("bench-host", ".jsonl");
    f.toFile().deleteOnExit();
    StringBuilder body = new StringBuilder("<html><head><title>Product</title></head><body>");
    Random r = new Random(1);
    while (body.length() < bodyBytes) {
      body.append("<div class=\\\"item\\\"><a href=\\\"/p/")
          .append(r.nextInt(100000))
          .append("\\\">caf\\u00e9 ")
          .append(r.nextInt())
          .append("</a><span class=\\\"price\\\">")
          .append(r.nextInt(1000))
          .append("</span></div>\\n");
    }
    body.append("</body></html>");
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("{\"type\": \"ready\", \"status\": \"ready\"}\n");
      for (int n = 0; n < pages; n++) {
        String id = n == 0 ? "parse" : "page#" + n;
        String url =
            n == 0
                ? "http://127.0.0.1:9/start"
                : "http://127.0.0.1:9/page/" + n + "?sort=asc&page=" + n;
        w.write(
            "{\"url\": \""
                + url
                + "\", \"headers\": {\"Content-Length\": [\""
                + bodyBytes
                + "\"], \"Server\": [\"nginx\"], \"Content-Type\": [\"text/html\"]}, \"status\":"
                + " 200, \"meta\": {\"request_id\": \""
                + id
                + "\", \"download_timeout\": 180.0, \"download_slot\": \"127.0.0.1\","
                + " \"download_latency\": 0.0019}, \"flags\": [], \"body\": \""
                + body
                + "\", \"id\": \""
                + id
                + "\", \"type\": \"response\"}\n");
      }
    }
    return f;
  }

  private static List<String> runtimeCommand(String... extra) {
    List<String> c = new ArrayList<>(List.of(JAVA, "-cp", CP));
    c.addAll(List.of(extra));
    return c;
  }

  private static long timedRun(List<String> cmd, Path stdin) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(stdin.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    long t0 = System.nanoTime();
    Process p = pb.start();
    int exit = p.waitFor();
    long t = System.nanoTime() - t0;
    if (exit != 0) {
      throw new IllegalStateException("exit " + exit + ": " + cmd);
    }
    return t;
  }

  static void dispatch(int pages, int rounds) throws Exception {
    Path script = hostScript(pages, 2048);
    List<String> runtime =
        runtimeCommand(
            "io.streamspider.runtime.StreamSpider",
            "bench",
            "-a",
            "pages=" + pages,
            "-s",
            "LOG_LEVEL=INFO");
    List<String> bare = runtimeCommand("io.streamspider.bench.runtime.BareJacksonLoop");
    double[] rt = new double[rounds];
    double[] base = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      base[i] = pages / (timedRun(bare, script) / 1e9);
      rt[i] = pages / (timedRun(runtime, script) / 1e9);
    }
    Arrays.sort(rt);
    Arrays.sort(base);
    double mr = rt[rounds / 2];
    double mb = base[rounds / 2];
    System.out.printf(
        "dispatch: %d responses of ~2 KiB in, one request out each, whole process, median of %d%n",
        pages, rounds);
    System.out.printf("  runtime loop          %,10.0f responses/s%n", mr);
    System.out.printf("  bare Jackson loop     %,10.0f responses/s%n", mb);
    System.out.printf("  ratio runtime/bare    %10.2f   (target >= 0.80)%n", mr / mb);
  }

  /** Start of the process to its first stdout line. */
  private static long toFirstLine(List<String> cmd, boolean sendReady) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (sendReady) {
      OutputStream o = p.getOutputStream();
      o.write("{\"type\": \"ready\", \"status\": \"ready\"}\n".getBytes(StandardCharsets.UTF_8));
      o.flush();
    }
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null
        && !line.contains("\"type\":\"spider\"")
        && !line.contains("hello")) {
      // log lines before the spider line
    }
    long t = System.nanoTime() - t0;
    p.destroyForcibly();
    p.waitFor();
    if (line == null) {
      throw new IllegalStateException("no first line from " + cmd);
    }
    return t;
  }

  static void startup(int rounds) throws Exception {
    List<String> runtime = runtimeCommand("io.streamspider.runtime.StreamSpider", "bench");
    List<String> hello = runtimeCommand("io.streamspider.bench.runtime.HelloJvm");
    long[] rt = new long[rounds];
    long[] base = new long[rounds];
    toFirstLine(runtime, true); // warm the page cache for both
    toFirstLine(hello, false);
    for (int i = 0; i < rounds; i++) {
      base[i] = toFirstLine(hello, false);
      rt[i] = toFirstLine(runtime, true);
    }
    Arrays.sort(rt);
    Arrays.sort(base);
    System.out.printf("startup: process start to first line, median of %d%n", rounds);
    System.out.printf("  runtime to spider line  %6.0f ms%n", rt[rounds / 2] / 1e6);
    System.out.printf("  bare JVM to one line    %6.0f ms%n", base[rounds / 2] / 1e6);
    System.out.printf(
        "  ratio                   %6.2f   (target <= 3.0)%n",
        (double) rt[rounds / 2] / base[rounds / 2]);
  }

  static void memory(int pages) throws Exception {
    Path script = hostScript(pages, 2048);
    for (boolean dontFilter : new boolean[] {true, false}) {
      Path items = Files.createTempFile("bench-heap", ".jsonl");
      items.toFile().deleteOnExit();
      List<String> runtime =
          runtimeCommand(
              "-Xmx256m",
              "io.streamspider.runtime.StreamSpider",
              "bench",
              "-a",
              "pages=" + pages,
              "-a",
              "heapEvery=" + Math.max(1, pages / 10),
              "-a",
              "dontFilter=" + dontFilter,
              "-s",
              "LOG_LEVEL=INFO",
              "-O",
              items.toString());
      timedRun(runtime, script);
      List<Long> heap = new ArrayList<>();
      Pattern p = Pattern.compile("\"heapUsed\": ?(\\d+)");
      for (String l : Files.readAllLines(items)) {
        Matcher m = p.matcher(l);
        if (m.find()) {
          heap.add(Long.parseLong(m.group(1)));
        }
      }
      System.out.printf(
          "memory: heap in use after a full GC, every %d of %d responses, each answered by a"
              + " request to a new URL%n",
          pages / 10, pages);
      System.out.println(
          dontFilter
              ? "  with dont_filter (nothing recorded): per-request state only"
              : "  filtered (each URL's 16-byte fingerprint is recorded, as Scrapy's dupefilter"
                  + " does)");
      for (int i = 0; i < heap.size(); i++) {
        System.out.printf(
            "  after %7d responses: %6.2f MiB%n", (i + 1) * (pages / 10), heap.get(i) / 1048576.0);
      }
      System.out.printf(
          "  last/first: %.2f, growth per response after the first tenth: %.1f bytes%n",
          (double) heap.get(heap.size() - 1) / heap.get(0),
          (heap.get(heap.size() - 1) - heap.get(0)) / (pages * 0.9));
    }

    // the 50 MB base64 body in a heap of 3x its size, and below
    int raw = 50 * 1024 * 1024 * 3 / 4;
    byte[] blob = new byte[raw];
    new Random(3).nextBytes(blob);
    Path big = Files.createTempFile("bench-b64", ".jsonl");
    big.toFile().deleteOnExit();
    String b64 = Base64.getEncoder().encodeToString(blob);
    Files.writeString(
        big,
        "{\"type\": \"ready\"}\n"
            + "{\"type\": \"response\", \"id\": \"parse\", \"url\": \"http://127.0.0.1:9/start\","
            + " \"status\": 200, \"body\": \"<html></html>\"}\n"
            + "{\"url\": \"http://127.0.0.1:9/blob\", \"status\": 200, \"body\": \""
            + b64
            + "\", \"id\": \"blob#1\", \"type\": \"response\"}\n");
    System.out.printf(
        "memory: one %d MB base64 body (%d MB decoded) through the loop%n",
        b64.length() / 1_000_000, raw / 1_000_000);
    for (String gc : new String[] {"-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:+UseParallelGC"}) {
      StringBuilder line = new StringBuilder("  " + gc + ":");
      for (int mb : new int[] {150, 120, 100, 80}) {
        List<String> cmd =
            runtimeCommand(
                gc,
                "-Xmx" + mb + "m",
                "io.streamspider.runtime.StreamSpider",
                "bench",
                "-a",
                "blob=true",
                "-s",
                "LOG_LEVEL=INFO");
        boolean ok = closes(cmd, big);
        line.append(
            String.format(
                "  -Xmx%dm (%.1fx) %s", mb, mb * 1048576.0 / b64.length(), ok ? "ok" : "FAILED"));
      }
      System.out.println(line);
    }
  }

  /** Whether the run ends with its close message (an OutOfMemoryError ends it otherwise). */
  private static boolean closes(List<String> cmd, Path stdin) throws Exception {
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(stdin.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    boolean closed = false;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        closed |= line.equals("{\"type\":\"close\"}");
      }
    }
    p.waitFor();
    return closed;
  }
}
