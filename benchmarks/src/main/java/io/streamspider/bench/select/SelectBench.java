package io.streamspider.bench.select;

import io.streamspider.bench.crawl.ShopPages;
import io.streamspider.bench.crawl.Site;
import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.select.internal.LxmlTreeBuilder;
import io.streamspider.host.select.internal.NodeOffsets;
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
import org.jsoup.parser.OffsetRecordingTreeBuilder;
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
 * towards libxml2's tree) alone and with a spider's CSS queries, against a plain {@code
 * Jsoup.parse} of the same page and against jsoup's parse plus jsoup's own CSS engine asked the
 * same queries, measured in the same run; and jsoup's parse with source positions tracked.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.select.SelectBench [JMH options]
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.select.SelectBench cpu [s rounds pages]
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.select.SelectBench ab other.jar [s rounds pages]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms512m", "-Xmx512m"})
public class SelectBench {
  /**
   * crawl-product: the crawl benchmark's small page; corpus-product, legacy-shop: whole pages of
   * the parsel corpus; shop-19k, shop-117k: realistic product pages ({@link ProductPages}, 3 and
   * 120 reviews); real-product, real-listing: a product page (18 KB) and a listing page (50
   * products) of the crawl benchmark's realistic shop ({@link ShopPages}), asked the selectors of
   * its spider ({@code ShopRealSpider}).
   */
  @Param({"shop-19k", "shop-117k", "crawl-product", "corpus-product", "legacy-shop"})
  public String page;

  private String html;
  private List<String> queries;
  private HtmlPage parsed;

  /** ShopRealSpider's selectors on a product page. */
  static final List<String> REAL_PRODUCT_QUERIES =
      List.of(
          "h1.product-title::text",
          "div.price-box span.price::text",
          "span.sku::text",
          "section.related a.related-link::attr(href)");

  /** ShopRealSpider's selectors on a listing page. */
  static final List<String> REAL_LISTING_QUERIES =
      List.of("ul.product-grid a.product-link::attr(href)", "nav.pagination a.next::attr(href)");

  @Setup
  public void load() throws IOException {
    html = html(page);
    queries = queries(page);
    // a benchmark of queries that find nothing would measure the wrong thing
    HtmlPage p = HtmlPage.parse(html, "http://127.0.0.1/p/1234.html");
    for (String q : queries) {
      if (p.css(q).isEmpty()) {
        throw new IllegalStateException(page + ": " + q + " finds nothing");
      }
    }
  }

  static List<String> queries(String page) {
    if (page.equals("real-product")) {
      return REAL_PRODUCT_QUERIES;
    }
    if (page.equals("real-listing")) {
      return REAL_LISTING_QUERIES;
    }
    return page.startsWith("shop-")
        ? ProductPages.QUERIES
        : List.of("title::text", "span.price::text", "a::attr(href)");
  }

