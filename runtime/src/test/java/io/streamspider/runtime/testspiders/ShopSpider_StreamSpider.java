package io.streamspider.runtime.testspiders;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of {@link ShopSpider}: its {@code spider} message, its callbacks
 * and the calls to its methods, generated at compile time so that the
 * runtime needs no reflection.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from io.streamspider.runtime.testspiders.ShopSpider"
)
public final class ShopSpider_StreamSpider implements SpiderDefinition<ShopSpider> {
  /**
   * Callback {@code parse}: {@link ShopSpider#parse}, reached by {@code request}.
   */
  public static final Callback PARSE = Callback.plain("parse");

  /**
   * Callback {@code page}: {@link ShopSpider#page}, reached by {@code request}.
   */
  public static final Callback PAGE = Callback.plain("page").withErrorHandler();

  /**
   * Callback {@code fields}: {@link ShopSpider#fields}, reached by {@code selector_request}.
   */
  public static final Callback FIELDS = Callback.selector("fields", fieldsSelectors());

  /**
   * Callback {@code search}: {@link ShopSpider#search}, reached by {@code from_response_request}.
   */
  public static final Callback SEARCH = Callback.form("search", searchForm());

  /**
   * Callback {@code image}: {@link ShopSpider#image}, reached by {@code request}.
   */
  public static final Callback IMAGE = Callback.plain("image").withBase64Body();

  private static final SpiderInfo INFO = new SpiderInfo(
      "shop",
      List.of("http://127.0.0.1:8765/index.html"),
      List.of("127.0.0.1", "example.com"),
      customSettings());

  private static final List<Callback> CALLBACKS = List.of(PARSE, PAGE, FIELDS, SEARCH, IMAGE);

  private static final Set<String> ARGUMENT_NAMES = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of("category", "replay")));

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public ShopSpider_StreamSpider() {
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
      case "page":
        return PAGE;
      case "fields":
        return FIELDS;
      case "search":
        return SEARCH;
      case "image":
        return IMAGE;
      default:
        return null;
    }
  }

  @Override
  public Set<String> argumentNames() {
    return ARGUMENT_NAMES;
  }

  @Override
  public ShopSpider newSpider(SpiderArguments arguments) {
    ShopSpider spider = new ShopSpider(arguments);
    if (arguments.has("category")) {
      spider.category = arguments.string("category");
    }
    if (arguments.has("replay")) {
      spider.replay = arguments.string("replay");
    }
    return spider;
  }

  @Override
  public Object invoke(ShopSpider spider, Callback callback, Response response) throws Exception {
    switch (callback.id()) {
      case "parse":
        return spider.parse(response);
      case "page":
        return spider.page(response);
      case "fields":
        return spider.fields(
            response,
            response.values("title"),
            response.values("price"));
      case "search":
        return spider.search(response);
      case "image":
        return spider.image(
            response.body(),
            response);
      default:
        throw new IllegalArgumentException(
            "spider shop has no callback " + callback.id());
    }
  }

  @Override
  public Object onError(ShopSpider spider, Callback callback, Failure failure) throws Exception {
    switch (callback.id()) {
      case "page":
        return spider.pageFailed(failure);
      default:
        throw new IllegalArgumentException(
            "spider shop has no error handler for callback " + callback.id());
    }
  }

  private static Map<String, SelectorSpec> fieldsSelectors() {
    Map<String, SelectorSpec> selectors = new LinkedHashMap<>();
    selectors.put("title", SelectorSpec.css("h1::text"));
    selectors.put("price", SelectorSpec.xpath("//span[@class='price']/text()"));
    return selectors;
  }

  private static FormSpec searchForm() {
    Map<String, Object> formdata = new LinkedHashMap<>();
    formdata.put("q", "java");
    return FormSpec.builder()
        .formname("search")
        .formdata(formdata)
        .build();
  }

  private static Map<String, Object> customSettings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("DOWNLOAD_DELAY", 0);
    return settings;
  }
}
