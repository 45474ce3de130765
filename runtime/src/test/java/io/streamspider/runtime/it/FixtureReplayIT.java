package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.JSON;
import static io.streamspider.harness.ScriptedHost.assertType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the host side of the verbatim transcripts of real host sessions (kept in the test
 * resources) against the runtime: the host's lines are sent as recorded, with only the request ids
 * (and received_message) swapped for the ids this runtime gave its requests.
 */
@Timeout(120)
class FixtureReplayIT {
  @TempDir Path tmp;

  /** The transcript's lines: '<<' host → spider, '>>' spider → host. */
  static List<String[]> transcript(String name) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = FixtureReplayIT.class.getResourceAsStream("/fixtures/" + name)) {
      assertNotNull(in, name);
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("<< ") || line.startsWith(">> ")) {
          out.add(new String[] {line.substring(0, 2), line.substring(3)});
        }
      }
    }
    return out;
  }

  /** The host's answers, by the id the reference spider used. */
  static Map<String, JsonNode> answersById(List<String[]> t) throws IOException {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    String lastSentId = null;
    for (String[] l : t) {
      JsonNode n = JSON.readTree(l[1]);
      if (l[0].equals(">>")) {
        lastSentId = n.path("id").asText(null);
      } else if (n.has("id")) {
        byId.put(n.get("id").asText(), n);
      } else if (n.get("type").asText().equals("exception")) {
        byId.put(lastSentId == null ? "spider" : lastSentId, n);
      }
    }
    return byId;
  }

  private static ObjectNode withId(JsonNode recorded, String id) {
    ObjectNode n = recorded.deepCopy();
    n.put("id", id);
    ((ObjectNode) n.get("meta")).put("request_id", id);
    return n;
  }

  private static ObjectNode exceptionFor(JsonNode recorded, JsonNode ourLine) throws IOException {
    ObjectNode n = recorded.deepCopy();
    n.put("received_message", JSON.writeValueAsString(ourLine));
    return n;
  }

  @Test
  void referenceHostSessionShapesAreReadAndDispatched() throws Exception {
    List<String[]> t = transcript("reference-host-session.txt");
    Map<String, JsonNode> answers = answersById(t);
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        RuntimeJar.start(
            List.of("shop", "-a", "replay=session", "-o", items.toString()), "-Dshop.domains=")) {
      h.send(t.get(0)[1]); // the recorded ready line, verbatim
      JsonNode spider = h.nextNonLog();
      assertType(spider, "spider");
      assertTrue(!spider.has("allowed_domains"), "optional field omitted when empty: " + spider);
      JsonNode recordedSpider = JSON.readTree(t.get(1)[1]);
      assertEquals(recordedSpider.get("start_urls"), spider.get("start_urls"));
      h.send(t.get(2)[1]); // the recorded start page response (id "parse"), verbatim

      JsonNode p1 = h.nextNonLog();
      JsonNode img = h.nextNonLog();
      JsonNode fields = h.nextNonLog();
      JsonNode form = h.nextNonLog();
      JsonNode dns = h.nextNonLog();
      JsonNode dupAllowed = h.nextNonLog(); // the plain duplicate of p1 was filtered
      assertEquals("http://127.0.0.1:8765/p1.html", dupAllowed.get("url").asText());
      assertType(fields, "selector_request");
      assertType(form, "from_response_request");

      h.send(withId(answers.get("page1"), p1.get("id").asText()));
      h.send(withId(answers.get("image"), img.get("id").asText()));
      h.send(withId(answers.get("fields"), fields.get("id").asText()));
      h.send(withId(answers.get("search"), form.get("id").asText()));
      h.send(exceptionFor(answers.get("dns"), dns));
      h.send(withId(answers.get("dup-allowed"), dupAllowed.get("id").asText()));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      assertEquals(0, h.stderrBytes(), h.stderr());

      List<JsonNode> got = new ArrayList<>();
      for (String l : Files.readAllLines(items)) {
        got.add(JSON.readTree(l));
      }
      assertEquals(7, got.size(), got.toString());
      JsonNode home = got.get(0);
      assertEquals("Home \u00e9", home.get("title").asText(), "\\u00e9 escapes decoded");
      assertEquals("text/html", home.get("contentType").asText(), "headers as {name: [values]}");
      assertEquals(0.0030236244201660156, home.get("latency").asDouble(), "extra meta keys kept");
      assertEquals("Page 1", got.get(1).get("title").asText());
      assertEquals("image", got.get(2).get("kind").asText());
      assertEquals(18, got.get(2).get("size").asInt(), "base64 body decoded to its 18 bytes");
      assertEquals(List.of("Page 2"), JSON.convertValue(got.get(3).get("title"), List.class));
      assertEquals(List.of("20"), JSON.convertValue(got.get(3).get("price"), List.class));
      assertEquals("search", got.get(4).get("kind").asText());
      assertEquals("failure", got.get(5).get("kind").asText());
      assertEquals(
          "DNS lookup failed: no results for hostname lookup: nonexistent.invalid.",
          got.get(5).get("exception").asText());
      assertEquals("html", got.get(6).get("kind").asText());
      String log = h.logs().toString();
      assertTrue(
          log.contains("Filtered duplicate request: <GET http://127.0.0.1:8765/p1.html>"), log);
    }
  }

  @Test
  void referenceNon200SessionShapesAreReadAndDispatched() throws Exception {
    List<String[]> t = transcript("reference-host-non200.txt");
    Map<String, JsonNode> answers = answersById(t);
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h =
        RuntimeJar.start(
            List.of("shop", "-o", items.toString()),
            "-Dshop.start=http://127.0.0.1:8765/missing-start.html")) {
      h.send(t.get(0)[1]);
      JsonNode spider = h.nextNonLog();
      // the start URL fails: the host answers with an exception carrying the spider message
      h.send(exceptionFor(answers.get("spider"), spider));
      JsonNode close = h.nextNonLog();
      assertType(close, "close");
      assertEquals(0, h.exit());
      assertTrue(h.logs().toString().contains("start_requests/failed=1"), h.logs().toString());
    }
    // the 404 answered as a response when meta has handle_httpstatus_all
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      h.send(t.get(0)[1]);
      h.nextNonLog();
      h.send(
          ScriptedHost.response(
              "parse",
              "http://127.0.0.1:8765/index.html",
              RuntimeJar.script(
                  Map.of(
                      "requests",
                      List.of(
                          Map.of("callback", "page", "url", "http://127.0.0.1:8765/missing.html"),
                          Map.of(
                              "callback",
                              "page",
                              "url",
                              "http://127.0.0.1:8765/missing2.html",
                              "meta",
                              Map.of("handle_httpstatus_all", true)))))));
      JsonNode notFound = h.nextNonLog();
      JsonNode handled = h.nextNonLog();
      assertTrue(handled.get("meta").get("handle_httpstatus_all").asBoolean());
      h.send(exceptionFor(answers.get("notfound"), notFound));
      h.send(withId(answers.get("notfound-handled"), handled.get("id").asText()));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      List<JsonNode> got = new ArrayList<>();
      for (String l : Files.readAllLines(items)) {
        got.add(JSON.readTree(l));
      }
      assertEquals(2, got.size(), got.toString());
      assertEquals("failure", got.get(0).get("kind").asText());
      assertEquals("Ignoring non-200 response", got.get(0).get("exception").asText());
      assertEquals(404, got.get(1).get("status").asInt());
      assertEquals("Error response", got.get(1).get("title").asText());
    }
  }
}
