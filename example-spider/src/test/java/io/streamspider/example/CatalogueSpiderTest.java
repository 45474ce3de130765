package io.streamspider.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.test.CallbackResult;
import io.streamspider.test.MessageKind;
import io.streamspider.test.Page;
import io.streamspider.test.ProducedRequest;
import io.streamspider.test.SpiderTester;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spider's callbacks on pages saved from the demo site ({@code src/test/resources/pages}, kept
 * equal to what the site serves by {@link SavedPagesTest}), through the test kit: the selectors are
 * evaluated by the embedded host's parsel engine and the methods called through the generated
 * dispatch, as in a crawl. Expectations come from {@link DemoCatalogue}, never from the spider.
 */
class CatalogueSpiderTest {
  private static final String BASE = "http://127.0.0.1:8000/";
  private static final DemoCatalogue CATALOGUE = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED);

  private final SpiderTester<CatalogueSpider> tester = SpiderTester.of(CatalogueSpider.class);

  @Test
  void listingFollowsProductsFeaturedAndNextAndLogsInOnce() {
    tester.arg("user", "ana").arg("password", "s3cret");
    CallbackResult first = tester.call("parse", Page.resource("/pages/listing-1.html").url(BASE));

    List<String> products = new ArrayList<>();
    CATALOGUE.page(1).forEach(p -> products.add(BASE + p.path().substring(1)));
    CATALOGUE
        .featured(1)
        .forEach(id -> products.add(BASE + CATALOGUE.product(id).path().substring(1)));
    assertEquals(products, first.urls("product"));
    assertEquals(List.of(BASE + "catalogue/page-2.html"), first.urls("parse"));
    assertTrue(first.items().isEmpty(), first.toString());
    first
        .requests("product")
        .forEach(r -> assertEquals(MessageKind.SELECTOR_REQUEST, r.kind(), r.toString()));

    ProducedRequest login = first.request("login");
    assertEquals(MessageKind.FROM_RESPONSE_REQUEST, login.kind());
    assertEquals(BASE + "login", login.url());
    assertEquals("form#login", login.form().formcss());
    assertEquals(Map.of("username", "ana", "password", "s3cret"), login.form().formdata());

    // the same spider instance: the last page has no "next", and the login is not asked again
    CallbackResult last =
        tester.call(
            "parse",
            Page.resource("/pages/listing-5.html")
                .url(BASE + DemoCatalogue.pagePath(5).substring(1)));
    List<String> lastProducts = new ArrayList<>();
    CATALOGUE.page(5).forEach(p -> lastProducts.add(BASE + p.path().substring(1)));
    CATALOGUE
        .featured(5)
        .forEach(id -> lastProducts.add(BASE + CATALOGUE.product(id).path().substring(1)));
    assertEquals(lastProducts, last.urls("product"));
    assertEquals(List.of(), last.requests("parse"));
    assertEquals(List.of(), last.requests("login"));
  }

  @Test
  void theLoginFormIsSubmittedWithItsHiddenTokenAndTheCredentials() {
    tester.arg("user", "ana").arg("password", "s3cret");
    ProducedRequest login =
        tester.call("parse", Page.resource("/pages/listing-1.html").url(BASE)).request("login");

    FormSubmission sent =
        tester.submitForm(login, Page.resource("/pages/login.html").url(BASE + "login"));
    assertEquals("POST", sent.method());
    assertEquals(BASE + "login", sent.url());
    Map<String, String> fields = form(sent.body());
    assertEquals(CATALOGUE.csrfToken(), fields.get("csrf_token"));
    assertEquals("ana", fields.get("username"));
    assertEquals("s3cret", fields.get("password"));
  }

  @Test
  void aWelcomePageLeadsToTheMembersAreaAFailedLoginToNothing() {
    CallbackResult welcome =
        tester.call("login", Page.resource("/pages/welcome.html").url(BASE + "login"));
    assertEquals(List.of(BASE + "members/"), welcome.urls("members"));

    CallbackResult refused =
        tester.call("login", Page.resource("/pages/login.html").url(BASE + "login"));
    assertTrue(refused.isEmpty(), refused.toString());
  }

  @Test
  void theMembersPageListsTheMembersOnlyProducts() {
    CallbackResult members =
        tester.call("members", Page.resource("/pages/members.html").url(BASE + "members/"));
    List<String> expected = new ArrayList<>();
    CATALOGUE.memberProducts().forEach(p -> expected.add(BASE + p.path().substring(1)));
    assertEquals(expected, members.urls("product"));
  }

  @Test
  void aProductPageAsksForItsImageCarryingTheFieldsAndTheCategoryFilters() {
    DemoProduct p = CATALOGUE.product(7);
    Page page = Page.resource("/pages/product-7.html").url(BASE + p.path().substring(1));
    CallbackResult result = tester.call("product", page);

    assertEquals(List.of(p.sku()), result.selectorValues().get("product.sku"));
    ProducedRequest image = result.request("image");
    assertEquals(MessageKind.REQUEST, image.kind());
    assertEquals(BASE + p.imagePath().substring(1), image.url());
    assertEquals(productMeta(p, page.url()), image.meta("product"));

    String other = p.category().equals("Kitchen") ? "Garden" : "Kitchen";
    assertTrue(tester.arg("category", other).call("product", page).isEmpty());
    assertEquals(
        1,
        tester.arg("category", p.category().toUpperCase()).call("product", page).requests().size());
  }

  @Test
  void theImageCompletesTheItem() {
    DemoProduct p = CATALOGUE.product(7);
    String productUrl = BASE + p.path().substring(1);
    Page png =
        Page.resource("/pages/product-7.png")
            .url(BASE + p.imagePath().substring(1))
            .header("Content-Type", "image/png")
            .meta("product", productMeta(p, productUrl));

    Product item = tester.call("image", png).item(Product.class);
    assertEquals(
        new Product(
            p.sku(),
            p.title(),
            p.category(),
            p.price(),
            p.stock(),
            p.tags(),
            p.description(),
            productUrl,
            new Product.Image(
                BASE + p.imagePath().substring(1),
                DemoCatalogue.sha256(p.image()),
                p.image().length,
                p.imageWidth(),
                p.imageHeight())),
        item);
  }

  @Test
  void aMissingProductPageIsOnlyLogged() {
    CallbackResult result =
        tester.fail(
            "product", BASE + DemoCatalogue.MISSING_PATH.substring(1), "Ignoring non-200 response");
    assertTrue(result.isEmpty(), result.toString());
  }

  /** The meta the product callback should carry, from the catalogue (as JSON would give it). */
  private static Map<String, Object> productMeta(DemoProduct p, String url) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("sku", p.sku());
    meta.put("title", p.title());
    meta.put("category", p.category());
    meta.put("price", p.price().toPlainString());
    meta.put("stock", p.stock());
    meta.put("tags", p.tags());
    meta.put("description", p.description());
    meta.put("url", url);
    return meta;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  /** The saved page for a contract's URL: the listing for the start URL, else the product. */
  private static Page savedPage(String url) {
    if (url.equals(BASE)) {
      return Page.resource("/pages/listing-1.html").url(url);
    }
    if (url.equals(BASE + "catalogue/product-7.html")) {
      return Page.resource("/pages/product-7.html").url(url);
    }
    throw new IllegalArgumentException("no saved page for " + url);
  }

  @Test
  void theSpidersContractsHoldOnTheSavedPages() {
    tester.assertContracts(CatalogueSpiderTest::savedPage);
  }

  @Test
  void aBrokenContractIsReportedWithItsCallbackUrlAndReason() {
    // no product is in this category: product pages ask for no image
    tester.arg("category", "None");
    assertEquals(
        List.of(
            "product <"
                + BASE
                + "catalogue/product-7.html>: returned 0 requests, expected"
                + " exactly 1"),
        tester.checkContracts(CatalogueSpiderTest::savedPage));
    AssertionError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> tester.assertContracts(CatalogueSpiderTest::savedPage));
    assertTrue(
        e.getMessage().startsWith("spider catalogue: 1 contract(s) broken:"), e.getMessage());
  }
}
