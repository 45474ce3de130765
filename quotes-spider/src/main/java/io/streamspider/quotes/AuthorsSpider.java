package io.streamspider.quotes;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second spider of this jar: the authors named on each page of the same quotes site, one item
 * per author and page ({@code -a start_urls=http://HOST:PORT/}).
 */
@Spider(name = "authors", startUrls = "http://127.0.0.1:8000/", allowedDomains = "127.0.0.1")
public class AuthorsSpider {
  /** Every listing page. */
  @Parse
  public List<Object> parse(
      @Selector(xpath = "//div[@class='quote']/small[@class='author']/text()") List<String> authors,
      @Selector(css = "li.next a::attr(href)") Optional<String> next) {
    Set<String> distinct = new LinkedHashSet<>(authors);
    List<Object> out = new ArrayList<>();
    for (String name : distinct) {
      out.add(Map.of("author", name));
    }
    next.ifPresent(href -> out.add(AuthorsSpider_Requests.parse(href)));
    return out;
  }
}
