package io.streamspider.bench.crawl;

import io.streamspider.runtime.internal.LocalJvmDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole crawler process (plain Scrapy, or a spider jar on the embedded host) run as a child; its
 * numbers come from the stats dump it logs at the end ("Dumping Scrapy stats:", which the embedded
 * host prints in Scrapy's format too) and from the items file it writes.
 */
final class ProcessSide implements CrawlSide {
  private static final Pattern STAT = Pattern.compile("'([^']+)': ([^,\\n}]+)");

  /** Builds the command for a start URL, settings and items file. */
  interface Command {
    List<String> build(String startUrl, Config config, Path itemsFile, Path workDir)
        throws IOException;
  }

  private final String label;
  private final Command command;
  private final Map<String, String> environment;

  ProcessSide(String label, Command command) {
    this(label, command, Map.of());
  }

  /** {@code environment}: variables set for the side's process on top of the harness's own. */
  ProcessSide(String label, Command command, Map<String, String> environment) {
    this.label = label;
    this.command = command;
    this.environment = environment;
  }

  @Override
  public String label() {
    return label;
  }

  /**
   * Plain Scrapy: {@code python3 -m scrapy runspider} on the spider of the profile (CSS selectors,
   * {@code response.follow}), the same work as the other sides' spiders.
   */
  static ProcessSide scrapy(Path python, Site.Profile profile) {
    return new ProcessSide(
        "Scrapy 2.8 (runspider)",
        (startUrl, config, items, work) -> {
          Path spider = work.resolve("bench_spider.py");
          String body =
              profile == Site.Profile.SMALL
                  ? """
                      def parse(self, response):
                          yield {
                              "url": response.url,
                              "title": response.css("title::text").get(),
                              "price": response.css("span.price::text").get(),
                          }
                          for href in response.css("a::attr(href)").getall():
                              yield response.follow(href, callback=self.parse)
                  """
                  : """
                      def parse(self, response):
                          for href in response.css("ul.product-grid a.product-link::attr(href)").getall():
                              yield response.follow(href, callback=self.parse_product)
                          next_page = response.css("nav.pagination a.next::attr(href)").get()
                          if next_page is not None:
                              yield response.follow(next_page, callback=self.parse)

                      def parse_product(self, response):
                          yield {
                              "url": response.url,
                              "title": response.css("h1.product-title::text").get(),
                              "price": response.css("div.price-box span.price::text").get(),
                              "sku": response.css("span.sku::text").get(),
                          }
                          for href in response.css("section.related a.related-link::attr(href)").getall():
                              yield response.follow(href, callback=self.parse_product)
                  """;
          Files.writeString(
              spider,
              """
              import scrapy


              class BenchSpider(scrapy.Spider):
                  name = "bench"
                  start_urls = [%s]

              """
                      .formatted(pyString(startUrl))
                  + body,
              StandardCharsets.UTF_8);
          return List.of(
              python.toString(),
              "-m",
              "scrapy",
              "runspider",
              spider.toString(),
              "-s",
              "CONCURRENT_REQUESTS=" + config.concurrentRequests(),
              "-s",
              "CONCURRENT_REQUESTS_PER_DOMAIN=" + config.concurrentRequestsPerDomain(),
              "-s",
              "LOG_LEVEL=INFO",
              "-s",
              "TELNETCONSOLE_ENABLED=False",
              "-O",
              items + ":jsonlines");
        });
  }

  /**
   * A spider jar on the embedded host, the whole process. As a user runs it, when {@code explicit}
   * is false: {@code java [HOST_OPTS] -cp JAR io.streamspider.runtime.StreamSpider SPIDER --local
   * -a start_urls=... -a allowed_domains=127.0.0.1 -s ... -O items} (the launcher starts the host
   * JVM and the spider JVM with its memory defaults). When {@code explicit} (options for the spider
   * JVM alone, or a flight recording, which would keep the host in the first JVM without its
   * defaults), the host's own command with the spider command spelled out, each JVM with the
   * launcher's defaults ({@code LocalJvmDefaults}) it would have had: {@code java HOST_DEFAULTS
   * [HOST_OPTS] -cp JAR io.streamspider.host.HostMain streaming -s ... java SPIDER_DEFAULTS
   * [SPIDER_OPTS] -cp JAR io.streamspider.runtime.StreamSpider SPIDER -a ... -O items}.
   */
  static ProcessSide embeddedHost(
      String label,
      Path java,
      Path spiderJar,
      String spider,
      List<String> hostOptions,
      List<String> spiderOptions,
      List<String> extraSettings,
      boolean explicit,
      String hostXmn,
      String spiderXmn) {
    return new ProcessSide(
        label,
        (startUrl, config, items, work) -> {
          List<String> cmd = new ArrayList<>();
          cmd.add(java.toString());
          if (explicit) {
            cmd.addAll(
                withXmn(LocalJvmDefaults.defaults(hostOptions, LocalJvmDefaults.HOST), hostXmn));
          }
          cmd.addAll(hostOptions);
          cmd.add("-cp");
          cmd.add(spiderJar.toString());
          List<String> settings =
              new ArrayList<>(
                  List.of(
                      "-s", "CONCURRENT_REQUESTS=" + config.concurrentRequests(),
                      "-s",
                          "CONCURRENT_REQUESTS_PER_DOMAIN=" + config.concurrentRequestsPerDomain(),
                      "-s", "LOG_LEVEL=INFO"));
          extraSettings.forEach(s -> settings.addAll(List.of("-s", s)));
          List<String> spiderArgs =
              List.of(
                  "-a",
                  "start_urls=" + startUrl,
                  "-a",
                  "allowed_domains=127.0.0.1",
                  "-O",
                  items.toString());
          if (!explicit) {
            cmd.addAll(List.of("io.streamspider.runtime.StreamSpider", spider, "--local"));
            cmd.addAll(spiderArgs);
            cmd.addAll(settings);
          } else {
            cmd.addAll(List.of("io.streamspider.host.HostMain", "streaming"));
            cmd.addAll(settings);
            cmd.add("--");
            cmd.add(java.toString());
            cmd.addAll(
                withXmn(
                    LocalJvmDefaults.defaults(spiderOptions, LocalJvmDefaults.SPIDER), spiderXmn));
            cmd.addAll(spiderOptions);
            cmd.addAll(
                List.of(
                    "-cp", spiderJar.toString(), "io.streamspider.runtime.StreamSpider", spider));
            cmd.addAll(spiderArgs);
          }
          return cmd;
        });
  }

  /** {@code defaults} with its {@code -Xmn} replaced by {@code xmn} (null: as they are). */
  private static List<String> withXmn(List<String> defaults, String xmn) {
    if (xmn == null) {
      return defaults;
    }
    return defaults.stream().map(o -> o.startsWith("-Xmn") ? xmn : o).toList();
  }

  private static String pyString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public Result crawl(String startUrl, Config config, Path workDir) throws Exception {
    Path items = workDir.resolve("items.jsonl");
    Path stderr = workDir.resolve("stderr.log");
    List<String> cmd = command.build(startUrl, config, items, workDir);
    double cpu0 = ProcessTree.childrenCpuSeconds();
    long t0 = System.nanoTime();
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile());
    pb.environment().putAll(environment);
    Process p = pb.start();
    ProcessTree.Sampler memory = new ProcessTree.Sampler(p.toHandle(), 50);
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(label + " did not finish in 30 minutes");
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    memory.stop();
    // the side's process is reaped (waitFor returned): its tree's CPU is in this JVM's
    // cutime/cstime
    double cpu = ProcessTree.childrenCpuSeconds() - cpu0;
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          label + " exited with " + p.exitValue() + "; command " + cmd + "\n" + tail(log));
    }
    Map<String, String> stats = stats(log);
    if (!stats.containsKey("response_received_count")) {
      throw new IllegalStateException(label + " printed no stats dump\n" + tail(log));
    }
    long itemLines;
    try (var lines = Files.lines(items, StandardCharsets.UTF_8)) {
      itemLines = lines.filter(l -> !l.isBlank()).count();
    }
    long failures = 0;
    for (Map.Entry<String, String> e : stats.entrySet()) {
      if (e.getKey().startsWith("downloader/exception_count")) {
        failures += Long.parseLong(e.getValue().strip());
      }
    }
    return new Result(
        label,
        Long.parseLong(stats.get("response_received_count").strip()),
        itemLines,
        failures,
        Double.parseDouble(stats.get("elapsed_time_seconds").strip()),
        wall,
        items,
        cpu,
        memory.peakMib(),
        memory.perProcess(),
        memory.quarters(),
        memory.cpuByProcess(cpu));
  }

  /** The last stats dump in a log, key to value text. */
  static Map<String, String> stats(String log) {
    int at = log.lastIndexOf("Dumping Scrapy stats:");
    Map<String, String> out = new LinkedHashMap<>();
    if (at < 0) {
      return out;
    }
    int end = log.indexOf('}', at);
    Matcher m = STAT.matcher(log.substring(at, end < 0 ? log.length() : end + 1));
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  private static String tail(String log) {
    List<String> lines = new ArrayList<>(List.of(log.split("\n")));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
