package io.streamspider.bench.crawl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import us.codecraft.webmagic.Page;
import us.codecraft.webmagic.Request;
import us.codecraft.webmagic.ResultItems;
import us.codecraft.webmagic.Spider;
import us.codecraft.webmagic.SpiderListener;
import us.codecraft.webmagic.Task;
import us.codecraft.webmagic.pipeline.Pipeline;
import us.codecraft.webmagic.processor.PageProcessor;

/**
 * WebMagic 1.0.3 (us.codecraft:webmagic-core, Apache HttpClient 4 and jsoup) crawling the same site
 * with the same extraction, in a JVM of its own with default options ({@link #main}), so that its
 * CPU and memory are measured apart from the harness. Its defaults are changed where they would
 * measure sleeping instead of crawling: {@code Site.setSleepTime(0)} (default: 5 s after every
 * page), {@code Spider.setEmptySleepTime(100)} (default: 30 s before a thread that found the queue
 * empty looks again), no retries (the other sides need none on this site). {@code thread(16)}: 16
 * threads and, WebMagic's default, a pool of as many connections to the one host (the other sides:
 * 16 requests in flight, 8 per host).
 *
 * <p>Extraction with WebMagic's CSS selectors ({@code Html.css(selector, "text"|"href")}, jsoup
 * underneath): realistic profile, listing pages give every product link and "next" (followed:
 * WebMagic resolves them against the page's URL and drops URLs it has seen), product pages give
 * title, price and SKU (an item) and the related products' links; small profile, every page gives
 * title and price and every link. Items go to a JSON lines file through a {@link Pipeline}. When
 * the crawl ends it prints a stats dump in Scrapy's format (pages, seconds from start to end),
 * which the harness reads as it reads Scrapy's.
 */
final class WebMagicSide {
  static final String LABEL = "WebMagic 1.0.3, 16 threads";

  private WebMagicSide() {}

  /** {@code PROFILE START_URL THREADS ITEMS_FILE}. */
  public static void main(String[] args) throws Exception {
    Site.Profile profile = Site.Profile.parse(args[0]);
    String startUrl = args[1];
    int threads = Integer.parseInt(args[2]);
    Path itemsFile = Path.of(args[3]);
    AtomicLong pages = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    us.codecraft.webmagic.Site site =
        us.codecraft.webmagic.Site.me()
            .setSleepTime(0)
            .setRetryTimes(0)
            .setCycleRetryTimes(0)
            .setTimeOut(60_000)
            .setCharset("utf-8");
    PageProcessor processor =
        profile == Site.Profile.REALISTIC ? realistic(site, pages) : small(site, pages);
    try (JsonLines out = new JsonLines(itemsFile)) {
      Spider spider =
          Spider.create(processor)
              .addUrl(startUrl)
              .thread(threads)
              .addPipeline(out)
              .setEmptySleepTime(100)
              .setExitWhenComplete(true);
      List<SpiderListener> listeners = new ArrayList<>();
      listeners.add(
          new SpiderListener() {
            @Override
            public void onSuccess(Request request) {}

            @Override
            public void onError(Request request, Exception e) {
              failures.incrementAndGet();
              System.err.println("webmagic: failed " + request.getUrl() + ": " + e);
            }
          });
      spider.setSpiderListeners(listeners);
      long t0 = System.nanoTime();
      spider.run();
      double seconds = (System.nanoTime() - t0) / 1e9;
      // the format of Scrapy's stats dump, which the harness parses for every side
      System.err.printf(
          Locale.ROOT,
          "[webmagic] INFO: Dumping Scrapy stats:%n{'downloader/exception_count': %d,%n"
              + " 'elapsed_time_seconds': %.3f,%n 'item_scraped_count': %d,%n"
              + " 'response_received_count': %d}%n",
          failures.get(),
          seconds,
          out.count(),
          pages.get());
    }
    if (failures.get() > 0) {
      System.exit(1);
    }
  }

  private static PageProcessor realistic(us.codecraft.webmagic.Site site, AtomicLong pages) {
    return new PageProcessor() {
      @Override
      public void process(Page page) {
        pages.incrementAndGet();
        String url = page.getUrl().toString();
        if (url.contains("/c/")) {
          page.addTargetRequests(
              page.getHtml().css("ul.product-grid a.product-link", "href").all());
          page.addTargetRequests(page.getHtml().css("nav.pagination a.next", "href").all());
          page.setSkip(true);
          return;
        }
        page.putField("url", url);
        page.putField("title", page.getHtml().css("h1.product-title", "text").get());
        page.putField("price", page.getHtml().css("div.price-box span.price", "text").get());
        page.putField("sku", page.getHtml().css("span.sku", "text").get());
        page.addTargetRequests(page.getHtml().css("section.related a.related-link", "href").all());
      }

      @Override
      public us.codecraft.webmagic.Site getSite() {
        return site;
      }
    };
  }

  private static PageProcessor small(us.codecraft.webmagic.Site site, AtomicLong pages) {
    return new PageProcessor() {
      @Override
      public void process(Page page) {
        pages.incrementAndGet();
        page.putField("url", page.getUrl().toString());
        page.putField("title", page.getHtml().css("title", "text").get());
        page.putField("price", page.getHtml().css("span.price", "text").get());
        page.addTargetRequests(page.getHtml().css("a", "href").all());
      }

      @Override
      public us.codecraft.webmagic.Site getSite() {
        return site;
      }
    };
  }

  /**
   * The items as JSON lines, one per page that is not skipped; WebMagic calls it from its threads.
   */
  private static final class JsonLines implements Pipeline, AutoCloseable {
    private final JsonGenerator json;
    private long count;

    JsonLines(Path file) throws IOException {
      json =
          new JsonFactory().createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
      json.setRootValueSeparator(new SerializedString("\n"));
    }

    @Override
    public synchronized void process(ResultItems items, Task task) {
      try {
        json.writeStartObject();
        for (var e : items.getAll().entrySet()) {
          json.writeStringField(e.getKey(), (String) e.getValue());
        }
        json.writeEndObject();
        count++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    synchronized long count() {
      return count;
    }

    @Override
    public synchronized void close() throws IOException {
      json.writeRaw('\n');
      json.close();
    }
  }

  /** The side as the benchmark runs it: {@link #main} in a fresh JVM with default options. */
  static ProcessSide side(Site.Profile profile, int threads) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessSide(
        LABEL.replace("16", Integer.toString(threads)),
        (startUrl, config, items, work) ->
            List.of(
                java.toString(),
                "-cp",
                EngineOnlySide.absoluteClassPath(),
                WebMagicSide.class.getName(),
                profile.id(),
                startUrl,
                Integer.toString(threads),
                items.toString()));
  }
}
