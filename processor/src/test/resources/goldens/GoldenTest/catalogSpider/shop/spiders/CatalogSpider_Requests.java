package shop.spiders;

import io.streamspider.runtime.Request;
import javax.annotation.processing.Generated;

/**
 * Requests to the callbacks of {@link CatalogSpider}. Each already knows the protocol
 * message its callback needs; set meta, headers, method, body, cookies,
 * priority or dont_filter on the returned {@link Request}.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from shop.spiders.CatalogSpider"
)
public final class CatalogSpider_Requests {
  private CatalogSpider_Requests() {
  }

  /**
   * A {@code selector_request} to {@link CatalogSpider#parse}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request parse(String url) {
    return Request.to(CatalogSpider_StreamSpider.PARSE, url);
  }

  /**
   * A {@code selector_request} to {@link CatalogSpider#product}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request productPage(String url) {
    return Request.to(CatalogSpider_StreamSpider.PRODUCT_PAGE, url);
  }

  /**
   * A {@code from_response_request} to {@link CatalogSpider#klass}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request class_(String url) {
    return Request.to(CatalogSpider_StreamSpider.CLASS, url);
  }

  /**
   * A {@code from_response_request} to {@link CatalogSpider#second}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request _2nd(String url) {
    return Request.to(CatalogSpider_StreamSpider._2ND, url);
  }

  /**
   * A {@code from_response_request} to {@link CatalogSpider#plainForm}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request plainForm(String url) {
    return Request.to(CatalogSpider_StreamSpider.PLAIN_FORM, url);
  }
}
