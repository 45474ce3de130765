package io.streamspider.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamspider.test.spiders.ShopSpider;
import io.streamspider.test.spiders.ShopSpider_StreamSpider;
import org.junit.jupiter.api.Test;

class ResultAssertTest {
  private static final String SHOP = "http://127.0.0.1:8000/shop/";
  private final SpiderTester<ShopSpider> tester = SpiderTester.of(new ShopSpider_StreamSpider());

  @Test
  void passingChecksChainAndFailingOnesNameCallbackAndPage() {
    CallbackResult r = tester.call("parse", Page.resource("pages/listing.html").url(SHOP));
    ResultAssert.assertThat(r)
        .hasNoItems()
        .hasRequestCount(4)
        .hasRequestUrls(
            "offer", SHOP + "offers/lamp.html", "http://127.0.0.1:8000/offers/desk.html")
        .hasRequestUrls("parse", SHOP + "?page=2")
        .hasSelectorValues("next", "?page=2");

    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> ResultAssert.assertThat(r).hasRequestUrls("offer", SHOP + "offers/lamp.html"));
    assertEquals(
        "callback parse on <200 "
            + SHOP
            + "> (resource /pages/listing.html): expected requests to "
            + "callback offer ["
            + SHOP
            + "offers/lamp.html] but got ["
            + SHOP
            + "offers/lamp.html, "
            + "http://127.0.0.1:8000/offers/desk.html]",
        e.getMessage());
    assertThrows(AssertionError.class, () -> ResultAssert.assertThat(r).hasItems("x"));
    assertThrows(AssertionError.class, () -> ResultAssert.assertThat(r).hasSelectorValues("nope"));

    ShopSpider.Offer offer = new ShopSpider.Offer("Brass Lamp", 12, SHOP + "o.html");
    ResultAssert.assertThat(
            tester.call("offer", Page.resource("pages/offer.html").url(SHOP + "o.html")))
        .hasItems(offer)
        .hasNoRequests();
  }
}
