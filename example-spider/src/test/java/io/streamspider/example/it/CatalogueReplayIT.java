package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.example.CatalogueSpider;
import io.streamspider.example.DemoSite;
import io.streamspider.example.Product;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import io.streamspider.runtime.Failure;
import io.streamspider.test.CrawlReplay;
import io.streamspider.test.ReplayResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record and replay: the fat jar crawls the demo site with {@code -s HTTPCACHE_ENABLED=true}, the
 * site is stopped, and the recorded cache then answers a second {@code --local} crawl and an
 * in-process {@link CrawlReplay} of the test kit, both with every item of the live crawl.
 */
class CatalogueReplayIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aRecordedCrawlIsReplayedOfflineByTheHostAndByTheTestKit() throws Exception {
    Path cache = dir.resolve("cache");
    String base;
    DemoCatalogue catalogue;
    try (DemoSite site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED)) {
      base = site.baseUrl();
      catalogue = site.catalogue();
      ChildProcess live = crawl(base, cache, dir.resolve("live.jsonl"));
      assertEquals(0, live.exitCode(), live.output());
      assertTrue(live.output().contains("'httpcache/store': "), live.output());
    }
    Map<String, DemoProduct> expected = ExpectedItems.expected(catalogue, null, true);
    ExpectedItems.assertItems(
        expected,
        ExpectedItems.parse(Files.readAllLines(dir.resolve("live.jsonl"), StandardCharsets.UTF_8)),
        base);
    assertTrue(
        Files.isDirectory(cache.resolve("catalogue")), "entries under <HTTPCACHE_DIR>/<spider>");

    // the site is gone: every answer comes from the cache
    ChildProcess replayed = crawl(base, cache, dir.resolve("replayed.jsonl"));
    assertEquals(0, replayed.exitCode(), replayed.output());
    assertTrue(replayed.output().contains("'httpcache/hit': "), replayed.output());
    assertTrue(
        !replayed.output().contains("'httpcache/miss'"),
        "no request missed the cache:\n" + replayed.output());
    ExpectedItems.assertItems(
        expected,
        ExpectedItems.parse(
            Files.readAllLines(dir.resolve("replayed.jsonl"), StandardCharsets.UTF_8)),
        base);

    // the test kit, in this JVM
    long start = System.nanoTime();
    ReplayResult replay = CrawlReplay.of(CatalogueSpider.class).from(cache).startUrls(base).run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of(), replay.missing(), replay.toString());
    ExpectedItems.assertItems(
        expected, ExpectedItems.parse(jsonLines(replay.items(Product.class))), base);
    assertEquals(1, replay.failures().size(), replay.failures().toString());
    Failure missingPage = replay.failures().get(0);
    assertEquals(base + DemoCatalogue.MISSING_PATH.substring(1), missingPage.url());
    assertTrue(missingPage.isHttpError(), missingPage.toString());
    assertEquals(catalogue.products().size(), replay.requests("image").size());
    System.out.println("CrawlReplay of the demo site: " + replay + " in " + millis + " ms");

    // deterministic: a second replay gives the same items in the same order
    assertEquals(
        replay.items(),
        CrawlReplay.of(CatalogueSpider.class).from(cache).startUrls(base).run().items());
  }

  @Test
  void aCacheDirectoryThatCannotBeWrittenEndsTheCrawlNamingIt() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
    ChildProcess crawl = crawl("http://127.0.0.1:9/", notADirectory, dir.resolve("none.jsonl"));
    assertEquals(1, crawl.exitCode(), crawl.output());
    assertTrue(
        crawl
            .output()
            .contains(
                "HTTPCACHE_DIR "
                    + notADirectory
                    + " (from -s on the command line) is not a writable directory"),
        crawl.output());
  }

  private ChildProcess crawl(String base, Path cache, Path items) throws Exception {
    return ChildProcess.run(
        dir,
        Map.of(),
        180,
        List.of(
            ChildProcess.JAVA.toString(),
            "-Xmx384m",
            "-jar",
            ChildProcess.JAR.toString(),
            "catalogue",
            "--local",
            "-a",
            "start_urls=" + base,
            "-s",
            "HTTPCACHE_ENABLED=true",
            "-s",
            "HTTPCACHE_DIR=" + cache,
            "-O",
            items.toString()));
  }

  private static List<String> jsonLines(List<Product> products) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Product p : products) {
      lines.add(JSON.writeValueAsString(p));
    }
    return lines;
  }
}
