package io.streamspider.bench.crawl.spider;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The crawl benchmark's spider for the realistic shop profile, example-style: the host extracts
 * with its parsel selectors. Listing pages: every product link and "next"; product pages: one item
 * (title, price, SKU) and every related product's link. The same work as the harness's Scrapy and
 * WebMagic spiders. Start it with {@code -a start_urls=http://127.0.0.1:PORT/c/1.html}.
 */
@Spider(
    name = "shopreal",
    startUrls = "http://127.0.0.1:8000/c/1.html",
    allowedDomains = "127.0.0.1")
public class ShopRealSpider {
  /** A listing page: the start URL and every page reached through "next". */
  @Parse
  public List<Object> parse(
      @Selector(css = "ul.product-grid a.product-link::attr(href)") List<String> products,
      @Selector(css = "nav.pagination a.next::attr(href)") Optional<String> next) {
    List<Object> out = new ArrayList<>(products.size() + 1);
    for (String href : products) {
      out.add(ShopRealSpider_Requests.product(href));
    }
    next.ifPresent(href -> out.add(ShopRealSpider_Requests.parse(href)));
    return out;
  }

  /** A product page: its item, and the related products (the duplicate filter drops repeats). */
  @Parse("product")
  public List<Object> product(
      Response page,
      @Selector(css = "h1.product-title::text") String title,
      @Selector(css = "div.price-box span.price::text") String price,
      @Selector(css = "span.sku::text") String sku,
      @Selector(css = "section.related a.related-link::attr(href)") List<String> related) {
    List<Object> out = new ArrayList<>(related.size() + 1);
    out.add(new ShopProduct(page.url(), title, price, sku));
    for (String href : related) {
      out.add(ShopRealSpider_Requests.product(href));
    }
    return out;
  }
}
