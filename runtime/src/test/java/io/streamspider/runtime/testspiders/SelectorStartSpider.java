package io.streamspider.runtime.testspiders;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.List;
import java.util.Map;

/**
 * A spider whose start callback declares selectors: start URLs go out as selector_requests. Its
 * dispatch table {@code SelectorStartSpider_StreamSpider} is the processor's output, committed (the
 * processor's {@code CommittedTablesTest} fails when it differs).
 */
@Spider(
    name = "titles",
    startUrls = {"http://127.0.0.1:8765/a.html", "http://127.0.0.1:8765/b.html"})
public class SelectorStartSpider {
  @Parse
  public Object parse(Response response, @Selector(css = "title::text") List<String> title) {
    return Map.of("url", response.url(), "title", title);
  }
}
