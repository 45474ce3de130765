package io.streamspider.bench.crawl.spider;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The crawl benchmark's spider, example-style: the host extracts with its parsel selectors ({@code
 * selector_request}); one item per page, every link followed, like the harness's Scrapy spider.
 * Start it with {@code -a start_urls=http://127.0.0.1:PORT/index.html}.
 */
@Spider(
    name = "shopbench",
    startUrls = "http://127.0.0.1:8000/index.html",
    allowedDomains = "127.0.0.1")
public class ShopBenchSpider {
  /** Every page: the start page and each product page. */
  @Parse
  public List<Object> parse(
      Response page,
      @Selector(css = "title::text") String title,
      @Selector(css = "span.price::text") String price,
      @Selector(css = "a::attr(href)") List<String> links) {
    List<Object> out = new ArrayList<>(links.size() + 1);
    out.add(new ShopItem(page.url(), title, price));
    for (String href : links) {
      // relative as written in the page; the runtime resolves it against the page's URL
      out.add(ShopBenchSpider_Requests.parse(href));
    }
    return out;
  }
}
