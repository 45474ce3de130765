#set( $symbol_pound = '#' )
package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamspider.runtime.Callback;
import io.streamspider.runtime.LocalSelectors;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The spider's callbacks on pages saved under src/test/resources: no network, no host. */
class ${spiderClass}Test {
  private static final String URL = "${startUrl}";

  @Test
  void parseTakesTheTitleOfTheSavedStartPage() throws Exception {
    Object item = callbackOnSavedPage("parse", URL, "start-page.html");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("url", URL);
    expected.put("title", "Quotes to Scrape");
    assertEquals(expected, item);
  }

  /**
   * What callback {@code id} returns for a saved page: its selectors evaluated here with
   * parsel's semantics (the embedded host's selectors, as {@code -s SELECTORS=local} uses them),
   * the page handed to the callback as the host would hand it.
   */
  static Object callbackOnSavedPage(String id, String url, String resource) throws Exception {
    String html = read(resource);
    ${spiderClass}_StreamSpider definition = new ${spiderClass}_StreamSpider();
    Callback callback = definition.callback(id);
    LocalSelectors selectors = ServiceLoader.load(LocalSelectors.class).findFirst().orElseThrow();
    Map<String, List<String>> values = new LinkedHashMap<>();
    callback.selectors().forEach((field, spec) -> values.put(field, selectors.select(html, url, spec)));
    Response page =
        new Response(
            id + "${symbol_pound}1", id, url, 200, Map.of("Content-Type", List.of("text/html")),
            html, null, Map.of(), List.of(), values);
    return definition.invoke(definition.newSpider(new SpiderArguments(Map.of())), callback, page);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = ${spiderClass}Test.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IOException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
