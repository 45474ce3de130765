package io.streamspider.bench.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Macro benchmark: crawls a generated site of 5,000+ pages served by nginx on 127.0.0.1 with
 * the host's engine and with plain Scrapy, in the same run, and prints pages/s for each, the
 * ratio, and whether every page was fetched exactly once (counted by the server).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.crawl.CrawlBenchmark
 *     [--pages 5000] [--links 10] [--concurrency 16] [--per-domain 8] [--runs 1]
 *     [--sides engine,engine-c1,scrapy,host,host+jsoup,host+hc1+sc1,...] [--spider-jar bench-spider/target/bench-spider.jar]
 *     [--server nginx|jdk] [--keep]
 * </pre>
 *
 * <p>Side "engine" is ENGINE ONLY (an in-process spider loop on the engine, in its own JVM with
 * default options); "engine-c1" is the same with {@code -XX:TieredStopAtLevel=1} (no C2 JIT, which
 * costs a short crawl on a small machine more than it gives back); {@code --spider-jar} adds
 * sides "host[+MODIFIER]..." (see {@link #hostSide}), the whole process on the embedded host.
 */
public final class CrawlBenchmark {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private CrawlBenchmark() {}

  public static void main(String[] args) throws Exception {
    // the in-process "engine" side gets the same HTTP client threading as the host's entry points
    String poolWarning = io.streamspider.host.internal.AsyncPool.ensureCommonPool();
    if (poolWarning != null) {
      System.err.println("warning: " + poolWarning);
    }
    int pages = 5000;
    int links = 10;
    int concurrency = 16;
    int perDomain = 8;
    int runs = 1;
    List<String> sides = null;
    Path spiderJar = null;
    String serverKind = NginxServer.available() ? "nginx" : "jdk";
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pages" -> pages = Integer.parseInt(args[++i]);
        case "--links" -> links = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--per-domain" -> perDomain = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--sides" -> sides = List.of(args[++i].split(","));
        case "--spider-jar" -> spiderJar = Path.of(args[++i]).toAbsolutePath();
        case "--server" -> serverKind = args[++i];
        case "--keep" -> keep = true;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    boolean scrapy = scrapyAvailable();
    if (sides == null) {
      sides = new ArrayList<>(List.of("engine", "engine-c1"));
      if (spiderJar != null) {
        sides.add("host");
      }
      if (scrapy) {
        sides.add("scrapy");
      }
    }
    Path work = Files.createTempDirectory("crawl-bench");
    try {
      System.out.printf(Locale.ROOT, "generating %d pages with %d links each in %s%n", pages, links, work);
      Site site = Site.generate(work.resolve("site"), pages, links, 42);
      CrawlSide.Config config = new CrawlSide.Config(concurrency, perDomain);
      List<Row> rows = new ArrayList<>();
      String serverDescription = null;
      // runs interleave the sides, so that a busy machine weighs on both alike
      for (int run = 1; run <= runs; run++) {
        for (String name : sides) {
          CrawlSide side = side(name, scrapy, spiderJar);
          Path runDir = Files.createDirectories(work.resolve(name + "-" + run));
          try (SiteServer server = serverKind.equals("nginx") ? new NginxServer() : new JdkSiteServer()) {
            String base = server.start(site.root(), runDir);
            serverDescription = server.describe();
            System.out.printf(Locale.ROOT, "%s, run %d: crawling %s%n", side.label(), run, base + Site.START_PATH);
            CrawlSide.Result result = side.crawl(base + Site.START_PATH, config, runDir);
            server.close();
            String once = checkOnce(server.hits(), site);
            rows.add(new Row(name, run, result, once));
            System.out.printf(Locale.ROOT, "  %d pages, %d items, %d failures in %.2f s crawl (%.2f s wall): "
                + "%.0f pages/s; server count: %s%n", result.pages(), result.items(), result.failures(),
                result.crawlSeconds(), result.wallSeconds(), result.pagesPerSecond(), once);
          }
        }
      }
      report(rows, site, config, serverDescription, args);
    } finally {
      if (!keep) {
        delete(work);
      } else {
        System.out.println("kept " + work);
      }
    }
  }

  private record Row(String side, int run, CrawlSide.Result result, String once) {}

  private static CrawlSide side(String name, boolean scrapy, Path spiderJar) {
    return switch (name) {
      case "engine" -> EngineOnlySide.side(List.of());
      case "engine-c1" -> EngineOnlySide.side(List.of("-XX:TieredStopAtLevel=1"));
      case "scrapy" -> {
        if (!scrapy) {
          throw new IllegalStateException("python3-scrapy is not importable by " + PYTHON);
        }
        yield ProcessSide.scrapy(PYTHON);
      }
      default -> {
        if (!name.equals("host") && !name.startsWith("host+")) {
          throw new IllegalArgumentException("unknown side " + name);
        }
        if (spiderJar == null) {
          throw new IllegalArgumentException("side " + name + " needs --spider-jar (bench-spider/target/bench-spider.jar)");
        }
        yield hostSide(name, spiderJar);
      }
    };
  }

  /**
   * Side {@code host[+MODIFIER]...}: the whole process on the embedded host. Modifiers:
   * {@code jsoup} (spider {@code shopbench_jsoup}: extraction in the spider, not host selectors),
   * {@code hc1}/{@code hserial} (host JVM: {@code -XX:TieredStopAtLevel=1} / {@code -XX:+UseSerialGC}),
   * {@code sc1}/{@code sserial} (the same for the spider JVM), {@code hjfr} (a flight recording of
   * the host JVM: {@code host.jfr} in the run's directory, see {@code --keep}).
   */
  static CrawlSide hostSide(String name, Path spiderJar) {
    String spider = "shopbench";
    List<String> hostOptions = new ArrayList<>();
    List<String> spiderOptions = new ArrayList<>();
    List<String> parts = List.of(name.split("\\+"));
    for (String m : parts.subList(1, parts.size())) {
      switch (m) {
        case "jsoup" -> spider = "shopbench_jsoup";
        case "hc1" -> hostOptions.add("-XX:TieredStopAtLevel=1");
        case "hserial" -> hostOptions.add("-XX:+UseSerialGC");
        case "sc1" -> spiderOptions.add("-XX:TieredStopAtLevel=1");
        case "sserial" -> spiderOptions.add("-XX:+UseSerialGC");
        // a flight recording of the host JVM, host.jfr in the run's directory (keep it with --keep)
        case "hjfr" -> hostOptions.add("-XX:StartFlightRecording=filename=host.jfr,settings=profile");
        default -> throw new IllegalArgumentException("unknown modifier " + m + " in side " + name);
      }
    }
    String label = "host, spider " + spider + (spider.equals("shopbench") ? " (host selectors)" : " (jsoup in spider)")
        + "; host JVM " + (hostOptions.isEmpty() ? "defaults" : String.join(" ", hostOptions))
        + "; spider JVM " + (spiderOptions.isEmpty() ? "defaults" : String.join(" ", spiderOptions));
    return ProcessSide.embeddedHost(label, Path.of(System.getProperty("java.home"), "bin", "java"), spiderJar,
        spider, hostOptions, spiderOptions);
  }

  /** "every page exactly once", or what differs, from the server's own count. */
  static String checkOnce(Map<String, Integer> hits, Site site) {
    int missing = 0;
    int repeated = 0;
    for (int i = 0; i < site.pages(); i++) {
      Integer n = hits.get(Site.path(i));
      if (n == null) {
        missing++;
      } else if (n > 1) {
        repeated++;
      }
    }
    Integer start = hits.get(Site.START_PATH);
    if (start == null || start != 1) {
      repeated++;
    }
    long other = hits.keySet().stream().filter(k -> !k.matches("/p/\\d+\\.html") && !k.equals(Site.START_PATH))
        .count();
    if (missing == 0 && repeated == 0 && other == 0) {
      return "every page exactly once";
    }
    return missing + " pages missing, " + repeated + " fetched more than once, " + other + " other paths";
  }

  private static void report(List<Row> rows, Site site, CrawlSide.Config config, String server, String[] args) {
    System.out.println();
    System.out.printf(Locale.ROOT, "site: %d pages, %d links each; server: %s; CONCURRENT_REQUESTS=%d, "
        + "CONCURRENT_REQUESTS_PER_DOMAIN=%d, LOG_LEVEL=INFO%n", site.pages(), site.links(), server,
        config.concurrentRequests(), config.concurrentRequestsPerDomain());
    System.out.println();
    System.out.println("| side | run | pages | items | crawl s | pages/s | wall s | server count |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.0f | %.2f | %s |%n", r.result().label(),
          r.run(), r.result().pages(), r.result().items(), r.result().crawlSeconds(), r.result().pagesPerSecond(),
          r.result().wallSeconds(), r.once());
    }
    Row scrapy = best(rows, "scrapy");
    if (scrapy != null) {
      System.out.println();
      for (String side : rows.stream().map(Row::side).distinct().filter(n -> !n.equals("scrapy")).toList()) {
        Row ours = best(rows, side);
        if (ours != null) {
          System.out.printf(Locale.ROOT, "ratio %s / Scrapy (best runs, crawl time): %.1fx (%.0f / %.0f pages/s); "
              + "wall time: %.1fx%n", side, ours.result().pagesPerSecond() / scrapy.result().pagesPerSecond(),
              ours.result().pagesPerSecond(), scrapy.result().pagesPerSecond(),
              scrapy.result().wallSeconds() / ours.result().wallSeconds());
        }
      }
    }
    System.out.println();
    System.out.println("command: java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.crawl.CrawlBenchmark "
        + String.join(" ", args));
  }

  private static Row best(List<Row> rows, String side) {
    return rows.stream().filter(r -> r.side().equals(side))
        .max(Comparator.comparingDouble(r -> r.result().pagesPerSecond())).orElse(null);
  }

  static boolean scrapyAvailable() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import scrapy")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
