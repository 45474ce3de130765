package shop.spiders;

import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything else: an item class, every value type, ids that are not Java names, a spider built
 * from its arguments, XPath-located forms, settings of every JSON type.
 */
@Spider(
    name = "catalog",
    startUrls = {"http://127.0.0.1:8080/catalog", "http://127.0.0.1:8080/catalog?page=2"},
    customSettings = {
      @Setting(name = "CLOSESPIDER_ITEMCOUNT", value = "10000000000"),
      @Setting(name = "HTTPCACHE_EXPIRATION_SECS", value = "-1"),
      @Setting(name = "AUTOTHROTTLE_TARGET_CONCURRENCY", value = "1e3"),
      @Setting(name = "PRECISE", value = "0.1000000000000000000001"),
      @Setting(name = "ROBOTSTXT_OBEY", value = "true"),
      @Setting(name = "JOBDIR", value = "007"),
      @Setting(name = "LOG_FORMAT", value = "%(message)s \"quoted\"")
    })
public class CatalogSpider {
  private final SpiderArguments arguments;

  @SpiderArg long since;
  @SpiderArg Double ratio;
  @SpiderArg(required = true) boolean verbose;
  @SpiderArg("min-price") Integer minPrice;
  @SpiderArg(value = "user", required = true) String user;

  public CatalogSpider(SpiderArguments arguments) {
    this.arguments = arguments;
  }

  /** An item class: the generated code creates it and assigns its fields. */
  public static class Product {
    @Selector(css = "h1::text") public String name;
    @Selector(xpath = "//span[@itemprop='price']/@content") public BigDecimal price;
    @Selector(css = "span.stock::text") public int stock;
    @Selector(css = "span.rating::text") public Double rating;
    @Selector(xpath = "boolean(//span[@class='sale'])") public Boolean onSale;
    @Selector(css = "ul.tags li::text") public List<String> tags;
    public String note = "not extracted";
  }

  @Parse
  public Stream<Request> parse(
      @Selector(css = "a.product::attr(href)") List<String> products,
      @Selector(xpath = "count(//a[@class='product'])") long count,
      @Selector(css = "body::attr(data-ok)") boolean ok) {
    return products.stream().map(CatalogSpider_Requests::productPage);
  }

  @Parse("product-page")
  public Product[] product(Product product, Response response) {
    return new Product[] {product};
  }

  @Parse("class")
  @FormRequest(formXpath = "//form[@id='search']", dontClick = true)
  public void klass(Response response) {}

  @Parse("2nd")
  @FormRequest(formNumber = 2)
  public Iterable<Object> second(byte[] body) {
    return List.of(Map.of("size", body.length));
  }

  @Parse("plain_form")
  @FormRequest
  public void plainForm(Response response) {}

  @OnError("product-page")
  public Map<String, String> productFailed() {
    return Map.of("failed", "product");
  }

  @OnError("2nd")
  public Object secondFailed(io.streamspider.runtime.Failure failure) {
    return null;
  }
}
