package io.streamspider.bench.select;

import io.streamspider.bench.crawl.Site;
import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.select.internal.LxmlTreeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the embedded host pays per page for selectors: {@code HtmlPage.parse} (jsoup, reshaped
 * towards libxml2's tree, converted to a DOM) alone and with the crawl spider's three queries,
 * against a plain {@code Jsoup.parse} of the same page measured in the same run; and jsoup's
 * parse with source positions tracked, the part of build() that the reshaping cannot save.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.select.SelectBench [JMH options]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class SelectBench {
  /** crawl-product: the crawl benchmark's page; the others: whole pages of the parsel corpus. */
  @Param({"crawl-product", "corpus-product", "legacy-shop"})
  public String page;

  private String html;

  @Setup
  public void load() throws IOException {
    html = html(page);
  }

  static String html(String page) throws IOException {
    if (page.equals("crawl-product")) {
      return Site.productPage(1234, List.of(1235, 17, 4021, 998, 3110, 2, 4500, 777, 1999, 60));
    }
    try (InputStream in = SelectBench.class.getResourceAsStream(page + ".html")) {
      if (in == null) {
        throw new IllegalArgumentException("no such page: " + page);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The baseline: jsoup's own parse, no position tracking, no reshaping. */
  @Benchmark
  public Object jsoup() {
    return Jsoup.parse(html);
  }

  /** jsoup's parse with source positions tracked, as build() starts with. */
  @Benchmark
  public Object jsoupTracked() {
    return Parser.htmlParser().setTrackPosition(true).parseInput(html, "");
  }

  @Benchmark
  public Object build() {
    return LxmlTreeBuilder.build(html);
  }

  /** What the crawl spider does per page. */
  @Benchmark
  public Object parseAndQuery() {
    HtmlPage p = HtmlPage.parse(html, "http://127.0.0.1/p/1234.html");
    List<Object> out = new ArrayList<>(3);
    out.add(p.css("title::text"));
    out.add(p.css("span.price::text"));
    out.add(p.css("a::attr(href)"));
    return out;
  }

  /** Runs the benchmarks (JMH options are passed on) and prints each one's ratio to jsoup's. */
  public static void main(String[] args) throws Exception {
    Options cli = new CommandLineOptions(args);
    Options opts = new OptionsBuilder().parent(cli).include(SelectBench.class.getName() + "\\.").build();
    Collection<RunResult> results = new Runner(opts).run();
    Map<String, Map<String, Double>> byPage = new HashMap<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String name = bench.substring(bench.lastIndexOf('.') + 1);
      byPage.computeIfAbsent(r.getParams().getParam("page"), k -> new HashMap<>())
          .put(name, r.getPrimaryResult().getStatistics().getPercentile(50));
    }
    System.out.println();
    System.out.println("medians (a shared machine's interruptions move means more than medians)");
    System.out.println("page             jsoup us  tracked us  build us  parse+3q us  build/jsoup  parse+3q/jsoup");
    for (String p : List.of("crawl-product", "corpus-product", "legacy-shop")) {
      Map<String, Double> s = byPage.get(p);
      if (s == null || !s.containsKey("jsoup")) {
        continue;
      }
      double j = s.get("jsoup");
      double t = s.getOrDefault("jsoupTracked", Double.NaN);
      double b = s.getOrDefault("build", Double.NaN);
      double q = s.getOrDefault("parseAndQuery", Double.NaN);
      System.out.printf(Locale.ROOT, "%-15s %9.1f %11.1f %9.1f %12.1f %12.2f %15.2f%n", p, j, t, b, q, b / j, q / j);
    }
  }
}
