package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@code url-cases.json}, written by {@code runtime/src/test/conformance/gen_urls.py}
 * with the real Scrapy 2.8 and w3lib 2.1: what {@code response.urljoin(href)} gives, the URL of
 * {@code scrapy.Request} built from it, its host name, or the text of the error Scrapy raises.
 *
 * <p>One known difference, on purpose: an IPv6 literal keeps its brackets (w3lib 2.1.1 drops them
 * and gives an unusable URL). For those cases the expected URL is Scrapy's with the brackets put
 * back around the host it printed.
 */
class UrlsConformanceTest {
  @Test
  void everyCaseAgreesWithScrapy() throws Exception {
    JsonNode doc;
    try (InputStream in =
        UrlsConformanceTest.class.getResourceAsStream("/conformance/url-cases.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonNode c : doc.get("cases")) {
      count++;
      String name = c.get("name").asText();
      String base = c.get("base").isNull() ? null : c.get("base").asText();
      String href = c.get("href").asText();
      String encoding = c.get("encoding").asText();
      if (base != null && c.has("join")) {
        check(
            failures, name + " (urljoin)", c.get("join").asText(), () -> PyUrl.urljoin(base, href));
      }
      if (c.has("url")) {
        String expected = c.get("url").asText();
        boolean ipv6 = c.get("join").asText().contains("://[");
        if (ipv6) {
          expected = bracketed(c.get("join").asText(), expected);
        }
        check(failures, name, expected, () -> Urls.requestUrl(base, href, encoding));
        if (!ipv6) {
          String host = c.get("hostname").isNull() ? null : c.get("hostname").asText();
          check(
              failures,
              name + " (hostname)",
              String.valueOf(host),
              () -> String.valueOf(Urls.hostname(Urls.requestUrl(base, href, encoding))));
        }
      } else {
        String error = c.get("error").asText();
        String got;
        try {
          got = "no error: " + Urls.requestUrl(base, href, encoding);
        } catch (PyUrl.UrlException e) {
          got = e.getMessage();
        }
        boolean ok = got.equals(error);
        if (!ok) {
          failures.add(name + ": expected error <" + error + "> but got <" + got + ">");
        }
      }
    }
    assertTrue(count >= 60, "only " + count + " cases");
    assertEquals(List.of(), failures, failures.size() + " of " + count + " cases differ");
  }

  /** Scrapy's URL with the IPv6 literal of {@code joined} in brackets again. */
  private static String bracketed(String joined, String scrapyUrl) {
    int open = joined.indexOf("://[") + 4;
    String literal = joined.substring(open, joined.indexOf(']', open));
    int zone = literal.indexOf('%'); // Python lower-cases the address, not its zone
    literal =
        zone < 0
            ? literal.toLowerCase(java.util.Locale.ROOT)
            : literal.substring(0, zone).toLowerCase(java.util.Locale.ROOT)
                + literal.substring(zone);
    int at = scrapyUrl.indexOf("://") + 3;
    assertTrue(scrapyUrl.startsWith(literal, at), scrapyUrl + " does not hold " + literal);
    return scrapyUrl.substring(0, at)
        + "["
        + literal
        + "]"
        + scrapyUrl.substring(at + literal.length());
  }

  private interface Computation {
    String get();
  }

  private static void check(List<String> failures, String name, String expected, Computation c) {
    String got;
    try {
      got = c.get();
    } catch (RuntimeException e) {
      got = "error: " + e.getMessage();
    }
    if (!expected.equals(got)) {
      failures.add(name + ": expected <" + expected + "> but got <" + got + ">");
    }
  }
}
