package contracts;

import io.streamspider.annotations.Contract;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import java.util.List;

/** Callbacks with contracts: one, several, and none. */
@Spider(name = "contracts", startUrls = "http://127.0.0.1:8080/")
public class ContractSpider {
  public record Book(
      @Selector(css = "h1::text") String title, @Selector(css = ".price::text") String price) {}

  @Parse
  @Contract(url = "http://127.0.0.1:8080/", requests = {1, 50})
  public List<Request> parse(@Selector(css = "a::attr(href)") List<String> links) {
    return links.stream().map(l -> Request.to("book", l)).toList();
  }

  @Parse("book")
  @Contract(url = "http://127.0.0.1:8080/book/1", items = {1, 1}, scrapes = {"title", "price"})
  @Contract(url = "http://127.0.0.1:8080/book/2", items = 1)
  public Book book(Book book) {
    return book;
  }

  @Parse("plain")
  public void plain(Response r) {}
}
