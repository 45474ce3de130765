package minimal;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of {@link MinimalSpider}: its {@code spider} message, its callbacks
 * and the calls to its methods, generated at compile time so that the
 * runtime needs no reflection.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from minimal.MinimalSpider"
)
public final class MinimalSpider_StreamSpider implements SpiderDefinition<MinimalSpider> {
  /**
   * Callback {@code parse}: {@link MinimalSpider#parse}, reached by {@code request}.
   */
  public static final Callback PARSE = Callback.plain("parse");

  private static final SpiderInfo INFO = new SpiderInfo(
      "minimal",
      List.of("http://127.0.0.1:8080/"),
      List.of(),
      Map.of());

  private static final List<Callback> CALLBACKS = List.of(PARSE);

  private static final Set<String> ARGUMENT_NAMES = Set.of();

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public MinimalSpider_StreamSpider() {
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
  public MinimalSpider newSpider(SpiderArguments arguments) {
    return new MinimalSpider();
  }

  @Override
  public Object invoke(MinimalSpider spider, Callback callback, Response response) throws
      Exception {
    switch (callback.id()) {
      case "parse":
        return spider.parse(response);
      default:
        throw new IllegalArgumentException(
            "spider minimal has no callback " + callback.id());
    }
  }

  @Override
  public Object onError(MinimalSpider spider, Callback callback, Failure failure) throws Exception {
    throw new IllegalArgumentException(
        "spider minimal has no error handler for callback " + callback.id());
  }
}
