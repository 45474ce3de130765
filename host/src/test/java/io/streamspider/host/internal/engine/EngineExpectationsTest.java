package io.streamspider.host.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The engine's pure functions against values produced by the real Scrapy, w3lib, Protego, Twisted.
 */
class EngineExpectationsTest {

  @Test
  void requestUrlsAreWhatScrapyRequestMakesOfThem() {
    int n = 0;
    for (JsonNode c : Expectations.root().path("urls")) {
      String input = c.path("input").asText();
      String enc = c.path("encoding").isNull() ? null : c.path("encoding").asText();
      assertEquals(
          c.path("safe").asText(), RequestUrls.requestUrl(input, enc), "safe url of " + input);
      n++;
    }
    assertTrue(n >= 20, "cases: " + n);
  }

  @Test
  void canonicalUrlsAndFingerprintsMatchScrapy() {
    for (JsonNode c : Expectations.root().path("urls")) {
      String safe = c.path("safe").asText();
      assertEquals(
          c.path("canonical").asText(), RequestUrls.canonicalize(safe), "canonical of " + safe);
      assertEquals(
          c.path("fingerprint_get").asText(),
          Engine.fingerprint("GET", safe, new byte[0]),
          "GET fingerprint of " + safe);
      assertEquals(
          c.path("fingerprint_post_body").asText(),
          Engine.fingerprint("POST", safe, "a=1&b=2".getBytes(StandardCharsets.UTF_8)),
          "POST fingerprint of " + safe);
    }
  }

