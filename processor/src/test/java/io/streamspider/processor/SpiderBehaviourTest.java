package io.streamspider.processor;

import static io.streamspider.harness.ScriptedHost.JSON;
import static io.streamspider.harness.ScriptedHost.response;
import static io.streamspider.harness.ScriptedHost.responseSelector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spider compiled with the processor (by the real javac) runs under a scripted host as a child
 * process over real pipes: the generated table decides each message kind, binds the
 * response_selector values, and calls the callbacks and the error handler.
 */
@Timeout(120)
class SpiderBehaviourTest {
  static final String BASE = "http://127.0.0.1:8765/";

  @TempDir static Path build;
  static List<Path> classPath;

  @TempDir Path tmp;

  @BeforeAll
  static void compileTheSpider() throws Exception {
    RealJavac.Result r =
        RealJavac.compileResources(
            build, RealJavac.processorPath(), "spiders/shelf/ShelfSpider.java");
    RealJavac.assertSucceeded(r);
    classPath = RealJavac.runClassPath(r.classes());
  }

  /** The compiled spider under a scripted host, as a real host starts it. */
  private static ScriptedHost spider(List<String> args) throws IOException {
    return new ScriptedHost(
        ScriptedHost.javaCommand(
            classPath.stream().map(Path::toString).toList(),
            List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"),
            "io.streamspider.runtime.StreamSpider",
            args));
  }

