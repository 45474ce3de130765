package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.JSON;
import static io.streamspider.harness.ScriptedHost.assertType;
import static io.streamspider.harness.ScriptedHost.response;
import static io.streamspider.runtime.it.RuntimeJar.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime jar driven by a scripted host over real pipes (issue "Runtime", Tests). */
@Timeout(120)
class RuntimeProtocolIT {
  static final String BASE = "http://127.0.0.1:8765/";

  @TempDir Path tmp;

  private static Map<String, Object> req(String callback, String url) {
    return Map.of("callback", callback, "url", url);
  }

  private static List<JsonNode> items(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  private static String logText(ScriptedHost h) throws Exception {
    StringBuilder b = new StringBuilder();
    for (JsonNode l : h.logs()) {
      b.append(l.get("level").asText()).append(' ').append(l.get("message").asText()).append('\n');
    }
    return b.toString();
  }

  @Test
  void handshakeSendsSpiderMessageWithSettingsAfterReady() throws Exception {
    try (ScriptedHost h =
        RuntimeJar.start(List.of("shop", "-s", "DOWNLOAD_DELAY=0.5", "-s", "USER_AGENT=x y"))) {
      h.ready();
      JsonNode spider = h.nextNonLog();
      assertType(spider, "spider");
      assertEquals("shop", spider.get("name").asText());
      assertEquals(
          List.of(BASE + "index.html"), JSON.convertValue(spider.get("start_urls"), List.class));
      assertEquals(
          List.of("127.0.0.1", "example.com"),
          JSON.convertValue(spider.get("allowed_domains"), List.class));
      assertEquals(0.5, spider.get("custom_settings").get("DOWNLOAD_DELAY").asDouble());
      assertEquals("x y", spider.get("custom_settings").get("USER_AGENT").asText());
      // nothing else but type, name, start_urls, allowed_domains, custom_settings: the host rejects
      // unknown fields
      List<String> fields = new ArrayList<>();
      spider.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          List.of("type", "name", "start_urls", "allowed_domains", "custom_settings"), fields);
    }
  }

