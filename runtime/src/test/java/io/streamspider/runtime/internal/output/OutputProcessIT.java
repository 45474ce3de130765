package io.streamspider.runtime.internal.output;

import static io.streamspider.runtime.internal.output.SpiderProcess.JSON;
import static io.streamspider.runtime.internal.output.SpiderProcess.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Items leave the spider process durably (issue 4): the runtime jar is run as a real process,
 * killed the way a host kills it (SIGKILL right after {@code close}) or stopped the way Scrapy
 * Cloud stops a job (SIGTERM), and every item is counted where it went.
 */
@Timeout(180)
class OutputProcessIT {
  static final String BASE = "http://127.0.0.1:8765/";

  @TempDir Path tmp;

  static List<Map<String, Object>> items(String prefix, int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", prefix + " " + i + " — crème brûlée 日本 😀");
      m.put("n", i);
      m.put("note", "comma, \"quote\"\nnew line");
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> script(
      List<Map<String, Object>> items, List<Map<String, Object>> requests) {
    return Map.of("items", items, "requests", requests);
  }

  static int countItems(Path file) throws Exception {
    String name = file.getFileName().toString();
    byte[] b = Files.readAllBytes(file);
    if (name.endsWith(".json")) {
      JsonNode a = JSON.readTree(b);
      assertTrue(a.isArray(), "a complete JSON array");
      return a.size();
    }
    if (name.endsWith(".csv")) {
      // each item's note holds one quoted line break: 2 lines per row, plus the header
      long lines = new String(b, StandardCharsets.UTF_8).split("\r\n", -1).length - 1;
      return (int) (lines - 1);
    }
    int n = 0;
    for (String l : new String(b, StandardCharsets.UTF_8).split("\n")) {
      assertTrue(JSON.readTree(l).isObject(), l);
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"items.jsonl", "items.json", "items.csv"})
  void sigkillRightAfterCloseLosesNoItem(String name) throws Exception {
    Path file = tmp.resolve(name);
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "-O", file.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 1500),
                  List.of(Map.of("callback", "page", "url", BASE + "p1.html")))));
      JsonNode req = spider.next("request");
      // the start page's items were durable before this request left: kill here and they are all
      // there
      spider.send(
          response(
              req.get("id").asText(), BASE + "p1.html", script(items("page", 1500), List.of())));
      spider.next("close");
      spider.kill();
    }
    assertEquals(3000, countItems(file));
  }

  @Test
  void sigkillRightAfterARequestKeepsEveryItemTheCallbackYieldedBeforeIt() throws Exception {
    Path file = tmp.resolve("items.json");
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "-o", file.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 2000),
                  List.of(Map.of("callback", "page", "url", BASE + "p1.html")))));
      spider.next("request");
      spider.kill();
    }
    // killed mid-crawl, and the .json file is still a complete array
    assertEquals(2000, countItems(file));
  }

  @Test
  void sigtermEndsTheScrapyCloudStreamWithFinCancelledAndEveryItem() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    Process reader = Fifos.slowReader(fifo, out);
    int code;
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "--fifo", fifo.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 400),
                  List.of(Map.of("callback", "page", "url", BASE + "p1.html")))));
      spider.next("request"); // the page request stays in flight: only SIGTERM ends this crawl
      code = spider.terminate();
    }
    assertEquals(143, code);
    Fifos.awaitExit(reader);
    Wire wire = Wire.of(Files.readAllBytes(out));
    assertEquals("cancelled", wire.onlyFin(), () -> "LOG lines: " + wire.all("LOG"));
    List<JsonNode> itm = wire.all("ITM");
    assertEquals(400, itm.size());
    assertEquals(JSON.valueToTree(items("start", 400)), JSON.valueToTree(itm));
    assertEquals(1, wire.all("REQ").size(), "one REQ per response");
    assertEquals(BASE + "index.html", wire.all("REQ").get(0).get("url").asText());
    assertEquals(3, wire.all("REQ").get(0).get("duration").asInt());
    assertTrue(
        wire.all("LOG").stream().anyMatch(l -> l.get("message").asText().contains("SIGTERM")),
        "the runtime's log records are LOG lines");
    JsonNode stats = wire.all("STA").get(wire.all("STA").size() - 1).get("stats");
    assertEquals(400, stats.get("item_scraped_count").asInt());
    assertEquals("STA", wire.commands.get(0), "STA at start");
  }

  @Test
  void sigtermEndsACrawlStuckOnAPipeNobodyReads() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "--fifo", fifo.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      // the callback's first item blocks until a reader opens the pipe; none ever does
      spider.send(response("parse", BASE + "index.html", script(items("start", 5), List.of())));
      Thread.sleep(500);
      long t0 = System.nanoTime();
      int code = spider.terminate();
      assertEquals(143, code, "SIGTERM still ends the process");
      assertTrue(System.nanoTime() - t0 < 40_000_000_000L, "within the cancel bound, not forever");
    }
  }

  @Test
  void theHandshakeGoesOnWhileNoReaderHasOpenedShubFifoPath() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop"), Map.of("SHUB_FIFO_PATH", fifo.toString()))) {
      spider.ready();
      JsonNode s =
          spider.next("spider"); // nobody reads the pipe yet: the spider message still comes
      assertEquals("shop", s.get("name").asText());
      assertTrue(
          spider.seen.stream().anyMatch(l -> l.contains("Waiting for a reader")),
          spider.seen.toString());
      Process reader = Fifos.cat(fifo, out);
      spider.send(response("parse", BASE + "index.html", script(items("start", 50), List.of())));
      spider.next("close");
      assertEquals(0, spider.exit());
      Fifos.awaitExit(reader);
    }
    Wire wire = Wire.of(Files.readAllBytes(out));
    assertEquals(50, wire.all("ITM").size());
    assertEquals("finished", wire.onlyFin());
  }

  @Test
  void aFifoReaderThatGoesAwayStopsTheCrawlNamingThePipe() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    // reads one byte of the first STA line and exits: every later write meets a broken pipe
    Process head =
        new ProcessBuilder("head", "-c", "1", fifo.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "--fifo", fifo.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      assertTrue(head.waitFor(30, TimeUnit.SECONDS), "the reader read its byte and went away");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 2000),
                  List.of(Map.of("callback", "page", "url", BASE + "p1.html")))));
      // no request for p1.html: the crawl stops at the first item that cannot be written
      spider.next("close");
      assertEquals(1, spider.exit());
      String error = stopLine(spider);
      assertTrue(
          error.contains("Scrapy Cloud FIFO " + fifo) && error.contains("reader went away"), error);
      assertTrue(error.contains("start 0 "), "names the first item that was lost: " + error);
    }
  }

  @Test
  void aFeedThatCannotBeWrittenStopsTheCrawlNamingTheFile() throws Exception {
    // a full disk, for real: /dev/full fails every write with ENOSPC
    Path file = Files.createSymbolicLink(tmp.resolve("items.jsonl"), Path.of("/dev/full"));
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "-o", file.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 3),
                  List.of(Map.of("callback", "page", "url", BASE + "p1.html")))));
      spider.next("close");
      assertEquals(1, spider.exit());
      String error = stopLine(spider);
      assertTrue(error.contains("writing to the feed -o " + file + " failed"), error);
      assertTrue(error.contains("item_dropped_count"), "the stats count the lost item: " + error);
    }
  }

  /** The log message that says the crawl stops because its output failed. */
  private static String stopLine(SpiderProcess spider) {
    return spider.seen.stream()
        .filter(l -> l.contains("stopping the crawl"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no log line says the crawl stops: " + spider.seen));
  }

  @Test
  void anUnknownFeedExtensionIsAUsageErrorBeforeTheCrawl() throws Exception {
    Path file = tmp.resolve("items.xml");
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "-o", file.toString()), Map.of())) {
      assertEquals(2, spider.exit());
      assertTrue(
          spider.stderr().contains("-o " + file + ": unknown feed format \".xml\""),
          spider.stderr());
      assertTrue(!Files.exists(file));
    }
  }
}