  private static List<JsonNode> items(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  private static ObjectNode selector(Map<String, List<String>> values) {
    ObjectNode s = JSON.createObjectNode();
    values.forEach((k, v) -> v.forEach(s.withArray(k)::add));
    return s;
  }

  @Test
  void crawlsWithGeneratedDispatch() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        spider(
            List.of("shelf", "-a", "category=travel", "-a", "user=bob", "-o", items.toString()))) {
      h.ready();
      JsonNode spider = h.next("spider");
      assertEquals("shelf", spider.get("name").asText());
      assertEquals(
          List.of("127.0.0.1"), JSON.convertValue(spider.get("allowed_domains"), List.class));
      JsonNode settings = spider.get("custom_settings");
      assertTrue(settings.get("CONCURRENT_REQUESTS").isInt(), settings.toString());
      assertEquals(2, settings.get("CONCURRENT_REQUESTS").asInt());
      assertTrue(settings.get("DOWNLOAD_DELAY").isDouble());
      assertEquals(0.5, settings.get("DOWNLOAD_DELAY").asDouble());
      assertTrue(settings.get("COOKIES_ENABLED").isBoolean());
      assertFalse(settings.get("COOKIES_ENABLED").asBoolean());
      assertEquals("shelf", settings.get("BOT_NAME").asText());

      // parse takes selectors, so the start URL goes out as a selector_request
      JsonNode start = h.next("selector_request");
      assertEquals("parse#1", start.get("id").asText());
      assertEquals(BASE + "index.html", start.get("url").asText());
      assertFalse(start.has("base64"));
      assertEquals(
          Map.of(
              "books", Map.of("type", "css", "filter", "article h3 a::attr(href)"),
              "next", Map.of("type", "css", "filter", "li.next a::attr(href)")),
          JSON.convertValue(start.get("selector"), Map.class));

      h.send(
          responseSelector(
              "parse#1",
              BASE + "index.html",
              selector(Map.of("books", List.of("/b1.html", "b2.html"), "next", List.of()))));

      JsonNode book1 = h.next("selector_request");
      assertEquals("book#2", book1.get("id").asText());
      assertEquals(BASE + "b1.html", book1.get("url").asText());
      assertEquals("travel", book1.get("meta").get("category").asText());
      assertEquals(
          List.of("book.title", "book.price", "book.stock"),
          List.copyOf(JSON.convertValue(book1.get("selector"), Map.class).keySet()));
      assertEquals("xpath", book1.get("selector").get("book.price").get("type").asText());
      JsonNode book2 = h.next("selector_request");
      assertEquals(BASE + "b2.html", book2.get("url").asText());

      JsonNode account = h.next("from_response_request");
      assertEquals(BASE + "index.html", account.get("url").asText());
      assertFalse(account.get("base64").asBoolean());
      JsonNode form = account.get("from_response_request");
      assertEquals("login", form.get("formname").asText());
      assertEquals(
          Map.of("user", "alice", "tag", List.of("a", "b"), "pass", "secret-bob"),
          JSON.convertValue(form.get("formdata"), Map.class));
      assertEquals(Map.of("name", "go"), JSON.convertValue(form.get("clickdata"), Map.class));

      JsonNode cover = h.next("request");
      assertEquals(BASE + "cover.png", cover.get("url").asText());
      assertTrue(cover.get("base64").asBoolean(), "byte[] parameter asks for base64");

      h.send(
          responseSelector(
              book1.get("id").asText(),
              BASE + "b1.html",
              selector(
                  Map.of(
                      "book.title", List.of("A Light in the Attic"),
                      "book.price", List.of("51.77"),
                      "book.stock", List.of("22")))));
      ObjectNode failure = JSON.createObjectNode();
      failure.put("type", "exception");
      failure.put("received_message", JSON.writeValueAsString(book2));
      failure.put("exception", "Ignoring non-200 response");
      h.send(failure);
      h.send(response(account.get("id").asText(), BASE + "welcome.html", "<h1>hi</h1>"));
      byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
      h.send(
          response(
              cover.get("id").asText(),
              BASE + "cover.png",
              Base64.getEncoder().encodeToString(png)));

      h.next("close");
      assertEquals(0, h.exit());
      assertEquals("", h.stderr(), "nothing on stderr: a real host kills a spider for it");
    }
    List<JsonNode> got = items(items);
    assertEquals(5, got.size(), got.toString());
    assertEquals(
        Map.of("page", BASE + "index.html", "books", 2, "next", "none"),
        JSON.convertValue(got.get(0), Map.class));
    assertEquals("A Light in the Attic", got.get(1).get("title").asText());
    assertTrue(got.get(1).get("price").isNumber(), got.get(1).toString());
    assertEquals("51.77", got.get(1).get("price").decimalValue().toPlainString());
    assertEquals(22, got.get(1).get("stock").asInt());
    assertEquals(
        Map.of("failed", BASE + "b2.html", "why", "Ignoring non-200 response"),
        JSON.convertValue(got.get(2), Map.class));
    assertEquals(
        Map.of("logged_in", BASE + "welcome.html"), JSON.convertValue(got.get(3), Map.class));
    assertEquals(Map.of("cover_bytes", 4, "first", 0x89), JSON.convertValue(got.get(4), Map.class));
  }

  @Test
  void badSelectorTextIsReportedWithSpiderCallbackFieldAndText() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = spider(List.of("shelf", "-a", "user=bob", "-o", items.toString()))) {
      h.ready();
      h.next("spider");
      h.next("selector_request");
      h.send(
          responseSelector(
              "parse#1",
              BASE + "index.html",
              selector(Map.of("books", List.of("/b1.html"), "next", List.of()))));
      JsonNode book = h.next("selector_request");
      h.next("from_response_request");
      h.next("request");
      h.send(
          responseSelector(
              book.get("id").asText(),
              BASE + "b1.html",
              selector(
                  Map.of(
                      "book.title", List.of("T"),
                      "book.price", List.of("£51.77"),
                      "book.stock", List.of("22")))));
      // the callback failed: logged as an error naming what could not be converted
      String expected =
          "spider shelf, callback book, field book.price (from "
              + BASE
              + "b1.html): expected a"
              + " decimal number, got \\\"£51.77\\\"";
      JsonNode log = JSON.readTree(h.lineContaining(expected));
      assertEquals("log", log.get("type").asText());
      assertEquals("ERROR", log.get("level").asText());
      assertEquals("", h.stderr());
    }
    assertEquals(1, items(items).size(), "only the start page's item");
  }

  @Test
  void missingRequiredArgumentIsAUsageError() throws Exception {
    try (ScriptedHost h = spider(List.of("shelf"))) {
      assertEquals(2, h.exit());
      assertTrue(h.stderr().contains("missing required spider argument -a user=..."), h.stderr());
    }
  }

  @Test
  void malformedArgumentIsAUsageErrorNamingIt() throws Exception {
    try (ScriptedHost h = spider(List.of("shelf", "-a", "user=bob", "-a", "pages=two"))) {
      assertEquals(2, h.exit());
      assertTrue(
          h.stderr().contains("spider argument -a pages=two: expected an integer"), h.stderr());
    }
  }
}
