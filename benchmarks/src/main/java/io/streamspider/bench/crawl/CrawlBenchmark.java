package io.streamspider.bench.crawl;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Macro benchmark: crawls a generated shop served by nginx on 127.0.0.1 with StreamSpider's
 * embedded host ({@code --local}: host JVM + spider JVM), plain Scrapy and WebMagic, each as its
 * own processes, interleaved round by round, and prints per side and run: pages/s, CPU seconds of
 * all the side's processes (and per 1,000 pages), peak resident memory summed over the side's
 * processes, whether every item is correct and every page was fetched exactly once (counted by the
 * server); then ratios to Scrapy measured in the same run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.crawl.CrawlBenchmark
 *     --spider-jar bench-spider/target/bench-spider.jar
 *     [--profile realistic|small] [--pages 5000] [--runs 3] [--sides host,scrapy,webmagic]
 *     [--links 10] [--concurrency 16] [--per-domain 8] [--webmagic-threads 16]
 *     [--server nginx|jdk] [--keep]
 * </pre>
 *
 * <p>Sides: "scrapy"; "webmagic" ({@link WebMagicSide}); "host[+MODIFIER]..." (see {@link
 * #hostSide}), the whole process on the embedded host, needs {@code --spider-jar}; "engine" /
 * "engine-c1" (small profile only): the host's download engine in-process, not the whole host.
 * {@code --pages} is the number of product pages; the realistic profile adds a listing page per 50
 * products, the small one a start page.
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
    int runs = 3;
    int webmagicThreads = 16;
    Site.Profile profile = Site.Profile.REALISTIC;
    List<String> sides = null;
    Path spiderJar = null;
    Path baseJar = null;
    String serverKind = NginxServer.available() ? "nginx" : "jdk";
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pages" -> pages = Integer.parseInt(args[++i]);
        case "--links" -> links = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--per-domain" -> perDomain = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--webmagic-threads" -> webmagicThreads = Integer.parseInt(args[++i]);
        case "--profile" -> profile = Site.Profile.parse(args[++i]);
        case "--sides" -> sides = List.of(args[++i].split(","));
        case "--spider-jar" -> spiderJar = Path.of(args[++i]).toAbsolutePath();
        case "--base-jar" -> baseJar = Path.of(args[++i]).toAbsolutePath();
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
      sides = new ArrayList<>();
      if (spiderJar != null) {
        sides.add("host");
      }
      if (scrapy) {
        sides.add("scrapy");
      }
      sides.add("webmagic");
    }
    Path work = Files.createTempDirectory("crawl-bench");
    try {
      System.out.printf(
          Locale.ROOT,
          "generating the %s site: %d product pages in %s%n",
          profile.id(),
          pages,
          work);
      Site site = Site.generate(work.resolve("site"), profile, pages, links, 42);
      System.out.printf(
          Locale.ROOT,
          "  %d pages to fetch, %.1f MB of HTML%n",
          site.expectedPaths().size(),
          site.bytes() / 1e6);
      CrawlSide.Config config = new CrawlSide.Config(concurrency, perDomain);
      List<Row> rows = new ArrayList<>();
      String serverDescription = null;
      // runs interleave the sides, so that a busy machine weighs on all of them alike
      for (int run = 1; run <= runs; run++) {
        for (String name : sides) {
          CrawlSide side = side(name, scrapy, spiderJar, baseJar, profile, webmagicThreads);
          Path runDir = Files.createDirectories(work.resolve(name + "-" + run));
          try (SiteServer server =
              serverKind.equals("nginx") ? new NginxServer() : new JdkSiteServer()) {
            String base = server.start(site.root(), runDir);
            serverDescription = server.describe();
            String load = loadAverage();
            System.out.printf(
                Locale.ROOT,
                "%s, run %d (load average %s): crawling %s%n",
                side.label(),
                run,
                load,
                base + site.startPath());
            CrawlSide.Result result = side.crawl(base + site.startPath(), config, runDir);
            server.close();
            String once = checkOnce(server.hits(), site);
            String items = checkItems(result.itemsFile(), site);
            rows.add(new Row(name, run, result, once, items, load));
            System.out.printf(
                Locale.ROOT,
                "  %d pages, %d items, %d failures in %.2f s crawl (%.2f s wall): %.0f pages/s,"
                    + " %.1f CPU s (%.2f per 1,000 pages; by process: %s), peak RSS %.0f MiB (%s;"
                    + " by quarter %s)%n  server: %s; items: %s%n",
                result.pages(),
                result.items(),
                result.failures(),
                result.crawlSeconds(),
                result.wallSeconds(),
                result.pagesPerSecond(),
                result.cpuSeconds(),
                result.cpuPerThousandPages(),
                result.cpuPerThousandByProcess(),
                result.peakRssMib(),
                result.perProcessMib(),
                result.rssQuarters(),
                once,
                items);
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

  private record Row(
      String side, int run, CrawlSide.Result result, String once, String items, String load) {}

  private static CrawlSide side(
      String name,
      boolean scrapy,
      Path spiderJar,
      Path baseJar,
      Site.Profile profile,
      int threads) {
    return switch (name) {
      case "engine", "engine-c1" -> {
        if (profile != Site.Profile.SMALL) {
          throw new IllegalArgumentException(
              "side " + name + " crawls the small profile only (--profile small)");
        }
        yield EngineOnlySide.side(
            name.equals("engine") ? List.of() : List.of("-XX:TieredStopAtLevel=1"));
      }
      case "scrapy" -> {
        if (!scrapy) {
          throw new IllegalStateException("python3-scrapy is not importable by " + PYTHON);
        }
        yield ProcessSide.scrapy(PYTHON, profile);
      }
      case "webmagic" -> WebMagicSide.side(profile, threads);
      default -> {
        if (!name.equals("host") && !name.startsWith("host+")) {
          throw new IllegalArgumentException("unknown side " + name);
        }
        if (spiderJar == null) {
          throw new IllegalArgumentException(
              "side " + name + " needs --spider-jar (bench-spider/target/bench-spider.jar)");
        }
        if (List.of(name.split("\\+")).contains("base")) {
          if (baseJar == null) {
            throw new IllegalArgumentException("side " + name + " needs --base-jar");
          }
          yield hostSide(name, baseJar, profile);
        }
        yield hostSide(name, spiderJar, profile);
      }
    };
  }

  /**
   * Side {@code host[+MODIFIER]...}: the whole process on the embedded host, spider {@code
   * shopreal} (realistic profile) or {@code shopbench} (small). Modifiers: {@code jsoup} (small
   * profile: spider {@code shopbench_jsoup}, extraction in the spider, not host selectors), {@code
   * jdk} (the JDK's own memory ergonomics instead of the launcher's defaults: {@code
   * -XX:MaxRAMPercentage=25}, the JDK's default, given as a user would, which turns the launcher's
   * sizing off); as a user would type them on the {@code java} command (the spider JVM inherits
   * them): {@code xmxN} ({@code -XmxNm}), {@code xssN} ({@code -XssNk}), {@code serial}/{@code
   * parallel}/{@code g1} ({@code -XX:+UseSerialGC}, ...), {@code c1} ({@code
   * -XX:TieredStopAtLevel=1}), {@code c2} ({@code -XX:TieredStopAtLevel=4}: C2 in both JVMs);
   * {@code hc1}/{@code hserial} (host JVM: {@code -XX:TieredStopAtLevel=1} / {@code
   * -XX:+UseSerialGC}), {@code sc1}/{@code sserial} (the same for the spider JVM), {@code same}
   * (the spider in the host's JVM: {@code -s SPIDER_JVM=same}), {@code hjfr} / {@code sjfr} (a
   * flight recording of the host / spider JVM: {@code host.jfr} / {@code spider.jfr} in the run's
   * directory, see {@code --keep}). With {@code sc1}, {@code sserial}, {@code hjfr} or {@code sjfr}
   * the harness starts the two JVMs itself, each with the launcher's defaults (no launcher JVM; see
   * {@link ProcessSide#embeddedHost}). {@code hxmnN} / {@code sxmnN}: the same, with the host's /
   * spider's default {@code -Xmn} replaced by {@code -XmnNm} (the rest of the defaults kept).
   * {@code base}: the jar given with {@code --base-jar} instead of {@code --spider-jar} (an A/B of
   * two builds in one run; the jar's own launcher defaults apply).
   */
  static CrawlSide hostSide(String name, Path spiderJar, Site.Profile profile) {
    String spider = profile == Site.Profile.REALISTIC ? "shopreal" : "shopbench";
    List<String> hostOptions = new ArrayList<>();
    List<String> spiderOptions = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    boolean explicit = false;
    String[] hostXmn = {null};
    String[] spiderXmn = {null};
    List<String> parts = List.of(name.split("\\+"));
    for (String m : parts.subList(1, parts.size())) {
      switch (m) {
        case "jsoup" -> {
          if (profile != Site.Profile.SMALL) {
            throw new IllegalArgumentException("host+jsoup crawls the small profile only");
          }
          spider = "shopbench_jsoup";
        }
        case "jdk" -> hostOptions.add("-XX:MaxRAMPercentage=25");
        // the spider in the host's JVM (--local -s SPIDER_JVM=same)
        case "same" -> settings.add("SPIDER_JVM=same");
        case "serial" -> hostOptions.add("-XX:+UseSerialGC");
        case "parallel" -> hostOptions.add("-XX:+UseParallelGC");
        case "g1" -> hostOptions.add("-XX:+UseG1GC");
        case "c1" -> hostOptions.add("-XX:TieredStopAtLevel=1");
        case "c2" -> hostOptions.add("-XX:TieredStopAtLevel=4");
        case "hc1" -> hostOptions.add("-XX:TieredStopAtLevel=1");
        case "hserial" -> hostOptions.add("-XX:+UseSerialGC");
        case "sc1" -> spiderOptions.add("-XX:TieredStopAtLevel=1");
        case "sserial" -> spiderOptions.add("-XX:+UseSerialGC");
        // a flight recording of the host JVM, host.jfr in the run's directory (keep it with --keep)
        case "hjfr" -> {
          hostOptions.add("-XX:StartFlightRecording=filename=host.jfr,settings=profile");
          explicit = true;
        }
        // the same of the spider JVM, spider.jfr; JFR's start-up line would go to its stdout,
        // the protocol's pipe
        case "base" -> {}
        case "sjfr" -> {
          spiderOptions.add("-Xlog:jfr+startup=off");
          spiderOptions.add("-XX:StartFlightRecording=filename=spider.jfr,settings=profile");
        }
        default -> {
          if (m.matches("xmx\\d+")) {
            hostOptions.add("-Xmx" + m.substring(3) + "m");
          } else if (m.matches("[hs]xmn\\d+")) {
            (m.charAt(0) == 'h' ? hostXmn : spiderXmn)[0] = "-Xmn" + m.substring(4) + "m";
            explicit = true;
          } else if (m.matches("xss\\d+")) {
            hostOptions.add("-Xss" + m.substring(3) + "k");
          } else {
            throw new IllegalArgumentException("unknown modifier " + m + " in side " + name);
          }
        }
      }
    }
    String label =
        "StreamSpider "
            + name
            + " ("
            + spider
            + ")"
            + (hostOptions.isEmpty() ? "" : "; java " + String.join(" ", hostOptions))
            + (spiderOptions.isEmpty() ? "" : "; spider JVM " + String.join(" ", spiderOptions))
            + (settings.isEmpty() ? "" : "; -s " + String.join(" -s ", settings));
    return ProcessSide.embeddedHost(
        label,
        Path.of(System.getProperty("java.home"), "bin", "java"),
        spiderJar,
        spider,
        hostOptions,
        spiderOptions,
        settings,
        explicit || !spiderOptions.isEmpty(),
        hostXmn[0],
        spiderXmn[0]);
  }

  /** "every page exactly once", or what differs, from the server's own count. */
  static String checkOnce(Map<String, Integer> hits, Site site) {
    int missing = 0;
    int repeated = 0;
    for (String p : site.expectedPaths()) {
      Integer n = hits.get(p);
      if (n == null) {
        missing++;
      } else if (n > 1) {
        repeated++;
      }
    }
    java.util.Set<String> expected = new java.util.HashSet<>(site.expectedPaths());
    long other = hits.keySet().stream().filter(k -> !expected.contains(k)).count();
    if (missing == 0 && repeated == 0 && other == 0) {
      return "every page exactly once";
    }
    return missing
        + " pages missing, "
        + repeated
        + " fetched more than once, "
        + other
        + " other paths";
  }

  private static final Pattern PRODUCT_URL = Pattern.compile("^https?://[^/]+(/p/(\\d+)\\.html)$");

  /**
   * Every product's item exactly once, each field as the site says it: "all N correct", or the
   * counts of what is wrong and the first wrong item. Items of other pages (the small profile's
   * start page) are counted apart.
   */
  static String checkItems(Path itemsFile, Site site) throws IOException {
    ObjectMapper json = new ObjectMapper();
    int[] seen = new int[site.pages()];
    long wrong = 0;
    long other = 0;
    String firstWrong = null;
    try (var lines = Files.lines(itemsFile, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isBlank()) {
          continue;
        }
        Map<?, ?> item = json.readValue(line, Map.class);
        Matcher m = PRODUCT_URL.matcher(String.valueOf(item.get("url")));
        if (!m.matches()) {
          other++;
          continue;
        }
        int i = Integer.parseInt(m.group(2));
        Site.Item want = site.expectedItem(i);
        seen[i]++;
        boolean ok =
            want.title().equals(item.get("title"))
                && want.price().equals(item.get("price"))
                && (want.sku() == null || want.sku().equals(item.get("sku")));
        if (!ok) {
          wrong++;
          if (firstWrong == null) {
            firstWrong = line + " (expected " + want + ")";
          }
        }
      }
    }
    long missing = 0;
    long repeated = 0;
    for (int n : seen) {
      if (n == 0) {
        missing++;
      } else if (n > 1) {
        repeated++;
      }
    }
    String others = other == 0 ? "" : " (+" + other + " of other pages)";
    if (wrong == 0 && missing == 0 && repeated == 0) {
      return "all " + site.pages() + " correct" + others;
    }
    return wrong
        + " wrong, "
        + missing
        + " missing, "
        + repeated
        + " repeated"
        + others
        + (firstWrong == null ? "" : "; first wrong: " + firstWrong);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void report(
      List<Row> rows, Site site, CrawlSide.Config config, String server, String[] args) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "site: %s profile, %d product pages (%d pages to fetch); server: %s;"
            + " CONCURRENT_REQUESTS=%d, CONCURRENT_REQUESTS_PER_DOMAIN=%d, LOG_LEVEL=INFO; %d"
            + " processors; %s%n",
        site.profile().id(),
        site.pages(),
        site.expectedPaths().size(),
        server,
        config.concurrentRequests(),
        config.concurrentRequestsPerDomain(),
        Runtime.getRuntime().availableProcessors(),
        javaAndPython());
    System.out.println();
    System.out.println(
        "| side | run | load avg (1/5/15 min) | pages | crawl s | pages/s | CPU s | CPU s / 1,000"
            + " pages | CPU s / 1,000 pages by process | peak RSS MiB (sum) | RSS MiB by process"
            + " (own peak) | RSS MiB by quarter | items | server count |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      CrawlSide.Result x = r.result();
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %s | %d | %.2f | %.0f | %.1f | %.2f | %s | %.0f | %s | %s | %s | %s |%n",
          x.label(),
          r.run(),
          r.load(),
          x.pages(),
          x.crawlSeconds(),
          x.pagesPerSecond(),
          x.cpuSeconds(),
          x.cpuPerThousandPages(),
          x.cpuPerThousandByProcess(),
          x.peakRssMib(),
          x.perProcessMib(),
          x.rssQuarters(),
          r.items(),
          r.once());
    }
    List<String> names = rows.stream().map(Row::side).distinct().toList();
    System.out.println();
    System.out.println(
        "Medians over the runs; ratios to Scrapy's medians of the same run "
            + "(pages/s: higher is better; CPU and RSS: Scrapy / side, higher is better):");
    System.out.println();
    System.out.println(
        "| side | pages/s | CPU s / 1,000 pages | CPU s / 1,000 pages by process | peak RSS MiB |"
            + " pages/s vs Scrapy | CPU per page: Scrapy / side | all items correct, every page"
            + " once |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Double scrapyRate =
        names.contains("scrapy") ? median(rows, "scrapy", r -> r.result().pagesPerSecond()) : null;
    Double scrapyCpu =
        names.contains("scrapy")
            ? median(rows, "scrapy", r -> r.result().cpuPerThousandPages())
            : null;
    for (String side : names) {
      double rate = median(rows, side, r -> r.result().pagesPerSecond());
      double cpu = median(rows, side, r -> r.result().cpuPerThousandPages());
      double rss = median(rows, side, r -> r.result().peakRssMib());
      boolean allOk =
          rows.stream()
              .filter(r -> r.side().equals(side))
              .allMatch(
                  r -> r.items().startsWith("all ") && r.once().equals("every page exactly once"));
      String label =
          rows.stream()
              .filter(r -> r.side().equals(side))
              .findFirst()
              .orElseThrow()
              .result()
              .label();
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.2f | %s | %.0f | %s | %s | %s |%n",
          label,
          rate,
          cpu,
          medianByProcess(rows, side),
          rss,
          scrapyRate == null ? "-" : String.format(Locale.ROOT, "%.2fx", rate / scrapyRate),
          scrapyCpu == null ? "-" : String.format(Locale.ROOT, "%.2fx", scrapyCpu / cpu),
          allOk ? "yes" : "NO");
    }
    System.out.println();
    System.out.println(
        "command: java -cp benchmarks/target/benchmarks.jar"
            + " io.streamspider.bench.crawl.CrawlBenchmark "
            + String.join(" ", args));
  }

  /**
   * The median over the side's runs of each process's CPU s per 1,000 pages; "-" if one process.
   */
  private static String medianByProcess(List<Row> rows, String side) {
    List<CrawlSide.Result> results =
        rows.stream().filter(r -> r.side().equals(side)).map(Row::result).toList();
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    results.forEach(x -> names.addAll(x.cpuByProcess().keySet()));
    if (names.size() <= 2) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      double[] v =
          results.stream()
              .mapToDouble(x -> x.cpuByProcess().getOrDefault(name, 0.0) * 1000.0 / x.pages())
              .sorted()
              .toArray();
      double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      parts.add(String.format(Locale.ROOT, "%s %.2f", name, m));
    }
    return String.join(", ", parts);
  }

  private static double median(
      List<Row> rows, String side, java.util.function.ToDoubleFunction<Row> f) {
    double[] v = rows.stream().filter(r -> r.side().equals(side)).mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String javaAndPython() {
    return "Java " + System.getProperty("java.version");
  }

  static boolean scrapyAvailable() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import scrapy")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
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
