package io.streamspider.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.internal.engine.HttpCache;
import io.streamspider.host.internal.engine.RequestUrls;
import io.streamspider.test.spiders.ShopSpider;
import io.streamspider.test.spiders.ShopSpider_StreamSpider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay from a cache laid out as the host's HTTPCACHE writes it (entries written with the host's
 * own HttpCache, keyed by the fingerprint of each request): redirects, gzip, a 404, a request not
 * in the cache, a form, duplicates and an off-site link. The whole record-and-replay against a live
 * server is example-spider's CatalogueReplayIT.
 */
class CrawlReplayTest {
  private static final String SHOP = "http://127.0.0.1:8000/shop/";
  private static final String HTML = "text/html; charset=utf-8";

  @TempDir Path cache;

  @BeforeEach
  void record() throws IOException {
    store("GET", SHOP, 200, Map.of("Content-Type", List.of(HTML)), resource("pages/listing.html"));
    store(
        "GET",
        SHOP + "offers/lamp.html",
        302,
        Map.of("Location", List.of("/offers/lamp-v2.html")),
        new byte[0]);
    store(
        "GET",
        "http://127.0.0.1:8000/offers/lamp-v2.html",
        200,
        Map.of("Content-Type", List.of(HTML)),
        resource("pages/offer.html"));
    store(
        "GET",
        "http://127.0.0.1:8000/offers/desk.html",
        404,
        Map.of("Content-Type", List.of(HTML)),
        "<h1>gone</h1>".getBytes(StandardCharsets.UTF_8));
    String page2 =
        "<ul><li class=offer><a href='offers/lamp.html'>again</a></li>"
            + "<li class=offer><a href='http://other.example/x'>elsewhere</a></li>"
            + "<li class=offer><a href='offers/gone.html'>gone</a></li></ul>";
    store(
        "GET",
        SHOP + "?page=2",
        200,
        Map.of("Content-Type", List.of(HTML), "Content-Encoding", List.of("gzip")),
        gzip(page2.getBytes(StandardCharsets.UTF_8)));
    store(
        "GET",
        "http://127.0.0.1:8000/search",
        200,
        Map.of("Content-Type", List.of(HTML)),
        resource("pages/search.html"));
    // the submission FormRequest.from_response makes of that page
    SpiderTester<ShopSpider> tester = SpiderTester.of(new ShopSpider_StreamSpider());
    FormSubmission sent =
        tester.submitForm(
            tester.call("parse", Page.resource("pages/listing.html").url(SHOP)).request("search"),
            Page.resource("pages/search.html").url("http://127.0.0.1:8000/search"));
    store(
        sent.method(),
        sent.url(),
        200,
        Map.of("Content-Type", List.of(HTML)),
        resource("pages/search.html"));
  }

  @Test
  void aRecordedCrawlIsReplayedInOrderWithItsFilters() {
    ReplayResult r = CrawlReplay.of(ShopSpider.class).from(cache).startUrls(SHOP).run();

    assertEquals(
        List.of(
            new ShopSpider.Offer("Brass Lamp", 12, "http://127.0.0.1:8000/offers/lamp-v2.html"),
            Map.of(
                "failed",
                "http://127.0.0.1:8000/offers/desk.html",
                "why",
                "Ignoring non-200 response"),
            Map.of(
                "rows",
                List.of("Brass Lamp=12.50", "Oak Lamp=30"),
                "title",
                "Results for lamp",
                "first-row",
                Map.of("id", "r1", "class", "row")),
            Map.of(
                "failed",
                SHOP + "offers/gone.html",
                "why",
                "Ignored request not in cache: <GET "
                    + SHOP
                    + "offers/gone.html> (entry "
                    + HttpCache.key("GET", SHOP + "offers/gone.html", new byte[0], false)
                    + ")")),
        r.items());
    assertEquals(
        List.of(
            "Ignored request not in cache: <GET "
                + SHOP
                + "offers/gone.html> (entry "
                + HttpCache.key("GET", SHOP + "offers/gone.html", new byte[0], false)
                + ")"),
        r.missing());
    assertEquals(2, r.failures().size());
    assertEquals(4, r.responses(), "start, lamp (redirected), page 2 (gzip), the form's answer");
    assertEquals(
        8,
        r.requests().size(),
        "as returned, before the filters: 4 from each listing (page 2: a duplicate offer, an"
            + " off-site one, a new one, the search again)");
    assertEquals(
        2, r.requests("search").size(), "the second search is a duplicate: one search item");
    assertEquals(
        r.items(),
        CrawlReplay.of(ShopSpider.class).from(cache).startUrls(SHOP).run().items(),
        "deterministic");
  }

  @Test
  void aDirectoryWithoutTheSpidersCacheIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CrawlReplay.of(ShopSpider.class).from(cache.resolve("elsewhere")));
    assertTrue(
        e.getMessage()
            .startsWith("no recorded cache of spider shop in " + cache.resolve("elsewhere")),
        e.getMessage());
  }

  private void store(
      String method, String url, int status, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    String safe = RequestUrls.requestUrl(url, null);
    Path entry =
        HttpCache.entry(cache.resolve("shop"), HttpCache.key(method, safe, new byte[0], false));
    HttpCache.write(entry, safe, method, status, safe, new byte[0], Map.of(), headers, body, false);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CrawlReplayTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }
}
