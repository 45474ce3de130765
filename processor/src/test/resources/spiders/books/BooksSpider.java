package books;

import io.streamspider.annotations.Field;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spider of the issue: selectors, an item record, a form, an error handler, arguments. */
@Spider(
    name = "books",
    startUrls = "http://127.0.0.1:8080/",
    allowedDomains = "127.0.0.1",
    customSettings = {
      @Setting(name = "CONCURRENT_REQUESTS", value = "2"),
      @Setting(name = "DOWNLOAD_DELAY", value = "0.5"),
      @Setting(name = "COOKIES_ENABLED", value = "false"),
      @Setting(name = "USER_AGENT", value = "streamspider-test")
    })
public class BooksSpider {
  @SpiderArg String category;

  @SpiderArg(value = "max-pages", required = true)
  int maxPages;

  public record Book(
      @Selector(css = "h1::text") String title,
      @Selector(xpath = "//p[@class='price']/text()") BigDecimal price,
      @Selector(css = "p.stock::text") Optional<String> stock) {}

  @Parse
  public List<Object> parse(
      Response page,
      @Selector(css = "article h3 a::attr(href)") List<String> books,
      @Selector(css = "li.next a::attr(href)") Optional<String> next) {
    List<Object> out = new ArrayList<>();
    for (String href : books) {
      out.add(BooksSpider_Requests.book(href).meta("category", category));
    }
    next.ifPresent(n -> out.add(BooksSpider_Requests.parse(n)));
    return out;
  }

  @Parse("book")
  public Book book(Book book) {
    return book;
  }

  @Parse("account")
  @FormRequest(
      formName = "login",
      formData = {
        @Field(name = "user", value = "alice"),
        @Field(name = "tag", value = "a"),
        @Field(name = "tag", value = "b")
      },
      clickData = @Field(name = "name", value = "go"))
  public Map<String, Object> account(Response page) {
    return Map.of("url", page.url());
  }

  @Parse("cover")
  public Request cover(byte[] body, Response response) {
    return null;
  }

  @OnError("book")
  public void bookFailed(Failure failure) {}
}
