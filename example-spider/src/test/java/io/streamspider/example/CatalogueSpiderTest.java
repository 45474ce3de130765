package io.streamspider.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spider's own logic, called directly (the ITs run it through the runtime and host). */
class CatalogueSpiderTest {
  private static final String BASE = "http://127.0.0.1:8000/";

  @Test
  void listingFollowsProductsFeaturedAndNextAndLogsInOnce() {
    CatalogueSpider spider = new CatalogueSpider();
    spider.user = "ana";
    spider.password = "s3cret";
    List<Request> first = spider.parse(page(BASE), List.of("catalogue/product-1.html"),
        List.of("catalogue/product-9.html"), Optional.of("catalogue/page-2.html"),
        Optional.of("/login"));
    assertEquals(List.of("product product-1", "product product-9", "parse page-2", "login /login"),
        first.stream().map(CatalogueSpiderTest::describe).toList());
    Request login = first.get(3);
    assertEquals(Map.of("username", "ana", "password", "s3cret"), login.formData());

    List<Request> last = spider.parse(page(BASE + "catalogue/page-5.html"),
        List.of("product-99.html"), List.of(), Optional.empty(), Optional.of("/login"));
    assertEquals(List.of("product product-99"),
        last.stream().map(CatalogueSpiderTest::describe).toList());
  }

  @Test
  void productPageAsksForItsImageCarryingTheFieldsAndTheCategoryFilters() {
    CatalogueSpider spider = new CatalogueSpider();
    ProductPage page = new ProductPage("DC-0007", "Oak Flask", "Outdoor", new BigDecimal("12.30"),
        4, List.of("gift"), "A flask.", "../media/product-7.png");
    Request image = spider.product(page(BASE + "catalogue/product-7.html"), page);
    assertEquals("image", image.callbackId());
    assertEquals("../media/product-7.png", image.url());
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) image.meta().get("product");
    assertEquals("12.30", meta.get("price"));
    assertEquals(BASE + "catalogue/product-7.html", meta.get("url"));

    spider.category = "kitchen";
    assertNull(spider.product(page(BASE + "catalogue/product-7.html"), page));
    spider.category = "OUTDOOR";
    assertEquals("image", spider.product(page(BASE), page).callbackId());
  }

  @Test
  void imageCompletesTheItemWithDigestAndPngSize() {
    DemoProduct p = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED).product(3);
    Map<String, Object> meta = Map.of("product", Map.of("sku", p.sku(), "title", p.title(),
        "category", p.category(), "price", p.price().toPlainString(), "stock", p.stock(),
        "tags", p.tags(), "description", p.description(), "url", BASE + "x.html"));
    Response r = new Response("image#1", "image", BASE + "media/product-3.png", 200, null, null,
        p.image(), meta, null, null);
    Product item = new CatalogueSpider().image(r, p.image());
    assertEquals(new Product(p.sku(), p.title(), p.category(), p.price(), p.stock(), p.tags(),
        p.description(), BASE + "x.html", new Product.Image(BASE + "media/product-3.png",
            DemoCatalogue.sha256(p.image()), p.image().length, p.imageWidth(), p.imageHeight())),
        item);
  }

  private static Response page(String url) {
    return new Response("parse", "parse", url, 200, null, "<html></html>", null, null, null,
        Map.of());
  }

  private static String describe(Request r) {
    String url = r.url();
    String last = url.substring(url.lastIndexOf('/') + 1).replace(".html", "");
    return r.callbackId() + " " + (url.startsWith("/") ? url : last);
  }
}
