package io.streamspider.quotes;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the quotes of a paginated quotes site ({@code div.quote} with {@code span.text} and
 * {@code small.author}, pagination in {@code li.next a}), one item per quote. Start it with {@code
 * -a start_urls=http://HOST:PORT/}; {@code -a author=NAME} keeps one author's quotes.
 */
@Spider(name = "quotes", startUrls = "http://127.0.0.1:8000/", allowedDomains = "127.0.0.1")
public class QuotesSpider {
  /** Keep only the quotes of this author ({@code -a author=...}); all when unset. */
  @SpiderArg String author;

  /** A quote as the item. */
  public record Quote(String text, String author, String page) {}

  /** Every listing page: the start URL and each page reached through "next". */
  @Parse
  public List<Object> parse(
      Response page,
      @Selector(css = "div.quote span.text::text") List<String> texts,
      @Selector(css = "div.quote small.author::text") List<String> authors,
      @Selector(css = "li.next a::attr(href)") Optional<String> next) {
    if (texts.size() != authors.size()) {
      throw new IllegalStateException(
          page.url() + ": " + texts.size() + " quote texts but " + authors.size() + " authors");
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (author == null || author.equals(authors.get(i))) {
        out.add(new Quote(texts.get(i), authors.get(i), page.url()));
      }
    }
    next.ifPresent(href -> out.add(QuotesSpider_Requests.parse(href)));
    return out;
  }
}
