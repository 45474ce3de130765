package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.JSON;
import static io.streamspider.harness.ScriptedHost.assertType;
import static io.streamspider.harness.ScriptedHost.response;
import static io.streamspider.runtime.it.RuntimeJar.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frontier mode (docs/scale-out.md, "The runtime in frontier mode"): the runtime jar driven over
 * real pipes by a scripted embedded host that announces it.
 */
@Timeout(120)
class FrontierModeIT {
  static final String BASE = "http://127.0.0.1:8765/";
  static final Pattern FRONTIER_ID = Pattern.compile("([a-z]+)#([0-9a-z]{8})\\.([0-9]+)");

  @TempDir Path tmp;

  /** Sends the frontier ready and returns the spider's {@code spider} message. */
  private static JsonNode handshake(ScriptedHost h) throws Exception {
    h.readyFrontier();
    JsonNode spider = h.nextNonLog();
    assertType(spider, "spider");
    return spider;
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

  /** A request message of the spider, as the host would keep it in its frontier. */
  private static ObjectNode request(String id, String url, Map<String, Object> meta) {
    ObjectNode r = JSON.createObjectNode();
    r.put("type", "request");
    r.put("id", id);
    r.put("url", url);
    r.set("meta", JSON.valueToTree(meta));
    return r;
  }

  private static ObjectNode exception(JsonNode received, String text) throws Exception {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "exception");
    e.put("received_message", JSON.writeValueAsString(received));
    e.put("exception", text);
    return e;
  }

