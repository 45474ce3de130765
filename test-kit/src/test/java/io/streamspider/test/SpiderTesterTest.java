package io.streamspider.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.form.FormSubmission;
import io.streamspider.test.spiders.ShopSpider;
import io.streamspider.test.spiders.ShopSpider_StreamSpider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiderTesterTest {
  private static final String SHOP = "http://127.0.0.1:8000/shop/";

  private final SpiderTester<ShopSpider> tester = SpiderTester.of(new ShopSpider_StreamSpider());

  @Test
  void aListingGivesResolvedRequestsOfEachKind() {
    CallbackResult r = tester.call("parse", Page.resource("pages/listing.html").url(SHOP));

    assertEquals(
        Map.of(
            "offers", List.of("offers/lamp.html", "/offers/desk.html"), "next", List.of("?page=2")),
        r.selectorValues());
    assertEquals(
        List.of(SHOP + "offers/lamp.html", "http://127.0.0.1:8000/offers/desk.html"),
        r.urls("offer"));
    ProducedRequest offer = r.requests("offer").get(0);
    assertEquals(MessageKind.SELECTOR_REQUEST, offer.kind());
    assertEquals("selector_request", offer.kind().wire());
    assertEquals(SHOP, offer.meta("from"));
    assertEquals("GET", offer.method());
    assertEquals(List.of("name", "stock"), List.copyOf(offer.selectors().keySet()));

    ProducedRequest next = r.request("parse");
    assertEquals(SHOP + "?page=2", next.url());
    assertEquals(5, next.priority());

    ProducedRequest search = r.request("search");
    assertEquals(MessageKind.FROM_RESPONSE_REQUEST, search.kind());
    assertEquals("search", search.form().formname());
    assertEquals(Map.of("sort", "price", "q", "lamp"), search.form().formdata());
    assertEquals("lamp", search.formData("q"));
    assertEquals(4, r.requests().size());
    assertTrue(r.items().isEmpty());
  }

  @Test
  void aSelectorCallbackGivesItsTypedItem() {
    Page page = Page.resource("/pages/offer.html").url(SHOP + "offers/lamp.html");
    ShopSpider.Offer offer = tester.call("offer", page).item(ShopSpider.Offer.class);
    assertEquals(new ShopSpider.Offer("Brass Lamp", 12, SHOP + "offers/lamp.html"), offer);

    AssertionError e =
        assertThrows(AssertionError.class, () -> tester.call("offer", page).items(String.class));
    assertTrue(
        e.getMessage()
            .contains(
                "callback offer on <200 "
                    + SHOP
                    + "offers/lamp.html> (resource /pages/offer.html)"),
        e.getMessage());
    assertTrue(e.getMessage().contains(ShopSpider.Offer.class.getName()), e.getMessage());
  }

  @Test
  void aValueThatDoesNotConvertNamesCallbackPageAndSelector() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> tester.call("offer", Page.html("<h1>No stock line</h1>").url(SHOP + "o.html")));
    String m = e.getMessage();
    assertTrue(m.startsWith("callback offer on <200 " + SHOP + "o.html> (a string): "), m);
    assertTrue(m.contains("the selector matched nothing"), m);
    assertTrue(m.contains("[selector stock: xpath://p[@class='stock']/@data-n]"), m);
  }

  @Test
  void aCallbackThatThrowsIsNamedWithItsPage() {
    tester.arg("mode", "throw");
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> tester.call("offer", Page.resource("pages/offer.html")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "callback offer threw on <200 http://localhost/> (resource /pages/offer.html)"),
        e.getMessage());
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void badInputIsNamed(@TempDir Path tmp) {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> tester.call("offers", Page.html("")));
    assertEquals(
        "spider shop has no callback \"offers\"; its callbacks: [parse, offer, search, raw, text]",
        unknown.getMessage());

    IllegalArgumentException resource =
        assertThrows(IllegalArgumentException.class, () -> Page.resource("/pages/missing.html"));
    assertEquals(
        "saved page not found on the class path: resource /pages/missing.html",
        resource.getMessage());

    Path missing = tmp.resolve("gone.html");
    IllegalArgumentException file =
        assertThrows(IllegalArgumentException.class, () -> Page.file(missing));
    assertEquals("saved page not found: " + missing.toAbsolutePath(), file.getMessage());

    IllegalArgumentException arg =
        assertThrows(IllegalArgumentException.class, () -> tester.arg("colour", "red"));
    assertTrue(arg.getMessage().contains("has no argument colour"), arg.getMessage());

    IllegalArgumentException spider =
        assertThrows(IllegalArgumentException.class, () -> SpiderTester.of(String.class));
    assertTrue(spider.getMessage().contains("java.lang.String_StreamSpider"), spider.getMessage());
  }

  @Test
  void aRequestToAnUnknownCallbackIsNamed() {
    tester.arg("mode", "unknown-callback");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> tester.call("parse", Page.resource("pages/listing.html").url(SHOP)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "callback parse on <200 "
                    + SHOP
                    + "> (resource /pages/listing.html) "
                    + "returned a request to unknown callback id \"nope\""),
        e.getMessage());
  }

  @Test
  void pagesFromFilesAndBytesAreDecodedAsTheHostDecodesThem(@TempDir Path tmp) throws Exception {
    Path saved = tmp.resolve("latin1.html");
    Files.write(saved, "<p>caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1));
    Page latin1 = Page.file(saved).header("Content-Type", "text/html; charset=iso-8859-1");
    assertEquals(Map.of("text", "<p>caf\u00e9</p>"), tester.call("text", latin1).item(Map.class));

    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    Object raw =
        tester.call("raw", Page.bytes(png).header("Content-Type", "image/png")).items().get(0);
    assertEquals(Map.of("size", 7, "type", "image/png"), raw);
  }

  @Test
  void errorHandlersAreCalledWithTheFailure() {
    CallbackResult r = tester.fail("offer", SHOP + "gone.html", "Ignoring non-200 response");
    assertEquals(
        List.of(Map.of("failed", SHOP + "gone.html", "why", "Ignoring non-200 response")),
        r.items());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tester.fail("parse", SHOP, "boom"));
    assertEquals("callback parse of spider shop has no @OnError handler", e.getMessage());
  }

  @Test
  void aFormRequestIsSubmittedAsFromResponseWouldAndAdHocQueriesWork() {
    ProducedRequest search =
        tester.call("parse", Page.resource("pages/listing.html").url(SHOP)).request("search");
    Page form = Page.resource("pages/search.html").url(SHOP + "search");
    FormSubmission sent = tester.submitForm(search, form);
    assertEquals("GET", sent.method());
    URI uri = URI.create(sent.url());
    assertEquals("/search", uri.getPath());
    assertEquals(Map.of("lang", "en", "q", "lamp", "sort", "price"), query(uri.getRawQuery()));

    // the callback's answer page, read with Response.css/xpath inside the callback
    @SuppressWarnings("unchecked")
    Map<String, Object> item = (Map<String, Object>) tester.call("search", form).items().get(0);
    assertEquals(List.of("Brass Lamp=12.50", "Oak Lamp=30"), item.get("rows"));
    assertEquals("Results for lamp", item.get("title"));
    assertEquals(
        List.of(Map.entry("id", "r1"), Map.entry("class", "row")),
        List.copyOf(((Map<?, ?>) item.get("first-row")).entrySet()));

    AssertionError none =
        assertThrows(
            AssertionError.class,
            () ->
                tester.submitForm(search, Page.resource("pages/offer.html").url(SHOP + "o.html")));
    assertTrue(
        none.getMessage().contains("No <form> element found in <200 " + SHOP + "o.html>"),
        none.getMessage());

    ProducedRequest offer =
        tester
            .call("parse", Page.resource("pages/listing.html").url(SHOP))
            .requests("offer")
            .get(0);
    assertThrows(IllegalArgumentException.class, () -> tester.submitForm(offer, form));
  }

  private static Map<String, String> query(String q) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : q.split("&")) {
      String[] kv = pair.split("=", 2);
      m.put(kv[0], kv[1]);
    }
    return m;
  }
}
