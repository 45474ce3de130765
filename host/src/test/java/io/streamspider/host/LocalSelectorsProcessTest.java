package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.testing.LocalSelectorSpider_StreamSpider;
import io.streamspider.runtime.generated.SelectorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -s SELECTORS=local} (issue "Runtime": hosts without selector_request): a real runtime
 * process with the host module on its class path sends plain requests and evaluates the callback's
 * selectors itself with the parsel engine of this module.
 */
@Timeout(60)
class LocalSelectorsProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "http://127.0.0.1:8765/";

  @TempDir Path tmp;

  @Test
  void selectorsAreEvaluatedInTheSpiderProcessAndPlainRequestsAreSent() throws Exception {
    JsonNode item =
        crawl(
            "<html><body><h1>Caf\u00e9 &amp; co</h1><a href='/a'>a</a><a href=\"/b\">b</a>"
                + "<p class=price>\n  12.50   EUR\n</p></body></html>",
            null);
    assertEquals(List.of("Caf\u00e9 & co"), JSON.convertValue(item.get("title"), List.class));
    assertEquals(List.of("/a", "/b"), JSON.convertValue(item.get("links"), List.class));
    assertEquals(List.of("12.50 EUR"), JSON.convertValue(item.get("price"), List.class));
    assertEquals(
        List.of("2.0"),
        JSON.convertValue(item.get("count"), List.class),
        "numbers as parsel formats them");
  }

  /** An RSS feed: CSS keeps the case of names in XML, and HTML parsing would add html/body. */
  static final String FEED =
      "<?xml version=\"1.0\"?><rss><channel><H1>Upper</H1><h1>lower</h1>"
          + "<a href=\"/x\">x</a><p class=\"price\">3 EUR</p></channel></rss>";

  @Test
  void anXmlResponseIsSelectedAsXmlAsScrapyMakesItAnXmlResponse() throws Exception {
    // by its Content-Type, and with no headers at all by its body (responsetypes.from_body)
    for (String contentType : new String[] {"application/rss+xml", null}) {
      JsonNode item =
          crawl(
              FEED.replace(
                  "<?xml version=\"1.0\"?>", contentType == null ? "<?xml version=\"1.0\"?>" : ""),
              contentType);
      String body = contentType == null ? FEED : FEED.replace("<?xml version=\"1.0\"?>", "");
      HtmlPage xml = HtmlPage.parseXml(body, URL);
      HtmlPage html = HtmlPage.parse(body, URL);
      for (String field : List.of("title", "links", "price", "count")) {
        SelectorSpec spec = LocalSelectorSpider_StreamSpider.PARSE.selectors().get(field);
        assertEquals(
            xml.getall(spec),
            JSON.convertValue(item.get(field), List.class),
            field + ", " + contentType);
      }
      SelectorSpec title = LocalSelectorSpider_StreamSpider.PARSE.selectors().get("title");
      assertNotEquals(
          html.getall(title), xml.getall(title), "the feed tells XML from HTML parsing");
    }
  }

  /** One crawl of the localsel spider whose start page is {@code body}; returns its item. */
  private JsonNode crawl(String body, String contentType) throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        new ScriptedHost(
            ScriptedHost.javaCommand(
                List.of(System.getProperty("java.class.path")),
                List.of(),
                "io.streamspider.runtime.StreamSpider",
                List.of("localsel", "-s", "SELECTORS=local", "-O", items.toString())))) {
      h.ready();
      JsonNode spider = h.next();
      assertEquals("spider", spider.get("type").asText());
      assertEquals(0, spider.get("start_urls").size(), "the start URL is sent by the runtime");
      JsonNode request = h.next();
      assertEquals(
          "request",
          request.get("type").asText(),
          "a plain request, not a selector_request: " + request);
      assertFalse(request.has("selector"));
      ObjectNode response = JSON.createObjectNode();
      response.put("type", "response");
      response.put("id", request.get("id").asText());
      response.put("url", URL);
      if (contentType != null) {
        response.putObject("headers").putArray("Content-Type").add(contentType);
      }
      response.put("status", 200);
      response.put("body", body);
      h.send(response);
      assertEquals("close", h.nextNonLog().get("type").asText());
      assertEquals(0, h.exit());
      assertEquals(0, h.stderrBytes(), "stderr stays silent: " + h.stderr());
    }
    return JSON.readTree(Files.readAllLines(items).get(0));
  }
}
