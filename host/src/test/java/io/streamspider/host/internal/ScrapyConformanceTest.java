package io.streamspider.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host's Scrapy behaviours against expectations the real Scrapy 2.8 / w3lib produced
 * ({@code host/src/test/python/generate_scrapy_data.py}, output in {@code src/test/resources/scrapy}).
 */
class ScrapyConformanceTest {
  /** Where the host deliberately differs from w3lib, with the reason and what it gives instead. */
  private static final Map<String, String> DEVIATIONS =
      Map.of("http://[::1]:8080/x", "http://[::1]:8080/x"); // w3lib 2.1.1 drops IPv6 brackets: a bug

  static Stream<Arguments> textResponses() throws IOException {
    return cases("text-responses.json").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("textResponses")
  void textResponsesAreDecidedAndDecodedAsScrapyDoes(String name, JsonNode c) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    c.get("headers").fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      headers.put(HeaderNames.title(e.getKey()), values);
    });
    byte[] body = Base64.getDecoder().decode(c.get("body_base64").asText());
    boolean text = c.get("kind").asText().equals("text");
    assertEquals(text, ResponseText.isText(headers, c.get("url").asText(), body), "text or binary");
    if (text) {
      ResponseText.Text decoded = ResponseText.decode(headers, body);
      assertEquals(c.get("text").asText(), decoded.text());
      Charset expected = PythonEncodings.charset(c.get("encoding").asText());
      assertNotNull(expected, "no JDK charset for " + c.get("encoding"));
      assertEquals(expected, decoded.charset());
    }
  }

  static Stream<Arguments> requestUrls() throws IOException {
    return cases("request-urls.json").stream().map(c -> Arguments.of(c.get("url").asText(), c));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("requestUrls")
  void requestUrlsAreEscapedAsScrapyDoes(String url, JsonNode c) {
    Charset encoding = c.get("encoding").isNull()
        ? StandardCharsets.UTF_8
        : PythonEncodings.forEncoding(c.get("encoding").asText());
    if (c.has("result")) {
      String expected = DEVIATIONS.getOrDefault(url, c.get("result").asText());
      assertEquals(expected, RequestUrl.of(url, encoding));
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RequestUrl.of(url, encoding));
      assertEquals(c.get("message").asText(), e.getMessage());
    }
  }

  static Stream<Arguments> headerNames() throws IOException {
    return cases("header-names.json").stream().map(c -> Arguments.of(c.get("name").asText(), c.get("normalised").asText()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("headerNames")
  void headerNamesAreTitleCasedAsScrapyDoes(String name, String expected) {
    assertEquals(expected, HeaderNames.title(name));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pythonCodecs")
  void everyMappedCodecHasAJdkCharset(String codec) {
    assertNotNull(PythonEncodings.charset(codec), codec);
  }

  static Stream<String> pythonCodecs() {
    return Stream.of("utf-8", "cp1252", "iso8859-2", "cp1251", "gb18030", "big5hkscs", "cp932",
        "cp949", "euc_jp", "koi8-r", "cp874", "mac-roman", "utf-16-le", "iso8859-15");
  }

  @org.junit.jupiter.api.Test
  void encodingLabelsResolveAsW3libDoes() {
    assertEquals("cp1252", PythonEncodings.resolve("ISO-8859-1"));
    assertEquals("cp1252", PythonEncodings.resolve("latin1"));
    assertEquals("gb18030", PythonEncodings.resolve("GB2312"));
    assertEquals("utf-8", PythonEncodings.resolve("UTF8"));
    assertEquals(null, PythonEncodings.resolve("x-nonsense"));
    // a request's encoding is taken literally: latin-1 stays latin-1
    assertEquals(StandardCharsets.ISO_8859_1, PythonEncodings.forEncoding("latin-1"));
    assertTrue(PythonEncodings.forEncoding("klingon") == null);
  }

  private static List<JsonNode> cases(String file) throws IOException {
    try (InputStream in = ScrapyConformanceTest.class.getResourceAsStream("/scrapy/" + file)) {
      List<JsonNode> out = new ArrayList<>();
      Json.MAPPER.readTree(in).get("cases").forEach(out::add);
      return out;
    }
  }
}