  @Test
  void badRequestUrlsGetScrapysText() {
    JsonNode errors = Expectations.root().path("request_url_errors");
    for (Iterator<String> it = errors.fieldNames(); it.hasNext(); ) {
      String url = it.next();
      JsonNode expected = errors.get(url);
      if (expected.isNull()) {
        RequestUrls.requestUrl(url, null);
      } else {
        IllegalArgumentException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> RequestUrls.requestUrl(url, null), url);
        assertEquals(expected.asText(), e.getMessage());
      }
    }
  }

  @Test
  void robotsDecisionsMatchProtego() {
    int n = 0;
    for (JsonNode c : Expectations.root().path("robots")) {
      RobotsTxt robots = RobotsTxt.parse(c.path("robots").asText());
      String url = "http://example.com" + c.path("path").asText();
      assertEquals(
          c.path("allowed").asBoolean(),
          robots.allowed(url, c.path("user_agent").asText()),
          "robots.txt\n"
              + c.path("robots").asText()
              + "\nfor "
              + c.path("user_agent").asText()
              + " "
              + url);
      n++;
    }
    assertTrue(n >= 25, "cases: " + n);
  }

  @Test
  void floatsPrintAsPythonReprs() {
    for (JsonNode c : Expectations.root().path("pprint").path("float_repr")) {
      assertEquals(c.path("repr").asText(), PyFormat.floatRepr(c.path("value").asDouble()));
    }
  }

  @Test
  void statsDumpIsPythonsPformat() {
    for (JsonNode c : Expectations.root().path("pprint").path("pformat")) {
      Map<String, Object> input = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("input").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.has("datetime")) {
          JsonNode d = v.get("datetime");
          input.put(
              e.getKey(),
              LocalDateTime.of(
                  d.get(0).asInt(),
                  d.get(1).asInt(),
                  d.get(2).asInt(),
                  d.get(3).asInt(),
                  d.get(4).asInt(),
                  d.get(5).asInt(),
                  d.get(6).asInt() * 1000));
        } else if (v.has("float")) {
          input.put(e.getKey(), v.get("float").asDouble());
        } else if (v.isIntegralNumber()) {
          input.put(e.getKey(), v.asLong());
        } else {
          input.put(e.getKey(), v.asText());
        }
      }
      assertEquals(c.path("output").asText(), PyFormat.pformat(input));
      Stats stats = new Stats();
      input.forEach(stats::set);
      assertEquals("Dumping Scrapy stats:\n" + c.path("output").asText(), stats.dump());
    }
  }

  @Test
  void decodingMatchesScrapysHttpCompressionMiddleware() throws Exception {
    int n = 0;
    for (JsonNode c : Expectations.root().path("decoding")) {
      String name = c.path("name").asText();
      byte[] input = java.util.Base64.getDecoder().decode(c.path("input").asText());
      String encoding = c.path("encoding").asText();
      if (c.has("error")) {
        io.streamspider.host.internal.engine.Decoding.DecodingException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                io.streamspider.host.internal.engine.Decoding.DecodingException.class,
                () -> io.streamspider.host.internal.engine.Decoding.decode(input, encoding, 0),
                name);
        assertEquals(c.path("error").asText(), e.getMessage(), name);
        assertEquals(
            c.path("error_class").asText().replace("builtins.", ""), e.pythonClass(), name);
      } else {
        byte[] expected = java.util.Base64.getDecoder().decode(c.path("output").asText());
        byte[] actual = io.streamspider.host.internal.engine.Decoding.decode(input, encoding, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            expected,
            actual,
            name + ": " + expected.length + " bytes expected, " + actual.length + " decoded");
      }
      n++;
    }
    assertTrue(n >= 15, "cases: " + n);
  }

  @Test
  void reasonPhrasesAreTwisteds() {
    JsonNode reasons = Expectations.root().path("http_reasons");
    int n = 0;
    for (Iterator<String> it = reasons.fieldNames(); it.hasNext(); ) {
      String code = it.next();
      assertEquals(reasons.get(code).asText(), HttpReasons.reason(Integer.parseInt(code)), code);
      n++;
    }
    assertEquals(n, 44, "Twisted names 44 statuses");
    assertEquals("599 Unknown Status", HttpReasons.statusMessage(599));
  }

  @Test
  void defaultsAreScrapysExceptTheTwoDocumentedOnes() {
    JsonNode scrapy = Expectations.root().path("settings").path("defaults");
    Settings ours = Settings.defaults();
    ObjectMapper json = new ObjectMapper();
    List<String> compared = new ArrayList<>();
    for (Iterator<String> it = scrapy.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode expected = scrapy.get(name);
      Object actual = ours.get(name);
      if (name.equals("USER_AGENT")) {
        assertEquals("Scrapy/2.8.0 (+https://scrapy.org)", expected.asText());
        assertEquals(Settings.DEFAULT_USER_AGENT, actual);
        continue;
      }
      if (name.equals("METAREFRESH_ENABLED")) {
        assertTrue(expected.asBoolean(), "Scrapy 2.8 enables meta refresh");
        assertEquals(false, actual, "the issue turns it off");
        continue;
      }
      if (name.equals("LOG_LEVEL")) {
        assertEquals(expected.asText(), ours.logLevel().name());
      } else if (name.equals("DEFAULT_REQUEST_HEADERS")) {
        Map<String, List<String>> h = ours.getHeaders(name);
        assertEquals(expected.size(), h.size());
        expected
            .fields()
            .forEachRemaining(e -> assertEquals(List.of(e.getValue().asText()), h.get(e.getKey())));
      } else if (expected.isNull()) {
        assertEquals(null, actual, name);
      } else if (expected.isBoolean()) {
        assertEquals(expected.asBoolean(), actual, name);
      } else if (expected.isArray()) {
        assertEquals(json.convertValue(expected, List.class), actual, name);
      } else if (expected.isNumber()) {
        assertEquals(expected.asDouble(), ((Number) actual).doubleValue(), 0.0, name);
      } else {
        assertEquals(expected.asText(), actual, name);
      }
      compared.add(name);
    }
    assertTrue(compared.size() >= 20, "compared " + compared);
  }

  @Test
  void theShippedScrapySettingNamesAreScrapys() throws IOException {
    Set<String> generated = new TreeSet<>();
    Expectations.root().path("settings").path("names").forEach(n -> generated.add(n.asText()));
    Set<String> shipped = new TreeSet<>();
    try (InputStream in = Settings.class.getResourceAsStream("scrapy-setting-names.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          shipped.add(line.strip());
        }
      }
    }
    assertEquals(generated, shipped);
  }
}
