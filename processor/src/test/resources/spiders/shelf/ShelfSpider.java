package shelf;

import io.streamspider.annotations.Field;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spider the behaviour tests run under a scripted host. */
@Spider(
    name = "shelf",
    startUrls = "http://127.0.0.1:8765/index.html",
    allowedDomains = "127.0.0.1",
    customSettings = {
      @Setting(name = "CONCURRENT_REQUESTS", value = "2"),
      @Setting(name = "DOWNLOAD_DELAY", value = "0.5"),
      @Setting(name = "COOKIES_ENABLED", value = "false"),
      @Setting(name = "BOT_NAME", value = "shelf")
    })
public class ShelfSpider {
  @SpiderArg String category;

  @SpiderArg(value = "user", required = true)
  String user;

  @SpiderArg int pages = 1;

  public record Book(
      @Selector(css = "h1::text") String title,
      @Selector(xpath = "//p[@class='price']/text()") BigDecimal price,
      @Selector(css = "p.stock::attr(data-count)") int stock) {}

  @Parse
  public List<Object> parse(
      Response page,
      @Selector(css = "article h3 a::attr(href)") List<String> books,
      @Selector(css = "li.next a::attr(href)") Optional<String> next) {
    List<Object> out = new ArrayList<>();
    for (String href : books) {
      out.add(ShelfSpider_Requests.book(href).meta("category", category));
    }
    if (next.isPresent() && pages > 1) {
      out.add(ShelfSpider_Requests.parse(next.get()));
    }
    // credentials from a spider argument, laid over the form's own formData
    out.add(ShelfSpider_Requests.account(page.url()).formData("pass", "secret-" + user));
    out.add(ShelfSpider_Requests.cover("/cover.png"));
    out.add(Map.of("page", page.url(), "books", books.size(), "next", next.orElse("none")));
    return out;
  }

  @Parse("book")
  public Book book(Book book) {
    return book;
  }

  @OnError("book")
  public Map<String, Object> bookFailed(Failure failure) {
    return Map.of("failed", failure.url(), "why", failure.exception());
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
    return Map.of("logged_in", page.url());
  }

  @Parse("cover")
  public Map<String, Object> cover(byte[] body) {
    return Map.of("cover_bytes", body.length, "first", body[0] & 0xff);
  }
}
