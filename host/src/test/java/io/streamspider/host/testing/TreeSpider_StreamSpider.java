package io.streamspider.host.testing;

import io.streamspider.runtime.Callback;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.SpiderDefinition;
import io.streamspider.runtime.SpiderInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written dispatch table (as the processor would generate it) for the frontier crawl
 * tests: its one callback yields an item {@code {"url": …}} and follows every link. Start URL:
 * system property {@code tree.start}.
 */
public final class TreeSpider_StreamSpider implements SpiderDefinition<Object> {
  public static final Callback PARSE = Callback.plain("parse", false, false);
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  @Override
  public SpiderInfo info() {
    return new SpiderInfo("frontier_test",
        List.of(System.getProperty("tree.start", "http://127.0.0.1:8765/p/0")),
        List.of("127.0.0.1"), Map.of());
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
    List<Object> out = new ArrayList<>();
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("url", response.url());
    out.add(item);
    Matcher m = HREF.matcher(response.text());
    while (m.find()) {
      out.add(Request.to(PARSE, response.urljoin(m.group(1))));
    }
    return out;
  }

  @Override
  public Object onError(Object spider, Callback callback, Failure failure) {
    return null;
  }
}