  static String html(String page) throws IOException {
    if (page.equals("shop-19k")) {
      return ProductPages.page(15, 1234, 3);
    }
    if (page.equals("shop-117k")) {
      return ProductPages.page(15, 1234, 120);
    }
    if (page.equals("real-product")) {
      return ShopPages.product(1234, List.of(1235, 17, 4021, 998, 3110, 2, 4500, 777, 1999, 60), 1);
    }
    if (page.equals("real-listing")) {
      return ShopPages.listing(3, 100, 5000);
    }
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

  /**
   * The queries alone, on a page parsed once (what {@link #parseAndQuery} spends beyond {@link
   * #build}): the selector engine's evaluation without the parse.
   */
  @Benchmark
  public Object query() {
    if (parsed == null) {
      parsed = HtmlPage.parse(html, "http://127.0.0.1/p/1234.html");
    }
    List<Object> out = new ArrayList<>(queries.size());
    for (String q : queries) {
      out.add(parsed.css(q));
    }
    return out;
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

  /**
   * jsoup's parse with the source offsets {@code build} uses ({@code PositionParser}: jsoup's
   * tracking off, offsets recorded by {@code OffsetRecordingTreeBuilder}).
   */
  @Benchmark
  public Object jsoupOffsets() {
    return OffsetRecordingTreeBuilder.parse(html, new NodeOffsets(html.length()));
  }

  @Benchmark
  public Object build() {
    return LxmlTreeBuilder.build(html);
  }

  /**
   * What a spider does per page: parse, then its CSS queries (the shop pages: {@link
   * ProductPages#QUERIES}; the others: the crawl spider's title, price and links).
   */
  @Benchmark
  public Object parseAndQuery() {
    HtmlPage p = HtmlPage.parse(html, "http://127.0.0.1/p/1234.html");
    List<Object> out = new ArrayList<>(queries.size());
    for (String q : queries) {
      out.add(p.css(q));
    }
    return out;
  }

  /**
   * The floor for parseAndQuery: jsoup's own parse and its own CSS engine asked the same things
   * (jsoup's answers are not parsel's: no libxml2 tree, no lxml serialisation).
   */
  @Benchmark
  public Object jsoupAndQuery() {
    org.jsoup.nodes.Document d = Jsoup.parse(html);
    List<Object> out = new ArrayList<>(queries.size());
    for (String q : queries) {
      int sep = q.indexOf("::");
      String css = q.substring(0, sep);
      String what = q.substring(sep + 2);
      List<String> values = new ArrayList<>();
      for (org.jsoup.nodes.Element e : d.select(css)) {
        values.add(
            what.equals("text") ? e.ownText() : e.attr(what.substring(5, what.length() - 1)));
      }
      out.add(values);
    }
    return out;
  }

  /**
   * Runs the benchmarks (JMH options are passed on) and prints each one's ratio to jsoup's; with
   * {@code cpu} as first argument, runs {@link #cpuTime} instead, with {@code ab}, {@link #versus}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 1 && args[0].equals("ab")) {
      List<String> pages =
          args.length > 4 ? List.of(args[4].split(",")) : List.of("shop-19k", "shop-117k");
      versus(
          java.nio.file.Path.of(args[1]),
          args.length > 2 ? Double.parseDouble(args[2]) : 1.0,
          args.length > 3 ? Integer.parseInt(args[3]) : 9,
          pages);
      return;
    }
    if (args.length > 0 && args[0].equals("cpu")) {
      List<String> pages =
          args.length > 3
              ? List.of(args[3].split(","))
              : List.of("shop-19k", "shop-117k", "crawl-product");
      cpuTime(
          args.length > 1 ? Double.parseDouble(args[1]) : 1.0,
          args.length > 2 ? Integer.parseInt(args[2]) : 7,
          pages);
      return;
    }
    Options cli = new CommandLineOptions(args);
    Options opts =
        new OptionsBuilder().parent(cli).include(SelectBench.class.getName() + "\\.").build();
    Collection<RunResult> results = new Runner(opts).run();
    Map<String, Map<String, Double>> byPage = new HashMap<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String name = bench.substring(bench.lastIndexOf('.') + 1);
      byPage
          .computeIfAbsent(r.getParams().getParam("page"), k -> new HashMap<>())
          .put(name, r.getPrimaryResult().getStatistics().getPercentile(50));
    }
    System.out.println();
    System.out.println("medians (a shared machine's interruptions move means more than medians)");
    System.out.println(
        "page             jsoup us  tracked us  build us  parse+q us  jsoup+q us"
            + "  build/jsoup  parse+q/jsoup  parse+q/jsoup+q");
    for (String p :
        List.of("shop-19k", "shop-117k", "crawl-product", "corpus-product", "legacy-shop")) {
      Map<String, Double> s = byPage.get(p);
      if (s == null || !s.containsKey("jsoup")) {
        continue;
      }
      double j = s.get("jsoup");
      double t = s.getOrDefault("jsoupTracked", Double.NaN);
      double b = s.getOrDefault("build", Double.NaN);
      double q = s.getOrDefault("parseAndQuery", Double.NaN);
      double jq = s.getOrDefault("jsoupAndQuery", Double.NaN);
      System.out.printf(
          Locale.ROOT,
          "%-15s %9.1f %11.1f %9.1f %10.1f %10.1f %12.2f %14.2f %16.2f%n",
          p,
          j,
          t,
          b,
          q,
          jq,
          b / j,
          q / j,
          q / jq);
    }
  }

  /**
   * This build against another build of the benchmarks jar (say, of the commit before a change) in
   * the same JVM and thread: the other jar is loaded in its own class loader (its own jsoup, host
   * and SelectBench), and rounds alternate between the two, {@code build}, {@code parseAndQuery}
   * and {@code query} (the queries alone on a page parsed once) each timed by this thread's CPU
   * time for {@code seconds} per round; the first two rounds are warm-up. Both sides get this
   * build's page and queries (so pages the other build does not know work too), and both run {@code
   * query} through their own {@code HtmlPage} (so a build without that benchmark can be the other).
   * Prints the medians and this build's CPU time as a fraction of the other's: on a machine shared
   * with other builds the two sides see the same load, which separate runs do not. Arguments after
   * {@code ab}: the other jar, seconds, rounds, pages.
   */
  static void versus(java.nio.file.Path otherJar, double seconds, int rounds, List<String> pages)
      throws Exception {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    String[] ops = {"build", "parseAndQuery", "query"};
    System.out.println(
        "thread CPU time per operation, median of "
            + (rounds - 2)
            + " alternating rounds of "
            + seconds
            + " s each; other = "
            + otherJar);
    System.out.println(
        "page            other build us  this build us  this/other  other parse+q us"
            + "  this parse+q us  this/other  other query us  this query us  this/other");
    try (java.net.URLClassLoader other =
        new java.net.URLClassLoader(
            new java.net.URL[] {otherJar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> otherBench = other.loadClass(SelectBench.class.getName());
      for (String p : pages) {
        String pageHtml = html(p);
        List<String> pageQueries = queries(p);
        java.util.concurrent.Callable<?>[][] calls = new java.util.concurrent.Callable<?>[2][];
        for (int s = 0; s < 2; s++) {
          Class<?> c = s == 0 ? otherBench : SelectBench.class;
          Object bench = c.getDeclaredConstructor().newInstance();
          c.getField("page").set(bench, p);
          for (String f : List.of("html", "queries")) {
            java.lang.reflect.Field field = c.getDeclaredField(f);
            field.setAccessible(true);
            field.set(bench, f.equals("html") ? pageHtml : pageQueries);
          }
          java.lang.reflect.Method build = c.getMethod("build");
          java.lang.reflect.Method parseAndQuery = c.getMethod("parseAndQuery");
          Class<?> htmlPage = c.getClassLoader().loadClass(HtmlPage.class.getName());
          Object parsedPage =
              htmlPage
                  .getMethod("parse", String.class, String.class)
                  .invoke(null, pageHtml, "http://127.0.0.1/p/1234.html");
          java.lang.reflect.Method css = htmlPage.getMethod("css", String.class);
          for (String q : pageQueries) {
            if (((List<?>) css.invoke(parsedPage, q)).isEmpty()) {
              throw new IllegalStateException(p + ": " + q + " finds nothing");
            }
          }
          calls[s] =
              new java.util.concurrent.Callable<?>[] {
                () -> build.invoke(bench),
                () -> parseAndQuery.invoke(bench),
                () -> {
                  List<Object> out = new ArrayList<>(pageQueries.size());
                  for (String q : pageQueries) {
                    out.add(css.invoke(parsedPage, q));
                  }
                  return out;
                }
              };
        }
        double[][][] perOp = new double[2][ops.length][rounds - 2];
        long sink = 0;
        long budget = (long) (seconds * 1e9);
        for (int round = 0; round < rounds; round++) {
          for (int k = 0; k < ops.length; k++) {
            for (int s = 0; s < 2; s++) {
              long start = mx.getCurrentThreadCpuTime();
              long n = 0;
              while (mx.getCurrentThreadCpuTime() - start < budget) {
                sink += System.identityHashCode(calls[s][k].call());
                n++;
              }
              if (round >= 2) {
                perOp[s][k][round - 2] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / n;
              }
            }
          }
        }
        double[][] m = new double[2][ops.length];
        for (int s = 0; s < 2; s++) {
          for (int k = 0; k < ops.length; k++) {
            java.util.Arrays.sort(perOp[s][k]);
            m[s][k] = perOp[s][k][perOp[s][k].length / 2];
          }
        }
        System.out.printf(
            Locale.ROOT,
            "%-15s %14.1f %14.1f %11.2f %17.1f %16.1f %11.2f %15.1f %14.1f %11.2f%s%n",
            p,
            m[0][0],
            m[1][0],
            m[1][0] / m[0][0],
            m[0][1],
            m[1][1],
            m[1][1] / m[0][1],
            m[0][2],
            m[1][2],
            m[1][2] / m[0][2],
            sink == 42 ? " " : "");
      }
    }
  }

  /**
   * The same six operations timed by this thread's CPU time instead of the wall clock: on a machine
   * shared with other builds (load far above its cores) JMH's wall-clock times measure the
   * scheduler as much as the code, CPU time does not. Not counted: JIT and GC threads (see {@code
   * -prof gc} for allocation). Round-robin over the operations, {@code seconds} of CPU each per
   * round, {@code rounds} rounds, the first two discarded as warm-up; prints the median per
   * operation and the ratios to jsoup's plain parse and to jsoup parse + jsoup CSS. Arguments after
   * {@code cpu}: seconds, rounds, pages (comma-separated; default shop-19k, shop-117k,
   * crawl-product).
   */
  static void cpuTime(double seconds, int rounds, List<String> pages) throws IOException {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    String[] ops = {
      "jsoup", "jsoupTracked", "build", "parseAndQuery", "jsoupAndQuery", "jsoupOffsets"
    };
    System.out.println(
        "thread CPU time per operation, median of "
            + (rounds - 2)
            + " rounds of "
            + seconds
            + " s each");
    System.out.println(
        "page             jsoup us  tracked us  build us  parse+q us  jsoup+q us"
            + "  build/jsoup  parse+q/jsoup  parse+q/jsoup+q  offsets us  offsets/jsoup");
    for (String p : pages) {
      SelectBench b = new SelectBench();
      b.page = p;
      b.load();
      double[][] perOp = new double[ops.length][rounds - 2];
      long sink = 0;
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < ops.length; k++) {
          long start = mx.getCurrentThreadCpuTime();
          long n = 0;
          long budget = (long) (seconds * 1e9);
          while (mx.getCurrentThreadCpuTime() - start < budget) {
            for (int i = 0; i < 10; i++) {
              Object r =
                  switch (k) {
                    case 0 -> b.jsoup();
                    case 1 -> b.jsoupTracked();
                    case 2 -> b.build();
                    case 3 -> b.parseAndQuery();
                    case 4 -> b.jsoupAndQuery();
                    default -> b.jsoupOffsets();
                  };
              sink += System.identityHashCode(r);
            }
            n += 10;
          }
          if (round >= 2) {
            perOp[k][round - 2] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / n;
          }
        }
      }
      double[] m = new double[ops.length];
      for (int k = 0; k < ops.length; k++) {
        java.util.Arrays.sort(perOp[k]);
        m[k] = perOp[k][perOp[k].length / 2];
      }
      System.out.printf(
          Locale.ROOT,
          "%-15s %9.1f %11.1f %9.1f %10.1f %10.1f %12.2f %14.2f %16.2f %11.1f %14.2f%s%n",
          p,
          m[0],
          m[1],
          m[2],
          m[3],
          m[4],
          m[2] / m[0],
          m[3] / m[0],
          m[3] / m[4],
          m[5],
          m[5] / m[0],
          sink == 42 ? " " : "");
    }
  }
}
