package io.streamspider.runtime.testspiders;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A spider whose start callback declares selectors: start URLs go out as selector_requests. */
public final class SelectorStartSpider_StreamSpider implements SpiderDefinition<Object> {
  static final Callback PARSE =
      Callback.selector("parse", Map.of("title", SelectorSpec.css("title::text")));

  @Override
  public SpiderInfo info() {
    return new SpiderInfo(
        "titles",
        List.of("http://127.0.0.1:8765/a.html", "http://127.0.0.1:8765/b.html"),
        List.of(),
        Map.of());
  }

  @Override
  public Collection<Callback> callbacks() {
    return List.of(PARSE);
  }

  @Override
  public Callback callback(String id) {
    return id.equals("parse") ? PARSE : null;
  }

  @Override
  public Set<String> argumentNames() {
    return Set.of();
  }

  @Override
  public Object newSpider(SpiderArguments arguments) {
    return new Object();
  }

  @Override
  public Object invoke(Object spider, Callback callback, Response response) {
    return Map.of("url", response.url(), "title", response.values("title"));
  }

  @Override
  public Object onError(Object spider, Callback callback, Failure failure) {
    throw new UnsupportedOperationException();
  }
}
