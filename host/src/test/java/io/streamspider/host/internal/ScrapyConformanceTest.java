package io.streamspider.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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
 * The host's Scrapy behaviours against expectations the real Scrapy 2.8 / w3lib produced ({@code
 * host/src/test/python/generate_scrapy_data.py}, output in {@code src/test/resources/scrapy}).
 */
class ScrapyConformanceTest {
  static Stream<Arguments> textResponses() throws IOException {
    return cases("text-responses.json").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("textResponses")
  void textResponsesAreDecidedAndDecodedAsScrapyDoes(String name, JsonNode c) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    c.get("headers")
        .fields()
        .forEachRemaining(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              headers.put(
                  io.streamspider.host.internal.engine.HeaderNames.title(e.getKey()), values);
            });
    byte[] body = Base64.getDecoder().decode(c.get("body_base64").asText());
    boolean text = c.get("kind").asText().equals("text");
    assertEquals(text, ResponseText.isText(headers, c.get("url").asText(), body), "text or binary");
    ResponseText.Kind kind =
        switch (c.get("class").asText()) {
          case "HtmlResponse" -> ResponseText.Kind.HTML;
          case "XmlResponse" -> ResponseText.Kind.XML;
          case "TextResponse" -> ResponseText.Kind.TEXT;
          case "Response" -> ResponseText.Kind.BINARY;
          default -> throw new AssertionError("unknown class " + c.get("class"));
        };
    assertEquals(kind, ResponseText.kind(headers, c.get("url").asText(), body), "response class");
    if (text) {
      ResponseText.Text decoded = ResponseText.decode(headers, body);
      assertEquals(c.get("text").asText(), decoded.text());
      Charset expected = PythonEncodings.charset(c.get("encoding").asText());
      assertNotNull(expected, "no JDK charset for " + c.get("encoding"));
      assertEquals(expected, decoded.charset());
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("pythonCodecs")
  void everyMappedCodecHasAJdkCharset(String codec) {
    assertNotNull(PythonEncodings.charset(codec), codec);
  }

  static Stream<String> pythonCodecs() {
    return Stream.of(
        "utf-8",
        "cp1252",
        "iso8859-2",
        "cp1251",
        "gb18030",
        "big5hkscs",
        "cp932",
        "cp949",
        "euc_jp",
        "koi8-r",
        "cp874",
        "mac-roman",
        "utf-16-le",
        "iso8859-15");
  }

  @org.junit.jupiter.api.Test
  void encodingLabelsResolveAsW3libDoes() {
    assertEquals("cp1252", PythonEncodings.resolve("ISO-8859-1"));
    assertEquals("cp1252", PythonEncodings.resolve("latin1"));
    assertEquals("gb18030", PythonEncodings.resolve("GB2312"));
    assertEquals("utf-8", PythonEncodings.resolve("UTF8"));
    assertEquals(null, PythonEncodings.resolve("x-nonsense"));
  }

  private static List<JsonNode> cases(String file) throws IOException {
    try (InputStream in = ScrapyConformanceTest.class.getResourceAsStream("/scrapy/" + file)) {
      List<JsonNode> out = new ArrayList<>();
      Json.MAPPER.readTree(in).get("cases").forEach(out::add);
      return out;
    }
  }
}
