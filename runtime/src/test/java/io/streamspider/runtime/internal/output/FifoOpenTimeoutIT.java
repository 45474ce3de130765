package io.streamspider.runtime.internal.output;

import static io.streamspider.runtime.internal.output.OutputProcessIT.items;
import static io.streamspider.runtime.internal.output.OutputProcessIT.script;
import static io.streamspider.runtime.internal.output.SpiderProcess.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fifo} to a real named pipe: the spider waits for a reader at most FIFO_OPEN_TIMEOUT
 * seconds, then stops the crawl with an error naming the pipe and a non-zero exit code; a reader
 * that comes within that time gets every item.
 */
@Timeout(120)
class FifoOpenTimeoutIT {
  static final String BASE = "http://127.0.0.1:8765/";

  @TempDir Path tmp;

  @Test
  void aPipeNobodyOpensStopsTheCrawlAfterTheTimeoutNamingThePath() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    try (SpiderProcess spider =
        new SpiderProcess(
            List.of("shop", "--fifo", fifo.toString(), "-s", "FIFO_OPEN_TIMEOUT=1.5"), Map.of())) {
      spider.ready();
      spider.next("spider");
      long t0 = System.nanoTime();
      spider.send(
          response(
              "parse",
              BASE + "index.html",
              script(
                  items("start", 3),
                  List.of(Map.of("callback", "page", "url", BASE + "p1.html")))));
      // the first item waits for a reader, which never comes; no request for p1.html leaves
      spider.next("close");
      double waited = (System.nanoTime() - t0) / 1e9;
      assertEquals(1, spider.exit(), spider.seen.toString());
      assertTrue(waited < 30, "gave up after about 1.5 s, not never: " + waited);
      assertEquals("", spider.stderr());
      String log = String.join("\n", spider.seen);
      assertTrue(
          log.contains("Waiting for a reader to open the Scrapy Cloud FIFO " + fifo)
              && log.contains("for at most 1.5 s (FIFO_OPEN_TIMEOUT)"),
          log);
      assertTrue(
          log.contains(
              "Gave up waiting for a reader of the Scrapy Cloud FIFO "
                  + fifo
                  + " after 1.5 s (setting FIFO_OPEN_TIMEOUT)"),
          log);
      assertTrue(
          log.contains("no reader opened the Scrapy Cloud FIFO " + fifo + " within 1.5 s"), log);
      assertTrue(log.contains("stopping the crawl"), log);
    }
  }

  @Test
  void aReaderThatComesWithinTheTimeoutGetsEveryItem() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    try (SpiderProcess spider =
        new SpiderProcess(
            List.of("shop", "--fifo", fifo.toString(), "-s", "FIFO_OPEN_TIMEOUT=30"), Map.of())) {
      spider.ready();
      spider.next("spider");
      spider.send(response("parse", BASE + "index.html", script(items("start", 20), List.of())));
      Thread.sleep(1500); // the crawl waits at its first item
      Process reader = Fifos.cat(fifo, out);
      spider.next("close");
      assertEquals(0, spider.exit(), spider.seen.toString());
      Fifos.awaitExit(reader);
    }
    Wire wire = Wire.of(Files.readAllBytes(out));
    assertEquals(20, wire.all("ITM").size());
    assertEquals("finished", wire.onlyFin());
  }
}
