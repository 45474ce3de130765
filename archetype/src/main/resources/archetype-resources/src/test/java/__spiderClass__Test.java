#set( $symbol_pound = '#' )
package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamspider.test.CallbackResult;
import io.streamspider.test.Page;
import io.streamspider.test.SpiderTester;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spider's callbacks on pages saved under src/test/resources, with the StreamSpider test kit:
 * the selectors are evaluated with parsel's semantics by the embedded host's engine and the
 * callback is called through the generated dispatch, in this JVM (no network, no host).
 */
class ${spiderClass}Test {
  private static final String URL = "${startUrl}";

  private final SpiderTester<${spiderClass}> tester = SpiderTester.of(${spiderClass}.class);

  @Test
  void parseTakesTheTitleOfTheSavedStartPage() {
    CallbackResult result = tester.call("parse", Page.resource("/start-page.html").url(URL));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("url", URL);
    expected.put("title", "Quotes to Scrape");
    assertEquals(List.of(expected), result.items());
    assertEquals(List.of(), result.requests());
  }
}
