package io.streamspider.host.testing;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spider the real runtime runs with {@code --local} on this host (its dispatch table is generated
 * by the processor on the test class path): {@code parse} follows two links, {@code page} extracts
 * a title and a price with a {@code selector_request}. It has no start URL of its own: the tests
 * give the test server's with {@code -a start_urls=...}. When {@code fail-with-error.txt} exists in
 * the working directory, every callback throws an {@link AssertionError}.
 */
@Spider(name = "localtest")
public class LocalTestSpider {
  @Parse("parse")
  public List<Request> parse(Response response) {
    failIfAsked();
    return List.of(
        LocalTestSpider_Requests.page(response.urljoin("/p1.html")),
        LocalTestSpider_Requests.page(response.urljoin("/p2.html")));
  }

  @Parse("page")
  public Map<String, Object> page(
      @Selector(css = "h1::text") List<String> title,
      @Selector(xpath = "//span[@class='price']/text()") List<String> price,
      Response response) {
    failIfAsked();
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("url", response.url());
    item.put("title", title);
    item.put("price", price);
    return item;
  }

  private static void failIfAsked() {
    if (Files.exists(Path.of("fail-with-error.txt"))) {
      // an Error the runtime's loop does not catch: the crawl stops on an internal error
      throw new AssertionError("a spider that fails with an Error");
    }
  }
}