  @Test
  void draftReadyWithTypeStatusIsAccepted() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.send("{\"status\": \"ready\", \"type\": \"status\"}");
      assertType(h.nextNonLog(), "spider");
    }
  }

  @Test
  void dispatchesAndSendsEveryRequestKindThenClosesWhenNothingIsInFlight() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      h.ready();
      assertType(h.nextNonLog(), "spider");
      String start =
          script(
              Map.of(
                  "requests",
                      List.of(
                          Map.of("callback", "page", "url", "/p1.html", "meta", Map.of("k", "v")),
                          req("fields", BASE + "p2.html"),
                          req("search", BASE + "form.html"),
                          req("image", BASE + "img.png")),
                  "items", List.of(Map.of("name", "start", "price", 1))));
      h.send(response("parse", BASE + "index.html", start));

      JsonNode page = h.nextNonLog();
      assertType(page, "request");
      assertTrue(page.get("id").asText().startsWith("page#"), page.toString());
      assertEquals(
          BASE + "p1.html", page.get("url").asText(), "relative URL resolved against the response");
      assertFalse(page.get("base64").asBoolean(), "base64 is explicit: the host's flag is sticky");
      assertTrue(page.has("base64"));
      assertTrue(page.get("dont_filter").asBoolean());
      assertEquals("v", page.get("meta").get("k").asText());

      JsonNode fields = h.nextNonLog();
      assertType(fields, "selector_request");
      assertFalse(fields.has("base64"), "selector_request carries no base64 field");
      assertEquals("css", fields.get("selector").get("title").get("type").asText());
      assertEquals("h1::text", fields.get("selector").get("title").get("filter").asText());
      assertEquals("xpath", fields.get("selector").get("price").get("type").asText());

      JsonNode search = h.nextNonLog();
      assertType(search, "from_response_request");
      assertEquals("search", search.get("from_response_request").get("formname").asText());
      assertEquals("java", search.get("from_response_request").get("formdata").get("q").asText());
      assertFalse(search.get("base64").asBoolean());

      JsonNode image = h.nextNonLog();
      assertType(image, "request");
      assertTrue(image.get("base64").asBoolean());

      // the item of the start page was durable before the first request left
      assertEquals("start", items(items).get(0).get("name").asText());

      h.send(
          response(
              page.get("id").asText(),
              BASE + "p1.html",
              script(Map.of("items", List.of(Map.of("name", "p1"))))));
      ObjectNode sel = response(fields.get("id").asText(), BASE + "p2.html", "<h1>Page 2</h1>");
      sel.put("type", "response_selector");
      sel.putObject("selector").putArray("title").add("Page 2");
      ((ObjectNode) sel.get("selector")).putArray("price").add("20");
      h.send(sel);
      h.send(response(search.get("id").asText(), BASE + "search.html?q=java", "results"));
      byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
      h.send(
          response(
              image.get("id").asText(), BASE + "img.png", Base64.getEncoder().encodeToString(png)));

      JsonNode close = h.nextNonLog();
      assertType(close, "close");
      assertEquals(0, h.exit());
      List<JsonNode> got = items(items);
      assertEquals(5, got.size(), got.toString());
      assertEquals("p1", got.get(1).get("name").asText());
      assertEquals("Page 2", got.get(2).get("title").get(0).asText());
      assertEquals("20", got.get(2).get("price").get(0).asText());
      assertEquals("search", got.get(3).get("kind").asText());
      assertTrue(got.get(4).get("binary").asBoolean());
      assertEquals(png.length, got.get(4).get("size").asInt());
      assertEquals(0, h.stderrBytes(), h.stderr());
    }
  }

  @Test
  void exceptionsGoToTheErrorHandlerOrTheLogAndStartFailuresAreCounted() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-O", items.toString()))) {
      h.ready();
      JsonNode spider = h.nextNonLog();
      String start =
          script(
              Map.of(
                  "requests",
                  List.of(
                      Map.of(
                          "callback",
                          "page",
                          "url",
                          BASE + "missing.html",
                          "meta",
                          Map.of("why", "test")),
                      req("image", BASE + "missing.png"))));
      h.send(response("parse", BASE + "index.html", start));
      JsonNode page = h.nextNonLog();
      JsonNode image = h.nextNonLog();
      ObjectNode e1 = JSON.createObjectNode();
      e1.put("type", "exception");
      e1.put("received_message", JSON.writeValueAsString(page));
      e1.put("exception", "Ignoring non-200 response");
      h.send(e1);
      ObjectNode e2 = JSON.createObjectNode();
      e2.put("type", "exception");
      e2.put("received_message", JSON.writeValueAsString(image));
      e2.put("exception", "Ignoring non-200 response");
      h.send(e2);
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      List<JsonNode> got = items(items);
      assertEquals(1, got.size(), got.toString());
      JsonNode f = got.get(0);
      assertEquals("failure", f.get("kind").asText());
      assertEquals(page.get("id").asText(), f.get("id").asText());
      assertEquals("page", f.get("callback").asText());
      assertEquals(BASE + "missing.html", f.get("url").asText());
      assertEquals("test", f.get("meta").get("why").asText());
      assertEquals("Ignoring non-200 response", f.get("exception").asText());
      String log = logText(h);
      assertTrue(log.contains("ERROR request " + image.get("id").asText()), log);
      assertTrue(log.contains("failed: Ignoring non-200 response"), log);
    }
  }

  @Test
  void failedStartUrlArrivesAsExceptionOfTheSpiderMessageAndIsCounted() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.ready();
      JsonNode spider = h.nextNonLog();
      ObjectNode e = JSON.createObjectNode();
      e.put("type", "exception");
      e.put("received_message", JSON.writeValueAsString(spider));
      e.put("exception", "Ignoring non-200 response");
      h.send(e);
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      String log = logText(h);
      assertTrue(log.contains("ERROR a start URL failed: Ignoring non-200 response"), log);
      assertTrue(log.contains("start_requests/failed=1"), log);
    }
  }

  @Test
  void duplicatesAndOffsiteRequestsAreFilteredLoggedAndCounted() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.ready();
      h.nextNonLog();
      String start =
          script(
              Map.of(
                  "requests",
                  List.of(
                      req("page", BASE + "a.html?y=2&x=1#top"),
                      req("page", BASE + "a.html?x=1&y=2"), // same after canonicalisation
                      req("page", "http://other.org/a.html"), // off-site
                      req(
                          "page",
                          "http://shop.example.com/a.html"), // a subdomain of an allowed domain
                      Map.of(
                          "callback", "page", "url", BASE + "a.html?x=1&y=2", "dont_filter", true),
                      Map.of(
                          "callback",
                          "page",
                          "url",
                          BASE + "a.html?x=1&y=2",
                          "method",
                          "POST",
                          "body",
                          "a=1"))));
      h.send(response("parse", BASE + "index.html", start));
      List<JsonNode> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        JsonNode r = h.nextNonLog();
        assertType(r, "request");
        sent.add(r);
      }
      assertEquals(BASE + "a.html?y=2&x=1#top", sent.get(0).get("url").asText());
      assertEquals("http://shop.example.com/a.html", sent.get(1).get("url").asText());
      assertEquals(BASE + "a.html?x=1&y=2", sent.get(2).get("url").asText());
      assertEquals("POST", sent.get(3).get("method").asText());
      for (JsonNode r : sent) {
        h.send(response(r.get("id").asText(), r.get("url").asText(), "{}"));
      }
      assertType(h.nextNonLog(), "close");
      String log = logText(h);
      assertTrue(
          log.contains("DEBUG Filtered duplicate request: <GET " + BASE + "a.html?x=1&y=2>"), log);
      assertTrue(log.contains("DEBUG Filtered offsite request to other.org"), log);
      assertTrue(log.contains("dupefilter/filtered=1"), log);
      assertTrue(log.contains("offsite/filtered=1"), log);
      assertEquals(0, h.exit());
    }
  }

  @Test
  void programmingErrorsAreLoggedAndCountedNeverSent() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.ready();
      h.nextNonLog();
      List<Object> requests = new ArrayList<>();
      requests.add(req("nosuch", BASE + "x.html"));
      requests.add(req("page", "   "));
      requests.add(Map.of("callback", "page", "url", BASE + "x.html", "method", "GE T"));
      requests.add(req("page", BASE + "ok.html"));
      h.send(response("parse", BASE + "index.html", script(Map.of("requests", requests))));
      JsonNode ok = h.nextNonLog();
      assertEquals(BASE + "ok.html", ok.get("url").asText(), "only the valid request leaves");
      h.send(response(ok.get("id").asText(), BASE + "ok.html", "{}"));
      assertType(h.nextNonLog(), "close");
      String log = logText(h);
      assertTrue(
          log.contains(
              "ERROR request not sent: unknown callback id \"nosuch\"; known ids: [parse, page,"
                  + " fields, search, image]"),
          log);
      assertTrue(log.contains("ERROR request not sent: the request has no URL"), log);
      assertTrue(log.contains("invalid method GE T"), log);
      assertTrue(log.contains("request/invalid=3"), log);
      assertEquals(0, h.exit());
    }
  }

  @Test
  void userExceptionIsLoggedWithStackTraceAndTheCrawlGoesOn() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      h.ready();
      h.nextNonLog();
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "requests",
                      List.of(req("page", BASE + "boom.html"), req("page", BASE + "fine.html"))))));
      JsonNode boom = h.nextNonLog();
      JsonNode fine = h.nextNonLog();
      h.send(
          response(boom.get("id").asText(), BASE + "boom.html", script(Map.of("throw", "kaboom"))));
      h.send(
          response(
              fine.get("id").asText(),
              BASE + "fine.html",
              script(Map.of("items", List.of(Map.of("ok", true))))));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      String log = logText(h);
      assertTrue(
          log.contains(
              "ERROR callback page failed on <200 "
                  + BASE
                  + "boom.html>\njava.lang.IllegalStateException: kaboom"),
          log);
      assertTrue(log.contains("at io.streamspider.runtime.testspiders.ShopSpider.script"), log);
      assertTrue(log.contains("spider_exceptions=1"), log);
      assertEquals(1, items(items).size());
      assertEquals(0, h.stderrBytes(), h.stderr());
    }
  }

  @Test
  void stderrStaysSilentAndStdoutCarriesOnlyProtocolLines() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.ready();
      h.nextNonLog();
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "stdout",
                      "hello from System.out",
                      "stderr",
                      "hello from System.err",
                      "jul",
                      "hello from JUL",
                      "thread",
                      "uncaught in a thread"))));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      assertEquals(0, h.stderrBytes(), "no byte on stderr: " + h.stderr());
      for (String line : h.lines()) {
        JsonNode n = JSON.readTree(line);
        assertTrue(List.of("spider", "log", "close").contains(n.get("type").asText()), line);
      }
      String log = logText(h);
      assertTrue(log.contains("INFO hello from System.out"), log);
      assertTrue(log.contains("ERROR hello from System.err"), log);
      assertTrue(log.contains("ERROR java.lang.IllegalStateException: printed stack trace"), log);
      assertTrue(log.contains("WARNING [shop] hello from JUL"), log);
      assertTrue(log.contains("INFO [shop] hello from JUL"), log);
      assertTrue(log.contains("ERROR uncaught exception in thread"), log);
      assertTrue(log.contains("uncaught in a thread"), log);
    }
  }

  @Test
  void hostErrorFlushesItemsAndExitsNonZero() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      h.ready();
      h.nextNonLog();
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "requests",
                      List.of(req("page", BASE + "p.html")),
                      "items",
                      List.of(Map.of("n", 1), Map.of("n", 2))))));
      h.nextNonLog();
      h.send(
          "{\"type\": \"error\", \"received_message\": \"{}\", \"details\": \"unknown field"
              + " bogus\"}");
      List<JsonNode> rest = h.rest();
      assertEquals(1, h.exit());
      assertTrue(
          rest.stream().noneMatch(n -> n.get("type").asText().equals("close")), rest.toString());
      assertTrue(
          logText(h).contains("ERROR the host reported an error: unknown field bogus"), logText(h));
      assertEquals(2, items(items).size());
    }
  }

  @Test
  void endOfStdinExitsNonZeroWithAClearMessage() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.ready();
      h.nextNonLog();
      h.closeStdin();
      h.rest();
      assertEquals(1, h.exit());
      assertTrue(
          logText(h).contains("the host closed stdin with 1 request(s) in flight"), logText(h));
      assertEquals(0, h.stderrBytes(), h.stderr());
    }
  }

  @Test
  void idleSafetyNetClosesWithAnErrorNamingPendingIdsAndExitsNonZero() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-s", "IDLE_TIMEOUT=1"))) {
      h.ready();
      h.nextNonLog();
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(Map.of("requests", List.of(req("page", BASE + "never.html"))))));
      JsonNode never = h.nextNonLog();
      List<JsonNode> rest = h.rest();
      assertEquals(1, h.exit(), "the crawl did not finish");
      assertTrue(
          rest.stream().noneMatch(n -> n.get("type").asText().equals("close")),
          "no close: the host sees a spider that exited without finishing: " + rest);
      String log = logText(h);
      assertTrue(
          log.contains(
              "ERROR no message from the host for 1 s with 1 request(s) still pending: ["
                  + never.get("id").asText()
                  + "]"),
          log);
    }
  }

  @Test
  void startCallbackWithSelectorsSendsItsOwnSelectorRequests() throws Exception {
    Path items = tmp.resolve("t.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("titles", "-o", items.toString()))) {
      h.ready();
      JsonNode spider = h.nextNonLog();
      assertEquals(
          0, spider.get("start_urls").size(), "the host must not fetch them as plain requests");
      JsonNode a = h.nextNonLog();
      JsonNode b = h.nextNonLog();
      assertType(a, "selector_request");
      assertEquals("parse#1", a.get("id").asText());
      assertEquals("http://127.0.0.1:8765/b.html", b.get("url").asText());
      for (JsonNode r : List.of(a, b)) {
        ObjectNode s = response(r.get("id").asText(), r.get("url").asText(), "<title>T</title>");
        s.put("type", "response_selector");
        s.putObject("selector").putArray("title").add("T");
        h.send(s);
      }
      assertType(h.nextNonLog(), "close");
      assertEquals(2, items(items).size());
    }
  }

  @Test
  void largeBase64BodyIsDecodedExactly() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    // 50 MB once base64-encoded; the child gets a heap of 3x that (issue: "no more than 3x its
    // size")
    byte[] blob = new byte[50 * 1024 * 1024 * 3 / 4];
    new Random(42).nextBytes(blob);
    String b64 = Base64.getEncoder().encodeToString(blob);
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()), "-Xmx150m")) {
      h.ready();
      h.nextNonLog();
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(Map.of("requests", List.of(req("image", BASE + "big.bin"))))));
      JsonNode img = h.nextNonLog();
      h.send(response(img.get("id").asText(), BASE + "big.bin", b64));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      JsonNode item = items(items).get(0);
      assertEquals(blob.length, item.get("size").asInt());
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob)),
          item.get("sha256").asText());
    }
  }

  @Test
  void spiderArgumentsFillFieldsAndUnknownOnesAreUsageErrors() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        RuntimeJar.start(List.of("shop", "-a", "category=travel", "-o", items.toString()))) {
      h.ready();
      h.nextNonLog();
      h.send(response("parse", BASE + "index.html", script(Map.of("category", true))));
      assertType(h.nextNonLog(), "close");
      assertEquals("travel", items(items).get(0).get("category").asText());
    }
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-a", "colour=red"))) {
      assertEquals(2, h.exit());
      assertTrue(
          h.stderr()
              .contains(
                  "unknown spider argument -a colour for spider shop; it takes [category, replay]"),
          h.stderr());
    }
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-a", "novalue"))) {
      assertEquals(2, h.exit());
      assertTrue(h.stderr().contains("-a novalue: expected NAME=VALUE"), h.stderr());
    }
  }
}
