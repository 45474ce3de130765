package io.streamspider.bench.crawl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.streamspider.host.engine.DownloadRequest;
import io.streamspider.host.engine.DownloadResult;
import io.streamspider.host.engine.Downloader;
import io.streamspider.host.engine.Engine;
import io.streamspider.host.engine.Settings;
import io.streamspider.host.internal.HostLog;
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
 * ENGINE ONLY: the host's download engine driven in-process by a spider loop on one thread
 * (jsoup for title, price and links; items as JSON lines). No spider process, no protocol, no
 * selectors over the wire: this measures the engine, not the whole embedded host.
 */
final class EngineOnlySide implements CrawlSide {
  @Override
  public String label() {
    return "engine only (in-process spider loop, jsoup)";
  }

  @Override
  public Result crawl(String startUrl, Config config, Path workDir) throws Exception {
    Path itemsFile = workDir.resolve("engine-items.jsonl");
    HostLog log = new HostLog(System.err, HostLog.Level.INFO);
    Settings settings = Settings.builder().commandLine(List.of(
        "CONCURRENT_REQUESTS=" + config.concurrentRequests(),
        "CONCURRENT_REQUESTS_PER_DOMAIN=" + config.concurrentRequestsPerDomain(),
        "LOG_LEVEL=INFO")).build(log);
    long t0 = System.nanoTime();
    Engine engine = new Engine(settings, log);
    // one thread plays the spider, as the runtime's loop does
    ExecutorService spider = Executors.newSingleThreadExecutor();
    AtomicLong outstanding = new AtomicLong();
    AtomicLong items = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    long crawlStart;
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(itemsFile, StandardCharsets.UTF_8), 1 << 16);
        JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.setRootValueSeparator(new SerializedString("\n"));
      Loop loop = new Loop(engine, spider, outstanding, items, failures, done, json);
      engine.start();
      crawlStart = System.nanoTime();
      spider.execute(() -> loop.request(startUrl, true));
      if (!done.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("crawl did not finish in 30 minutes");
      }
    }
    double crawlSeconds = (System.nanoTime() - crawlStart) / 1e9;
    engine.stats().set("item_scraped_count", items.get());
    engine.finish("finished");
    spider.shutdownNow();
    double wall = (System.nanoTime() - t0) / 1e9;
    return new Result(label(), engine.stats().getLong("response_received_count"), items.get(), failures.get(),
        crawlSeconds, wall, itemsFile);
  }

  /** The spider: every method runs on the spider thread. */
  private record Loop(Engine engine, ExecutorService spider, AtomicLong outstanding, AtomicLong items,
      AtomicLong failures, CountDownLatch done, JsonGenerator json) {

    void request(String url, boolean dontFilter) {
      DownloadRequest r = new DownloadRequest("GET", url, Map.of(), new byte[0], Map.of(), null, 0, dontFilter, null);
      Downloader.Admission a = engine.submit(r,
          result -> spider.execute(() -> parse(result)),
          failure -> spider.execute(() -> {
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
        Document doc = Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8), response.url());
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
