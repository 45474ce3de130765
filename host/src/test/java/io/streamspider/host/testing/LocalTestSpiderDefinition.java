package io.streamspider.host.testing;

import io.streamspider.runtime.Callback;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SelectorSpec;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.SpiderDefinition;
import io.streamspider.runtime.SpiderInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A spider's dispatch table written by hand (what the annotation processor generates), so that
 * the real runtime can run it with {@code --local} on this host: {@code parse} follows two links,
 * {@code page} extracts a title and a price with a {@code selector_request}. Its start URL is
 * read from {@code start-url.txt} in the working directory (the test server's port varies). When
 * {@code fail-with-error.txt} exists there, every callback throws an {@link AssertionError}.
 */
public final class LocalTestSpiderDefinition implements SpiderDefinition<Object> {
  private static final Callback PARSE = Callback.plain("parse");
  private static final Callback PAGE = Callback.selector("page", selectors());

  private static Map<String, SelectorSpec> selectors() {
    Map<String, SelectorSpec> m = new LinkedHashMap<>();
    m.put("title", SelectorSpec.css("h1::text"));
    m.put("price", SelectorSpec.xpath("//span[@class='price']/text()"));
    return m;
  }

  @Override
  public SpiderInfo info() {
    // the runtime asks every spider of the class path for its info, also when it runs another
    Path file = Path.of("start-url.txt");
    List<String> start;
    try {
      start = Files.exists(file) ? List.of(Files.readString(file).strip()) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SpiderInfo("localtest", start, List.of(), Map.of());
  }

  @Override
  public Collection<Callback> callbacks() {
    return List.of(PARSE, PAGE);
  }

  @Override
  public Callback callback(String id) {
    return switch (id) {
      case "parse" -> PARSE;
      case "page" -> PAGE;
      default -> null;
    };
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
    if (Files.exists(Path.of("fail-with-error.txt"))) {
      // an Error the runtime's loop does not catch: the crawl stops on an internal error
      throw new AssertionError("a spider that fails with an Error");
    }
    if (callback == PARSE) {
      return List.of(
          Request.to(PAGE, response.urljoin("/p1.html")), Request.to(PAGE, response.urljoin("/p2.html")));
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("url", response.url());
    item.put("title", response.values("title"));
    item.put("price", response.values("price"));
    return item;
  }

  @Override
  public Object onError(Object spider, Callback callback, Failure failure) {
    return null;
  }
}