  @Test
  void handshakeAnswersFrontierAndRequestIdsCarryTheProcessToken() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      JsonNode spider = handshake(h);
      assertTrue(spider.get("frontier").asBoolean(), spider.toString());
      List<String> fields = new ArrayList<>();
      spider.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          List.of("type", "name", "start_urls", "allowed_domains", "custom_settings", "frontier"),
          fields);
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "requests",
                      List.of(
                          Map.of("callback", "page", "url", BASE + "p1.html"),
                          Map.of("callback", "image", "url", BASE + "img.png"))))));
      Matcher a = FRONTIER_ID.matcher(h.nextNonLog().get("id").asText());
      Matcher b = FRONTIER_ID.matcher(h.nextNonLog().get("id").asText());
      assertTrue(a.matches() && b.matches(), a + " " + b);
      assertEquals("page", a.group(1));
      assertEquals("image", b.group(1));
      assertEquals(a.group(2), b.group(2), "one token per process");
      assertNotEquals(a.group(3), b.group(3), "a sequence number per request");
      JsonNode processed = h.nextNonLog();
      assertType(processed, "processed");
      assertEquals("parse", processed.get("id").asText());
    }
  }

  @Test
  void foreignResponsesAndExceptionsGoToTheCallbackTheirIdNames() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      handshake(h);
      // another worker's request: never sent by this process
      ObjectNode r = response("page#0other00.41", BASE + "p9.html", script(Map.of("echo", true)));
      ((ObjectNode) r.get("meta")).put("k", "v");
      h.send(r);
      JsonNode processed = h.nextNonLog();
      assertType(processed, "processed");
      assertEquals("page#0other00.41", processed.get("id").asText());
      // a previous run's request that failed goes to the errback of its callback
      h.send(
          exception(
              request("page#0ldrun00.7", BASE + "gone.html", Map.of("why", "test")),
              "Ignoring non-200 response"));
      processed = h.nextNonLog();
      assertType(processed, "processed");
      assertEquals("page#0ldrun00.7", processed.get("id").asText());

      List<JsonNode> got = items(items);
      assertEquals(2, got.size(), got.toString());
      JsonNode echo = got.get(0);
      assertEquals("page", echo.get("callback").asText());
      assertEquals("page#0other00.41", echo.get("id").asText());
      assertEquals(BASE + "p9.html", echo.get("url").asText());
      assertEquals("v", echo.get("meta").get("k").asText());
      JsonNode failure = got.get(1);
      assertEquals("failure", failure.get("kind").asText());
      assertEquals("page", failure.get("callback").asText());
      assertEquals("page#0ldrun00.7", failure.get("id").asText());
      assertEquals(BASE + "gone.html", failure.get("url").asText());
      assertEquals("test", failure.get("meta").get("why").asText());
      assertEquals("Ignoring non-200 response", failure.get("exception").asText());
    }
  }

  @Test
  void processedFollowsTheCallbacksRequestsAndItsItemsAreInTheFeedByThen() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      handshake(h);
      h.send(
          response(
              "page#0other00.5",
              BASE + "p5.html",
              script(
                  Map.of(
                      "items", List.of(Map.of("name", "a"), Map.of("name", "b")),
                      "requests",
                          List.of(
                              Map.of("callback", "page", "url", BASE + "p6.html"),
                              Map.of("callback", "fields", "url", BASE + "p7.html"))))));
      List<String> order = new ArrayList<>();
      while (true) {
        JsonNode m = h.nextNonLog();
        order.add(m.get("type").asText());
        if (m.get("type").asText().equals("processed")) {
          // read the feed the moment the acknowledgement arrives
          List<JsonNode> got = items(items);
          assertEquals(2, got.size(), "both items are in the feed before processed: " + got);
          assertEquals("b", got.get(1).get("name").asText());
          break;
        }
      }
      assertEquals(List.of("request", "selector_request", "processed"), order);
    }
  }

  @Test
  void anUnreadableResponseFailsTheRequestItNamesAndIsAcknowledged() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      handshake(h);
      h.send(
          "{\"type\": \"response\", \"id\": \"page#0other00.9\", \"url\": \""
              + BASE
              + "p9.html\", \"status\": \"OK\", \"body\": \"{}\"}");
      JsonNode processed = h.nextNonLog();
      assertType(processed, "processed");
      assertEquals("page#0other00.9", processed.get("id").asText());
      JsonNode failure = items(items).get(0);
      assertEquals("failure", failure.get("kind").asText());
      assertEquals("page#0other00.9", failure.get("id").asText());
      assertTrue(
          failure.get("exception").asText().startsWith("the host's response could not be read"),
          failure.toString());
    }
  }

  @Test
  void unknownCallbackIsLoggedCountedAndStillAcknowledged() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      handshake(h);
      h.send(response("vanished#0other00.3", BASE + "x.html", "{}"));
      JsonNode processed = h.nextNonLog();
      assertType(processed, "processed");
      assertEquals("vanished#0other00.3", processed.get("id").asText());
      h.send(exception(request("gone#0other00.4", BASE + "y.html", Map.of()), "boom"));
      assertEquals("gone#0other00.4", h.nextNonLog().get("id").asText());
      h.closeStdin();
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      String log = logText(h);
      assertTrue(
          log.contains(
              "ERROR the host delivered vanished#0other00.3 <"
                  + BASE
                  + "x.html> for callback \"vanished\", which this spider does not have"),
          log);
      assertTrue(log.contains("callback \"gone\""), log);
      assertTrue(log.contains("frontier/unknown_callback=2"), log);
    }
  }

  @Test
  void noDuplicateFilterTheSpidersDontFilterGoesToTheHost() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      handshake(h);
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "requests",
                      List.of(
                          Map.of("callback", "page", "url", BASE + "p1.html"),
                          Map.of("callback", "page", "url", BASE + "p1.html"),
                          Map.of(
                              "callback",
                              "page",
                              "url",
                              BASE + "p1.html",
                              "dont_filter",
                              true))))));
      List<Boolean> dontFilter = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonNode req = h.nextNonLog();
        assertType(req, "request");
        assertEquals(BASE + "p1.html", req.get("url").asText());
        dontFilter.add(req.get("dont_filter").asBoolean());
      }
      assertEquals(List.of(false, false, true), dontFilter);
      assertType(h.nextNonLog(), "processed");
    }
  }

  @Test
  void nothingPendingAndSilenceDoNotCloseEndOfStdinFinishes() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        RuntimeJar.start(List.of("shop", "-s", "IDLE_TIMEOUT=0.3", "-o", items.toString()))) {
      handshake(h);
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "requests", List.of(Map.of("callback", "page", "url", BASE + "p1.html"))))));
      assertType(h.nextNonLog(), "request");
      assertType(h.nextNonLog(), "processed");
      // a request pending and nothing from the host for 4x IDLE_TIMEOUT: no watchdog
      Thread.sleep(1200);
      assertTrue(h.isAlive(), "the idle watchdog is off in frontier mode");
      // nothing pending (the one answer went elsewhere): still no close
      h.send(
          response(
              "page#0other00.1",
              BASE + "p2.html",
              script(Map.of("items", List.of(Map.of("name", "late"))))));
      assertType(h.nextNonLog(), "processed");
      Thread.sleep(300);
      assertTrue(h.isAlive(), "not closed with nothing pending");
      h.closeStdin();
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      assertEquals("late", items(items).get(0).get("name").asText());
      assertTrue(logText(h).contains("INFO the host closed stdin; closing (finished)"), logText(h));
    }
  }

  @Test
  void sigtermLetsTheHostDrainThenEndOfStdinClosesAsShutdown() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      handshake(h);
      h.signal("TERM");
      assertTrue(
          h.until(n -> n.path("message").asText().startsWith("received SIGTERM"))
              .get("message")
              .asText()
              .contains("when the host closes stdin"));
      // a response the host was still downloading arrives after the signal and is handled
      h.send(
          response(
              "page#0other00.2",
              BASE + "p2.html",
              script(Map.of("items", List.of(Map.of("name", "drained"))))));
      assertType(h.nextNonLog(), "processed");
      h.closeStdin();
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      assertEquals("drained", items(items).get(0).get("name").asText());
      String log = logText(h);
      assertTrue(log.contains("INFO the host closed stdin after SIGTERM; closing (shutdown)"), log);
    }
  }

  @Test
  void withoutFrontierModeSigtermCancelsAsBefore() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.ready();
      assertFalse(h.nextNonLog().has("frontier"));
      h.signal("TERM");
      assertEquals(143, h.exit());
    }
  }

  @Test
  void spiderStateIsSavedAtTheEndAndRestoredByTheNextProcess() throws Exception {
    Path job = tmp.resolve("job");
    Path state = job.resolve("spider.state.json");
    String token1;
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-s", "JOBDIR=" + job))) {
      handshake(h);
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "state",
                      "pages",
                      "requests",
                      List.of(Map.of("callback", "page", "url", BASE + "p1.html"))))));
      Matcher m = FRONTIER_ID.matcher(h.nextNonLog().get("id").asText());
      assertTrue(m.matches());
      token1 = m.group(2);
      assertType(h.nextNonLog(), "processed");
      h.send(response("page#0other00.1", BASE + "p1.html", script(Map.of("state", "pages"))));
      assertType(h.nextNonLog(), "processed");
      h.closeStdin();
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
    }
    JsonNode saved = JSON.readTree(Files.readString(state));
    assertEquals(1, saved.get("format").asInt());
    assertEquals("shop", saved.get("spider").asText());
    assertEquals(2, saved.get("state").get("pages").asLong(), saved.toString());

    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        RuntimeJar.start(List.of("shop", "-s", "JOBDIR=" + job, "-o", items.toString()))) {
      handshake(h);
      h.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  Map.of(
                      "state",
                      "pages",
                      "requests",
                      List.of(Map.of("callback", "page", "url", BASE + "p2.html"))))));
      Matcher m = FRONTIER_ID.matcher(h.nextNonLog().get("id").asText());
      assertTrue(m.matches());
      assertNotEquals(token1, m.group(2), "each process has a token of its own");
      assertType(h.nextNonLog(), "processed");
      assertEquals(3, items(items).get(0).get("value").asLong(), "the counter goes on");
      h.closeStdin();
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
    }
    assertEquals(3, JSON.readTree(Files.readString(state)).get("state").get("pages").asLong());
  }

  @Test
  void aStateFileThatCannotBeReadIsAnErrorNamingIt() throws Exception {
    Path job = Files.createDirectories(tmp.resolve("job"));
    Path state = job.resolve("spider.state.json");
    Path items = tmp.resolve("items.jsonl");
    Files.writeString(items, "{\"kept\": true}\n");
    Files.writeString(state, "{\"format\": 1, \"spider\": \"shop\", \"state\": {\"pages\": 2");
    try (ScriptedHost h =
        RuntimeJar.start(List.of("shop", "-s", "JOBDIR=" + job, "-O", items.toString()))) {
      assertEquals(2, h.exit());
      assertTrue(
          h.stderr().contains("cannot read the spider state " + state + ": invalid JSON"),
          h.stderr());
      assertEquals(List.of(), h.rest(), "no protocol output");
    }
    assertEquals(
        "{\"kept\": true}\n",
        Files.readString(items, StandardCharsets.UTF_8),
        "the -O feed is left as it was");
    Files.writeString(state, "{\"format\": 1, \"spider\": \"books\", \"state\": {}}");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-s", "JOBDIR=" + job))) {
      assertEquals(2, h.exit());
      assertTrue(
          h.stderr()
              .contains(
                  "cannot read the spider state "
                      + state
                      + ": it belongs to spider books, not shop"),
          h.stderr());
    }
  }
}
