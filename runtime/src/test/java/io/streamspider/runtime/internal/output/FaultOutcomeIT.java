package io.streamspider.runtime.internal.output;

import static io.streamspider.runtime.internal.output.OutputProcessIT.countItems;
import static io.streamspider.runtime.internal.output.OutputProcessIT.items;
import static io.streamspider.runtime.internal.output.OutputProcessIT.script;
import static io.streamspider.runtime.internal.output.SpiderProcess.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crawl that meets a fault tells Scrapy Cloud and the shell (issue 14): the outcome in
 * {@code FIN}, the exit status, and every item produced before the fault, through a real FIFO with
 * a real reader and a real feed file.
 */
@Timeout(120)
class FaultOutcomeIT {
  static final String BASE = "http://127.0.0.1:8765/";

  @TempDir Path tmp;

  private static String logs(Wire wire) {
    StringBuilder b = new StringBuilder();
    for (JsonNode l : wire.all("LOG")) {
      b.append(l.get("level").asInt()).append(' ').append(l.get("message").asText()).append('\n');
    }
    return b.toString();
  }

  @Test
  void theIdleSafetyNetWithRequestsPendingIsAFailedCrawl() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    Path feed = tmp.resolve("items.jsonl");
    Process reader = Fifos.cat(fifo, out);
    String pending;
    int code;
    try (SpiderProcess spider =
        new SpiderProcess(
            List.of(
                "shop", "--fifo", fifo.toString(), "-o", feed.toString(), "-s", "IDLE_TIMEOUT=1"),
            Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 30),
                  List.of(Map.of("callback", "page", "url", BASE + "never.html")))));
      pending = spider.next("request").get("id").asText();
      // a broken line that names no request: had it answered the pending one, only the safety net
      // ends the wait
      spider.send(SpiderProcess.JSON.createObjectNode().put("type", "response").put("body", 5));
      code = spider.exit();
    }
    assertEquals(1, code, "the crawl did not finish: not exit 0");
    Fifos.awaitExit(reader);
    Wire wire = Wire.of(Files.readAllBytes(out));
    assertEquals("failed", wire.onlyFin());
    assertEquals(30, wire.all("ITM").size());
    assertEquals(30, countItems(feed));
    String log = logs(wire);
    assertTrue(
        log.contains(
            "40 no message from the host for 1 s with 1 request(s) still pending: ["
                + pending
                + "]"),
        log);
    assertTrue(
        log.contains("(1 line(s) from the host could not be read and named no request"), log);
    assertTrue(
        log.contains(
            "40 cannot read a line from the host (field body must be a string); it names no"
                + " request"),
        log);
    assertFalse(log.contains("nothing in flight"), log);
  }

  @Test
  void aResponseThatFailsItsRequestLeavesTheCrawlFinished() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    Process reader = Fifos.cat(fifo, out);
    String id;
    try (SpiderProcess spider =
        new SpiderProcess(List.of("shop", "--fifo", fifo.toString()), Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 20),
                  List.of(Map.of("callback", "image", "url", BASE + "bad.png")))));
      id = spider.next("request").get("id").asText();
      ObjectNode bad = response(id, BASE + "bad.png", "x");
      bad.put("body", "%%% not base64 %%%");
      spider.send(bad);
      spider.next("close");
      assertEquals(0, spider.exit());
    }
    Fifos.awaitExit(reader);
    Wire wire = Wire.of(Files.readAllBytes(out));
    assertEquals("finished", wire.onlyFin(), () -> logs(wire));
    assertEquals(20, wire.all("ITM").size());
    assertFalse(logs(wire).contains("SIGTERM"), "no signal came: " + logs(wire));
    assertTrue(
        logs(wire)
            .contains(
                "40 cannot read the host's response to request "
                    + id
                    + " <"
                    + BASE
                    + "bad.png> (body is not valid base64"),
        logs(wire));
  }
}
