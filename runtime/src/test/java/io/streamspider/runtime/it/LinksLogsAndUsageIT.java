package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.assertType;
import static io.streamspider.harness.ScriptedHost.response;
import static io.streamspider.runtime.it.RuntimeJar.script;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamspider.harness.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links Scrapy follows are followed, duplicates are logged as Scrapy logs them, java.util.logging
 * follows LOG_LEVEL, and a command-line mistake leaves the outputs alone: the runtime jar as a
 * child process, driven over real pipes.
 */
@Timeout(120)
class LinksLogsAndUsageIT {
  static final String BASE = "http://127.0.0.1:8765/";

  @TempDir Path tmp;

  private static List<String> logLines(ScriptedHost h) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode l : h.logs()) {
      out.add(l.get("level").asText() + " " + l.get("message").asText());
    }
    return out;
  }

  /**
   * Sends the start response with {@code script}, answers every request with "{}", returns what was
   * sent.
   */
  private static List<JsonNode> crawl(ScriptedHost h, Map<String, Object> script) throws Exception {
    h.ready();
    assertType(h.nextNonLog(), "spider");
    h.send(response("parse", BASE + "catalog/index.html", script(script)));
    List<JsonNode> sent = new ArrayList<>();
    while (true) {
      JsonNode m = h.nextNonLog();
      if (m.get("type").asText().equals("close")) {
        break;
      }
      sent.add(m);
      h.send(response(m.get("id").asText(), m.get("url").asText(), "{}"));
    }
    assertEquals(0, h.exit(), h.stderr());
    return sent;
  }

  @Test
  void linksScrapyFollowsAreSentAsScrapyMakesThemSafe() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      List<JsonNode> sent =
          crawl(
              h,
              Map.of(
                  "requests",
                  List.of(
                      Map.of("callback", "page", "url", "/search?q=a|b"),
                      Map.of("callback", "page", "url", "p{1} x.html"),
                      Map.of("callback", "page", "url", "/100%"),
                      Map.of("callback", "page", "url", "/categoría?q=café#top"),
                      Map.of("callback", "page", "url", "/s?q=café", "encoding", "latin-1"),
                      Map.of("callback", "page", "url", "http://bücher.example.com/"),
                      Map.of("callback", "page", "url", "mailto:shop@example.com"),
                      Map.of("callback", "page", "url", "http://127.0.0.1:99999/"))));
      List<String> urls = new ArrayList<>();
      sent.forEach(m -> urls.add(m.get("url").asText()));
      // the values url-cases.json holds for the same links (gen_urls.py, Scrapy 2.8)
      assertEquals(
          List.of(
              BASE + "search?q=a%7Cb",
              BASE + "catalog/p%7B1%7D%20x.html",
              BASE + "100%",
              BASE + "categor%C3%ADa?q=caf%C3%A9#top",
              BASE + "s?q=caf%E9",
              "http://xn--bcher-kva.example.com/"),
          urls);
      String log = String.join("\n", logLines(h));
      assertTrue(
          log.contains(
              "ERROR request not sent: malformed URL mailto:shop@example.com (on "
                  + BASE
                  + "catalog/index.html): Missing scheme in request url: mailto:shop@example.com"),
          log);
      assertTrue(log.contains("Port out of range 0-65535"), log);
      assertTrue(log.contains("request/invalid=2"), log);
    }
  }

  @Test
  void onlyTheFirstDuplicateIsLoggedUnlessDupefilterDebug() throws Exception {
    Map<String, Object> script =
        Map.of(
            "requests",
            List.of(
                Map.of("callback", "page", "url", BASE + "a.html"),
                Map.of("callback", "page", "url", BASE + "a.html"),
                Map.of("callback", "page", "url", BASE + "a.html#x"),
                Map.of("callback", "page", "url", BASE + "b.html"),
                Map.of("callback", "page", "url", BASE + "b.html")));
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      assertEquals(2, crawl(h, script).size());
      List<String> dupes =
          logLines(h).stream().filter(l -> l.contains("Filtered duplicate")).toList();
      assertEquals(
          List.of(
              "DEBUG Filtered duplicate request: <GET "
                  + BASE
                  + "a.html> - no more duplicates"
                  + " will be shown (see DUPEFILTER_DEBUG to show all duplicates)"),
          dupes);
      assertTrue(String.join("\n", logLines(h)).contains("dupefilter/filtered=3"));
    }
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-s", "DUPEFILTER_DEBUG=True"))) {
      assertEquals(2, crawl(h, script).size());
      List<String> dupes =
          logLines(h).stream().filter(l -> l.contains("Filtered duplicate")).toList();
      String referer = " (referer: " + BASE + "catalog/index.html)";
      assertEquals(
          List.of(
              "DEBUG Filtered duplicate request: <GET " + BASE + "a.html>" + referer,
              "DEBUG Filtered duplicate request: <GET " + BASE + "a.html#x>" + referer,
              "DEBUG Filtered duplicate request: <GET " + BASE + "b.html>" + referer),
          dupes);
    }
  }

  @Test
  void javaUtilLoggingFineArrivesAtDebugAndNotAtInfo() throws Exception {
    Map<String, Object> script = Map.of("jul_fine", "fine detail", "jul", "plain info");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      crawl(h, script);
      List<String> logs = logLines(h);
      assertTrue(logs.contains("DEBUG [shop] fine detail (FINE)"), logs.toString());
      assertTrue(logs.contains("DEBUG [shop] fine detail (FINER)"), logs.toString());
      assertTrue(logs.contains("INFO [shop] plain info"), logs.toString());
    }
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-s", "LOG_LEVEL=INFO"))) {
      crawl(h, script);
      String logs = String.join("\n", logLines(h));
      assertFalse(logs.contains("fine detail"), logs);
      assertTrue(logs.contains("INFO [shop] plain info"), logs);
    }
  }

  /** An existing -O file survives every command-line mistake byte for byte; the exit code is 2. */
  @Test
  void aCommandLineMistakeLeavesAnExistingOutputFileAlone() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    byte[] before =
        "{\"name\": \"kept\"}\n{\"name\": \"from last night\"}\n".getBytes(StandardCharsets.UTF_8);
    Path dir = Files.createDirectory(tmp.resolve("adir.jsonl"));
    Path fresh = tmp.resolve("fresh.jsonl");
    List<List<String>> mistakes =
        List.of(
            List.of("-o", tmp.resolve("items.xml").toString()),
            List.of("-o", dir.toString()),
            List.of("-o", fresh.toString(), "-o", dir.toString()),
            List.of("-s", "SELECTORS=local"), // no embedded host in this class path
            List.of("-s", "IDLE_TIMEOUT=soon"),
            List.of("-s", "FIFO_OPEN_TIMEOUT=0"),
            List.of("-s", "DUPEFILTER_DEBUG=maybe"),
            List.of("-s", "LOG_LEVEL=LOUD"),
            List.of("-a", "nosuch=1"),
            List.of("--fifo", dir.toString()));
    for (List<String> mistake : mistakes) {
      Files.write(items, before);
      List<String> args = new ArrayList<>(List.of("shop", "-O", items.toString()));
      args.addAll(mistake);
      CommandLineIT.Run r = CommandLineIT.run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), mistake + ": " + r.err());
      assertTrue(r.err().startsWith("streamspider: "), mistake + ": " + r.err());
      assertEquals("", r.out(), mistake + ": no protocol message before a usage error");
      assertArrayEquals(
          before, Files.readAllBytes(items), mistake + " emptied the -O file: " + r.err());
      assertFalse(Files.exists(fresh), mistake + " created " + fresh);
    }
  }
}
