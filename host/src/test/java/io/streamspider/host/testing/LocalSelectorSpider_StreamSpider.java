package io.streamspider.host.testing;

import io.streamspider.runtime.Callback;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SelectorSpec;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.SpiderDefinition;
import io.streamspider.runtime.SpiderInfo;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A hand-written dispatch table whose start callback declares selectors (for -s SELECTORS=local). */
public final class LocalSelectorSpider_StreamSpider implements SpiderDefinition<Object> {
  public static final Callback PARSE;

  static {
    Map<String, SelectorSpec> s = new LinkedHashMap<>();
    s.put("title", SelectorSpec.css("h1::text"));
    s.put("links", SelectorSpec.css("a::attr(href)"));
    s.put("price", SelectorSpec.xpath("normalize-space(//p[@class='price'])"));
    s.put("count", SelectorSpec.xpath("count(//a)"));
    PARSE = Callback.selector("parse", s);
  }

  @Override
  public SpiderInfo info() {
    return new SpiderInfo("localsel", List.of("http://127.0.0.1:8765/"), List.of(), Map.of());
  }

  @Override
  public Collection<Callback> callbacks() {
    return List.of(PARSE);
  }

  @Override
  public Callback callback(String id) {
    return "parse".equals(id) ? PARSE : null;
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
    Map<String, Object> item = new LinkedHashMap<>(response.selector());
    item.put("url", response.url());
    return item;
  }

  @Override
  public Object onError(Object spider, Callback callback, Failure failure) {
    return null;
  }
}
