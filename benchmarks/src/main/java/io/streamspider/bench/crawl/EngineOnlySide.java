package io.streamspider.bench.crawl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.engine.DownloadRequest;
import io.streamspider.host.internal.engine.DownloadResult;
import io.streamspider.host.internal.engine.Downloader;
import io.streamspider.host.internal.engine.Engine;
import io.streamspider.host.internal.engine.Settings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * ENGINE ONLY: the host's download engine driven in-process by a spider loop on one thread (jsoup
 * for title, price and links; items as JSON lines). No spider process, no protocol, no selectors
 * over the wire: this measures the engine, not the whole embedded host. The benchmark runs it as a
 * child JVM ({@link #main}), like the Scrapy side, and reads the stats it dumps.
 */
final class EngineOnlySide {
  static final String LABEL = "engine only (in-process spider loop, jsoup)";

  private EngineOnlySide() {}

  /** {@code START_URL CONCURRENT_REQUESTS CONCURRENT_REQUESTS_PER_DOMAIN ITEMS_FILE}. */
  public static void main(String[] args) throws Exception {
    crawl(
        args[0],
        new CrawlSide.Config(Integer.parseInt(args[1]), Integer.parseInt(args[2])),
        Path.of(args[3]));
  }

  /** The side as the benchmark runs it: this class's main in a fresh JVM with the given options. */
  static ProcessSide side(List<String> jvmOptions) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String label = jvmOptions.isEmpty() ? LABEL : LABEL + " " + String.join(" ", jvmOptions);
    return new ProcessSide(
        label,
        (startUrl, config, items, work) -> {
          List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
          cmd.addAll(jvmOptions);
          cmd.addAll(
              List.of(
                  "-cp",
                  absoluteClassPath(),
                  EngineOnlySide.class.getName(),
                  startUrl,
                  Integer.toString(config.concurrentRequests()),
                  Integer.toString(config.concurrentRequestsPerDomain()),
                  items.toString()));
          return cmd;
        });
  }

  static String absoluteClassPath() {
    List<String> parts = new java.util.ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      parts.add(Path.of(p).toAbsolutePath().toString());
    }
    return String.join(java.io.File.pathSeparator, parts);
  }

  static void crawl(String startUrl, CrawlSide.Config config, Path itemsFile) throws Exception {
    HostLog log = new HostLog(System.err, HostLog.Level.INFO);
    Settings settings =
        Settings.builder()
            .commandLine(
                List.of(
                    "CONCURRENT_REQUESTS=" + config.concurrentRequests(),
                    "CONCURRENT_REQUESTS_PER_DOMAIN=" + config.concurrentRequestsPerDomain(),
                    "LOG_LEVEL=INFO"))
            .build(log);
    Engine engine = new Engine(settings, log);
    // one thread plays the spider, as the runtime's loop does
    ExecutorService spider = Executors.newSingleThreadExecutor();
    AtomicLong outstanding = new AtomicLong();
    AtomicLong items = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    try (Writer out =
            new BufferedWriter(
                Files.newBufferedWriter(itemsFile, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.setRootValueSeparator(new SerializedString("\n"));
      Loop loop = new Loop(engine, spider, outstanding, items, failures, done, json);
      engine.start();
      spider.execute(() -> loop.request(startUrl, true));
      if (!done.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("crawl did not finish in 30 minutes");
      }
    }
    engine.stats().set("item_scraped_count", items.get());
    engine.finish("finished");
    spider.shutdownNow();
  }

  /** The spider: every method runs on the spider thread. */
  private record Loop(
      Engine engine,
      ExecutorService spider,
      AtomicLong outstanding,
      AtomicLong items,
      AtomicLong failures,
      CountDownLatch done,
      JsonGenerator json) {

    void request(String url, boolean dontFilter) {
      DownloadRequest r =
          new DownloadRequest(
              "GET", url, Map.of(), new byte[0], Map.of(), null, 0, dontFilter, null);
      Downloader.Admission a =
          engine.submit(
              r,
              result -> spider.execute(() -> parse(result)),
              failure ->
                  spider.execute(
                      () -> {
                        failures.incrementAndGet();
                        System.err.println("failure: " + failure);
                        finished();
                      }));
      if (a == Downloader.Admission.SCHEDULED) {
        outstanding.incrementAndGet();
      }
    }

    void parse(DownloadResult response) {
      try {
        Document doc =
            Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8), response.url());
        json.writeStartObject();
        json.writeStringField("url", response.url());
        json.writeStringField("title", doc.title());
        Element price = doc.selectFirst("span.price");
        json.writeStringField("price", price == null ? null : price.text());
        json.writeEndObject();
        items.incrementAndGet();
        for (Element a : doc.select("a[href]")) {
          request(a.absUrl("href"), false);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      finished();
    }

    void finished() {
      if (outstanding.decrementAndGet() == 0) {
        done.countDown();
      }
    }
  }
}
