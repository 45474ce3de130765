package io.streamspider.host.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@code parsel-cases.json} (written by {@code gen_parsel.py} with the real parsel)
 * against {@link HtmlPage}. Cases that cannot match are listed, with the reason, in {@code
 * parsel-known-differences.txt}; the test fails when a case disagrees and is not listed, and when a
 * listed case agrees (so the list stays exact).
 */
class ParselConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agreesWithParselOnEveryCaseNotListedAsAKnownDifference() throws IOException {
    check("/conformance/parsel-cases.json", "/conformance/parsel-known-differences.txt", false);
  }

  /** The XML corpus: Selector(text=xml, type="xml"), what Scrapy uses for an XmlResponse. */
  @Test
  void agreesWithParselOnXmlDocumentsExceptTheListedDifferences() throws IOException {
    check(
        "/conformance/parsel-xml-cases.json",
        "/conformance/parsel-xml-known-differences.txt",
        true);
  }

  private static void check(String cases, String differences, boolean xml) throws IOException {
    JsonNode doc = JSON.readTree(resource(cases));
    Map<String, String> known = ConformanceSupport.knownDifferences(resource(differences));
    Map<String, int[]> rates = new TreeMap<>();
    List<String> disagreeing = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int total = 0;
    for (JsonNode c : doc.get("cases")) {
      total++;
      String id = c.get("id").asText();
      String kind = c.get("kind").asText();
      String outcome = outcome(c, xml);
      int[] rate = rates.computeIfAbsent(kind, k -> new int[2]);
      rate[1]++;
      if (outcome == null) {
        rate[0]++;
      } else {
        disagreeing.add(id);
        if (!known.containsKey(id)) {
          report
              .append("\n")
              .append(id)
              .append(" [")
              .append(c.get("type").asText())
              .append("] ")
              .append(c.get("query").asText())
              .append("\n  html: ")
              .append(abbreviate(c.get("html").asText()))
              .append("\n  ")
              .append(outcome);
        }
      }
    }
    StringBuilder summary =
        new StringBuilder("parsel conformance" + (xml ? ", XML" : "") + " (" + total + " cases):");
    rates.forEach(
        (kind, r) ->
            summary.append(
                String.format(" %s %d/%d (%.1f%%);", kind, r[0], r[1], 100.0 * r[0] / r[1])));
    System.out.println(summary);
    List<String> fixed = new ArrayList<>(known.keySet());
    fixed.removeAll(disagreeing);
    if (!fixed.isEmpty()) {
      report.append("\nlisted as known differences but now agree: ").append(fixed);
    }
    assertEquals("", report.toString(), "cases disagreeing with parsel (all: " + disagreeing + ")");
  }

  /** null when we agree with parsel, else what differs. */
  private static String outcome(JsonNode c, boolean xml) {
    String text = c.get("html").asText();
    HtmlPage page =
        xml
            ? HtmlPage.parseXml(text, "http://example.com/")
            : HtmlPage.parse(text, "http://example.com/");
    String query = c.get("query").asText();
    boolean css = c.get("type").asText().equals("css");
    List<String> got;
    try {
      got = css ? page.css(query) : page.xpath(query);
    } catch (SelectorSyntaxException e) {
      if (!c.has("error")) {
        return "we raised: " + e.getMessage() + "\n  parsel: " + c.get("result");
      }
      String expected = c.get("error").asText();
      boolean ok =
          css
              ? expected.equals(e.getMessage())
              : e.getMessage().startsWith("XPath error: ")
                  && e.getMessage().endsWith(" in " + query);
      return ok
          ? null
          : "error text differs: we said " + e.getMessage() + "\n  parsel: " + expected;
    } catch (RuntimeException e) {
      return "we crashed: " + e;
    }
    if (c.has("error")) {
      return "we returned " + got + "\n  parsel raised: " + c.get("error").asText();
    }
    List<String> expected = new ArrayList<>();
    c.get("result").forEach(v -> expected.add(v.asText()));
    if (expected.equals(got)) {
      return null;
    }
    return "expected "
        + ConformanceSupport.show(expected)
        + "\n  got      "
        + ConformanceSupport.show(got);
  }

  private static String abbreviate(String s) {
    String one = s.replace("\n", "\\n");
    return one.length() > 160 ? one.substring(0, 160) + "..." : one;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ParselConformanceTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
