package io.streamspider.bench.crawl.spider;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * {@link ShopBenchSpider}'s crawl with the extraction in the spider (jsoup on the response's text)
 * instead of the host's selectors: no {@code selector_request}, the page travels once.
 */
@Spider(
    name = "shopbench_jsoup",
    startUrls = "http://127.0.0.1:8000/index.html",
    allowedDomains = "127.0.0.1")
public class ShopBenchJsoupSpider {
  /** Every page: the start page and each product page. */
  @Parse
  public List<Object> parse(Response page) {
    Document doc = Jsoup.parse(page.text(), page.url());
    Element price = doc.selectFirst("span.price");
    Elements links = doc.select("a[href]");
    List<Object> out = new ArrayList<>(links.size() + 1);
    out.add(new ShopItem(page.url(), doc.title(), price == null ? null : price.text()));
    for (Element a : links) {
      out.add(ShopBenchJsoupSpider_Requests.parse(a.attr("href")));
    }
    return out;
  }
}
