package io.streamspider.host.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.Selection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Response#css} / {@link Response#xpath} (ad-hoc queries in a callback, found through the
 * {@code LocalSelectors} service this module provides) against parsel: the expectations in {@code
 * conformance/adhoc-cases.json} come from {@code host/src/test/conformance/gen_adhoc.py}.
 */
class AdhocQueryConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCaseGivesWhatParselGives() throws IOException {
    JsonNode doc = JSON.readTree(resource("/conformance/adhoc-cases.json"));
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (JsonNode c : doc.get("cases")) {
      n++;
      String name = c.get("name").asText();
      Object actual;
      try {
        actual = run(c);
      } catch (RuntimeException e) {
        failures.add(name + ": threw " + e);
        continue;
      }
      Object expected = expected(c);
      if (!expected.equals(actual)) {
        failures.add(name + ": expected " + expected + " but was " + actual);
      }
    }
    assertTrue(n >= 20, "the corpus has " + n + " cases");
    assertEquals(List.of(), failures);
  }

  @Test
  void aQueryThatDoesNotParseNamesItself() {
    Response r = response("<p>x</p>", "text/html");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.css("p[["));
    assertTrue(e.getMessage().contains("p[["), e.getMessage());
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> r.xpath("//p["));
    assertTrue(x.getMessage().contains("//p["), x.getMessage());
  }

  @Test
  void iteratingGivesOneSelectionPerNode() {
    Response r =
        response(
            "<ul><li><a href=1>a</a></li><li><a href=2>b</a></li><li>c</li></ul>", "text/html");
    List<String> hrefs = new ArrayList<>();
    for (Selection li : r.css("li")) {
      hrefs.add(li.css("a::attr(href)").get("none"));
    }
    assertEquals(List.of("1", "2", "none"), hrefs);
    assertEquals("b", r.css("li").item(1).css("a::text").get());
    assertNull(r.css("table").get());
  }

  private static Object run(JsonNode c) {
    boolean xml = c.get("type").asText().equals("xml");
    Response r = response(c.get("doc").asText(), xml ? "text/xml" : "text/html; charset=utf-8");
    Selection s = query(r, null, c.get("query"));
    if (!c.get("nested").isNull()) {
      s = query(null, s, c.get("nested"));
    }
    String arg = c.get("arg").isNull() ? null : c.get("arg").asText();
    return switch (c.get("op").asText()) {
      case "getall" -> s.getall();
      case "get" -> s.get();
      case "re" -> s.re(arg);
      case "re_first" -> s.reFirst(arg);
      case "attrib" -> new ArrayList<>(s.attrib().entrySet());
      case "len" -> s.size();
      default -> throw new IllegalArgumentException(c.get("op").asText());
    };
  }

  private static Selection query(Response r, Selection s, JsonNode q) {
    String kind = q.get(0).asText();
    String text = q.get(1).asText();
    if (r != null) {
      return kind.equals("css") ? r.css(text) : r.xpath(text);
    }
    return kind.equals("css") ? s.css(text) : s.xpath(text);
  }

  private static Object expected(JsonNode c) {
    JsonNode e = c.get("expected");
    String op = c.get("op").asText();
    if (op.equals("attrib")) {
      Map<String, String> m = new LinkedHashMap<>();
      for (JsonNode k : c.get("expected_order")) {
        m.put(k.asText(), e.get(k.asText()).asText());
      }
      return new ArrayList<>(m.entrySet());
    }
    if (e.isNull()) {
      return NULL;
    }
    if (e.isArray()) {
      List<String> l = new ArrayList<>();
      e.forEach(x -> l.add(x.asText()));
      return l;
    }
    if (op.equals("len")) {
      return e.intValue();
    }
    return e.asText();
  }

  private static final Object NULL =
      new Object() {
        @Override
        public boolean equals(Object o) {
          return o == null || o == this;
        }

        @Override
        public int hashCode() {
          return 0;
        }

        @Override
        public String toString() {
          return "None";
        }
      };

  private static Response response(String body, String contentType) {
    return new Response(
        "parse",
        "parse",
        "http://127.0.0.1/shop/",
        200,
        Map.of("Content-Type", List.of(contentType)),
        body,
        null,
        null,
        null,
        null);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AdhocQueryConformanceTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
