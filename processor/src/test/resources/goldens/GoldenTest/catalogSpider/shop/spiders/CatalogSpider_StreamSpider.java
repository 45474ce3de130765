package shop.spiders;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Bindings;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of {@link CatalogSpider}: its {@code spider} message, its callbacks
 * and the calls to its methods, generated at compile time so that the
 * runtime needs no reflection.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from shop.spiders.CatalogSpider"
)
public final class CatalogSpider_StreamSpider implements SpiderDefinition<CatalogSpider> {
  /**
   * Callback {@code parse}: {@link CatalogSpider#parse}, reached by {@code selector_request}.
   */
  public static final Callback PARSE = Callback.selector("parse", parseSelectors());

  /**
   * Callback {@code product-page}: {@link CatalogSpider#product}, reached by {@code selector_request}.
   */
  public static final Callback PRODUCT_PAGE = Callback.selector("product-page", productPageSelectors()).withErrorHandler();

  /**
   * Callback {@code class}: {@link CatalogSpider#klass}, reached by {@code from_response_request}.
   */
  public static final Callback CLASS = Callback.form("class", class_Form());

  /**
   * Callback {@code 2nd}: {@link CatalogSpider#second}, reached by {@code from_response_request}.
   */
  public static final Callback _2ND = Callback.form("2nd", _2ndForm()).withBase64Body().withErrorHandler();

  /**
   * Callback {@code plain_form}: {@link CatalogSpider#plainForm}, reached by {@code from_response_request}.
   */
  public static final Callback PLAIN_FORM = Callback.form("plain_form", FormSpec.DEFAULT);

  private static final SpiderInfo INFO = new SpiderInfo(
      "catalog",
      List.of("http://127.0.0.1:8080/catalog", "http://127.0.0.1:8080/catalog?page=2"),
      List.of(),
      customSettings());

  private static final List<Callback> CALLBACKS = List.of(PARSE, PRODUCT_PAGE, CLASS, _2ND, PLAIN_FORM);

  private static final Set<String> ARGUMENT_NAMES = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of("since", "ratio", "verbose", "min-price", "user")));

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public CatalogSpider_StreamSpider() {
  }

  @Override
  public SpiderInfo info() {
    return INFO;
  }

  @Override
  public Collection<Callback> callbacks() {
    return CALLBACKS;
  }

  @Override
  public Callback callback(String id) {
    if (id == null) {
      return null;
    }
    switch (id) {
      case "parse":
        return PARSE;
      case "product-page":
        return PRODUCT_PAGE;
      case "class":
        return CLASS;
      case "2nd":
        return _2ND;
      case "plain_form":
        return PLAIN_FORM;
      default:
        return null;
    }
  }

  @Override
  public Set<String> argumentNames() {
    return ARGUMENT_NAMES;
  }

  @Override
  public CatalogSpider newSpider(SpiderArguments arguments) {
    CatalogSpider spider = new CatalogSpider(arguments);
    if (arguments.has("since")) {
      spider.since = arguments.longValue("since");
    }
    if (arguments.has("ratio")) {
      spider.ratio = arguments.doubleValue("ratio");
    }
    spider.verbose = arguments.booleanValue("verbose");
    if (arguments.has("min-price")) {
      spider.minPrice = arguments.intValue("min-price");
    }
    spider.user = arguments.required("user");
    return spider;
  }

  @Override
  public Object invoke(CatalogSpider spider, Callback callback, Response response) throws
      Exception {
    switch (callback.id()) {
      case "parse":
        return spider.parse(
            response.values("products"),
            Bindings.longValue(response, "catalog", "count"),
            Bindings.booleanValue(response, "catalog", "ok"));
      case "product-page":
        return spider.product(
            bindProductPageProduct(response),
            response);
      case "class":
        spider.klass(response);
        return null;
      case "2nd":
        return spider.second(response.body());
      case "plain_form":
        spider.plainForm(response);
        return null;
      default:
        throw new IllegalArgumentException(
            "spider catalog has no callback " + callback.id());
    }
  }

  @Override
  public Object onError(CatalogSpider spider, Callback callback, Failure failure) throws Exception {
    switch (callback.id()) {
      case "product-page":
        return spider.productFailed();
      case "2nd":
        return spider.secondFailed(failure);
      default:
        throw new IllegalArgumentException(
            "spider catalog has no error handler for callback " + callback.id());
    }
  }

  private static Map<String, SelectorSpec> parseSelectors() {
    Map<String, SelectorSpec> selectors = new LinkedHashMap<>();
    selectors.put("products", SelectorSpec.css("a.product::attr(href)"));
    selectors.put("count", SelectorSpec.xpath("count(//a[@class='product'])"));
    selectors.put("ok", SelectorSpec.css("body::attr(data-ok)"));
    return selectors;
  }

  private static Map<String, SelectorSpec> productPageSelectors() {
    Map<String, SelectorSpec> selectors = new LinkedHashMap<>();
    selectors.put("product.name", SelectorSpec.css("h1::text"));
    selectors.put("product.price", SelectorSpec.xpath("//span[@itemprop='price']/@content"));
    selectors.put("product.stock", SelectorSpec.css("span.stock::text"));
    selectors.put("product.rating", SelectorSpec.css("span.rating::text"));
    selectors.put("product.onSale", SelectorSpec.xpath("boolean(//span[@class='sale'])"));
    selectors.put("product.tags", SelectorSpec.css("ul.tags li::text"));
    return selectors;
  }

  private static FormSpec class_Form() {
    return FormSpec.builder()
        .formxpath("//form[@id='search']")
        .dontClick(true)
        .build();
  }

  private static FormSpec _2ndForm() {
    return FormSpec.builder()
        .formnumber(2)
        .build();
  }

  private static CatalogSpider.Product bindProductPageProduct(Response response) {
    CatalogSpider.Product item = new CatalogSpider.Product();
    item.name = Bindings.first(response.values("product.name"));
    item.price = Bindings.bigDecimalOrNull(response, "catalog", "product.price");
    item.stock = Bindings.intValue(response, "catalog", "product.stock");
    item.rating = Bindings.doubleOrNull(response, "catalog", "product.rating");
    item.onSale = Bindings.booleanOrNull(response, "catalog", "product.onSale");
    item.tags = response.values("product.tags");
    return item;
  }

  private static Map<String, Object> customSettings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("CLOSESPIDER_ITEMCOUNT", 10000000000L);
    settings.put("HTTPCACHE_EXPIRATION_SECS", -1);
    settings.put("AUTOTHROTTLE_TARGET_CONCURRENCY", 1000.0);
    settings.put("PRECISE", new BigDecimal("0.1000000000000000000001"));
    settings.put("ROBOTSTXT_OBEY", true);
    settings.put("JOBDIR", "007");
    settings.put("LOG_FORMAT", "%(message)s \"quoted\"");
    return settings;
  }
}
