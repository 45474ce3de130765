package io.streamspider.runtime.testspiders;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of {@link SelectorStartSpider}: its {@code spider} message, its callbacks
 * and the calls to its methods, generated at compile time so that the
 * runtime needs no reflection.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from io.streamspider.runtime.testspiders.SelectorStartSpider"
)
public final class SelectorStartSpider_StreamSpider implements SpiderDefinition<SelectorStartSpider> {
  /**
   * Callback {@code parse}: {@link SelectorStartSpider#parse}, reached by {@code selector_request}.
   */
  public static final Callback PARSE = Callback.selector("parse", parseSelectors());

  private static final SpiderInfo INFO = new SpiderInfo(
      "titles",
      List.of("http://127.0.0.1:8765/a.html", "http://127.0.0.1:8765/b.html"),
      List.of(),
      Map.of());

  private static final List<Callback> CALLBACKS = List.of(PARSE);

  private static final Set<String> ARGUMENT_NAMES = Set.of();

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public SelectorStartSpider_StreamSpider() {
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
      default:
        return null;
    }
  }

  @Override
  public Set<String> argumentNames() {
    return ARGUMENT_NAMES;
  }

  @Override
  public SelectorStartSpider newSpider(SpiderArguments arguments) {
    return new SelectorStartSpider();
  }

  @Override
  public Object invoke(SelectorStartSpider spider, Callback callback, Response response) throws
      Exception {
    switch (callback.id()) {
      case "parse":
        return spider.parse(
            response,
            response.values("title"));
      default:
        throw new IllegalArgumentException(
            "spider titles has no callback " + callback.id());
    }
  }

  @Override
  public Object onError(SelectorStartSpider spider, Callback callback, Failure failure) throws
      Exception {
    throw new IllegalArgumentException(
        "spider titles has no error handler for callback " + callback.id());
  }

  private static Map<String, SelectorSpec> parseSelectors() {
    Map<String, SelectorSpec> selectors = new LinkedHashMap<>();
    selectors.put("title", SelectorSpec.css("title::text"));
    return selectors;
  }
}
