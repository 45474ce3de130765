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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A hand-written dispatch table, as the processor would generate it. */
public final class ShopSpider_StreamSpider implements SpiderDefinition<ShopSpider> {
  public static final Callback PARSE = Callback.plain("parse");
  public static final Callback PAGE = Callback.plain("page").withErrorHandler();
  public static final Callback FIELDS;
  public static final Callback SEARCH =
      Callback.form(
          "search", FormSpec.builder().formname("search").formdata(Map.of("q", "java")).build());
  public static final Callback IMAGE = Callback.plain("image").withBase64Body();

  static {
    Map<String, SelectorSpec> s = new LinkedHashMap<>();
    s.put("title", SelectorSpec.css("h1::text"));
    s.put("price", SelectorSpec.xpath("//span[@class='price']/text()"));
    FIELDS = Callback.selector("fields", s);
  }

  private static final Map<String, Callback> TABLE = new LinkedHashMap<>();

  static {
    for (Callback c : List.of(PARSE, PAGE, FIELDS, SEARCH, IMAGE)) {
      TABLE.put(c.id(), c);
    }
  }

  private final String startUrl =
      System.getProperty("shop.start", "http://127.0.0.1:8765/index.html");

  @Override
  public SpiderInfo info() {
    String domains = System.getProperty("shop.domains", "127.0.0.1,example.com");
    return new SpiderInfo(
        "shop",
        List.of(startUrl),
        domains.isEmpty() ? List.of() : List.of(domains.split(",")),
        Map.of("DOWNLOAD_DELAY", 0));
  }

  @Override
  public Collection<Callback> callbacks() {
    return TABLE.values();
  }

  @Override
  public Callback callback(String id) {
    return TABLE.get(id);
  }

  @Override
  public Set<String> argumentNames() {
    return Set.of("category", "replay");
  }

  @Override
  public ShopSpider newSpider(SpiderArguments arguments) {
    ShopSpider s = new ShopSpider();
    if (arguments.has("category")) {
      s.category = arguments.string("category");
    }
    s.replay = arguments.string("replay");
    s.state = arguments.state();
    return s;
  }

  @Override
  public Object invoke(ShopSpider spider, Callback callback, Response response) throws Exception {
    switch (callback.id()) {
      case "parse":
        return spider.parse(response);
      case "page":
        return spider.page(response);
      case "fields":
        return spider.fields(response);
      case "search":
        return spider.search(response);
      case "image":
        return spider.image(response);
      default:
        throw new IllegalArgumentException("no callback " + callback.id());
    }
  }

  @Override
  public Object onError(ShopSpider spider, Callback callback, Failure failure) {
    if (callback.id().equals("page")) {
      return spider.pageFailed(failure);
    }
    throw new IllegalArgumentException("no error handler for " + callback.id());
  }
}
