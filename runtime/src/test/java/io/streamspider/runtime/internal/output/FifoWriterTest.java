package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link FifoWriter} against real named pipes (mkfifo) and real readers. */
@Timeout(120)
class FifoWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Response PAGE =
      new Response(
          "page#1",
          "page",
          "http://127.0.0.1:8765/p1.html",
          200,
          Map.of("Content-Type", List.of("text/html")),
          "<p>héllo</p>",
          null,
          Map.of("download_latency", 0.0123, "request_id", "page#1"),
          List.of(),
          null);

  @TempDir Path tmp;
  final List<String> hostLog = Collections.synchronizedList(new ArrayList<>());
  final List<Thread> started = new ArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** A writer whose host log is mirrored back into it, as the runtime's log does. */
  FifoWriter writer(Path fifo, long statsMillis, long closeWaitMillis) {
    FifoWriter[] w = new FifoWriter[1];
    BiConsumer<String, String> log =
        (level, message) -> {
          hostLog.add(level + " " + message);
          w[0].log(level, message);
        };
    w[0] = new FifoWriter(fifo, log, statsMillis, closeWaitMillis);
    return w[0];
  }

  static Map<String, Object> item(int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i);
    m.put("title", "Crème brûlée n°" + i + " — 日本語のテキスト " + "😀".repeat(i % 3));
    m.put("price", i * 0.25);
    m.put("url", "http://127.0.0.1:8765/product/" + i + "?q=\"quoted\"&x=a\\b");
    m.put("description", "Line one\nline two\ttabbed — Привет мир ".repeat(1 + i % 5));
    m.put("tags", List.of("naïve", "über", "x" + i));
    m.put("in_stock", i % 2 == 0);
    return m;
  }

  @Test
  void aCatReaderGetsEveryMessageValidAndEveryItemIntact() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(() -> Map.of("scheduler/enqueued", 3L, "scheduler/dequeued", 1L));
    Process cat = Fifos.cat(fifo, out);
    w.log("INFO", "start\nsecond line: Ω");
    int n = 300;
    for (int i = 0; i < n; i++) {
      assertTrue(w.item(item(i), PAGE));
      if (i % 50 == 0) {
        w.response(PAGE);
      }
    }
    w.finish("finished");
    w.close();
    Fifos.awaitExit(cat);

    Wire wire = Wire.of(Files.readAllBytes(out));
    assertEquals("finished", wire.onlyFin());
    assertEquals("STA", wire.commands.get(0), "STA at start");
    assertEquals("STA", wire.commands.get(wire.commands.size() - 2), "STA at the end, before FIN");
    List<JsonNode> items = wire.all("ITM");
    assertEquals(n, items.size());
    for (int i = 0; i < n; i++) {
      assertEquals(
          JSON.valueToTree(item(i)), items.get(i), "item " + i + " decodes to what was written");
    }
    assertEquals(6, wire.all("REQ").size());
    int log = indexOfLog(wire, "start\nsecond line: Ω");
    assertTrue(log > 0, "the multi-line LOG arrived: " + wire.commands);
    assertEquals(20, wire.payloads.get(log).get("level").asInt());
    JsonNode last = wire.all("STA").get(wire.all("STA").size() - 1);
    assertEquals(3, last.get("stats").get("scheduler/enqueued").asLong());
    assertEquals(n, last.get("stats").get("item_scraped_count").asLong());
    assertTrue(last.get("time").asLong() > 1_600_000_000_000L, "time in ms");
  }

  @Test
  void itemLinesAreByteForByteWhatTheReferenceWriterWrites() throws Exception {
    List<Map<String, Object>> items;
    byte[] expected;
    String res = "/io/streamspider/runtime/internal/output/";
    try (InputStream in = getClass().getResourceAsStream(res + "fifo-items.json");
        InputStream exp = getClass().getResourceAsStream(res + "fifo-items.expected")) {
      items =
          JSON.readValue(in, new TypeReference<List<LinkedHashMap<String, Object>>>() {}).stream()
              .map(m -> (Map<String, Object>) m)
              .toList();
      expected = exp.readAllBytes();
    }
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    for (Map<String, Object> it : items) {
      assertTrue(w.item(it, PAGE));
    }
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    List<String> got = new ArrayList<>();
    for (String l : wire.lines) {
      if (l.startsWith("ITM ")) {
        got.add(l);
      }
    }
    List<String> want = List.of(new String(expected, StandardCharsets.US_ASCII).split("\n"));
    assertEquals(want, got);
  }

  @Test
  void aSlowReaderGetsEverythingAndTheWriterWaitsForIt() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Path out = tmp.resolve("read.txt");
    Process reader = Fifos.slowReader(fifo, out);
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    int n = 200;
    for (int i = 0; i < n; i++) {
      Map<String, Object> it = item(i);
      it.put("padding", "é".repeat(150)); // 900 escaped bytes: 200 items overflow a 64 KiB pipe
      assertTrue(w.item(it, PAGE));
    }
    w.finish("finished");
    w.close();
    Fifos.awaitExit(reader);
    Wire wire = Wire.of(Files.readAllBytes(out));
    long bytes = Files.size(out);
    assertTrue(bytes > 4 * 65536, "enough to fill the pipe several times: " + bytes);
    assertEquals(n, wire.all("ITM").size());
    for (int i = 0; i < n; i++) {
      assertEquals(i, wire.all("ITM").get(i).get("id").asInt());
    }
    assertEquals("finished", wire.onlyFin());
  }

  @Test
  void openWithoutAReaderDoesNotBlockAndItemsWaitForOne() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    FifoWriter w = writer(fifo, 30_000, 5_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          w.open(() -> Map.of("scheduler/enqueued", 1L));
          w.log("INFO", "queued before the reader");
          w.response(PAGE);
        },
        "open(), log() and response() return with nobody reading the pipe");
    assertTrue(
        hostLog.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "INFO Waiting for a reader to open the Scrapy Cloud FIFO " + fifo)),
        hostLog.toString());

    Future<Boolean> item = pool.submit(() -> w.item(Map.of("name", "waits"), PAGE));
    Thread.sleep(300);
    assertFalse(item.isDone(), "item() is not acknowledged before it is in the pipe");

    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    assertTrue(item.get(30, TimeUnit.SECONDS));
    w.finish("finished");
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    // queued messages keep their order; the host log's waiting warning is mirrored as a LOG
    assertEquals("STA", wire.commands.get(0));
    int queuedLog = indexOfLog(wire, "queued before the reader");
    int req = wire.commands.indexOf("REQ");
    int itm = wire.commands.indexOf("ITM");
    assertTrue(queuedLog > 0 && queuedLog < req && req < itm, wire.commands.toString());
    assertEquals("waits", wire.payloads.get(itm).get("name").asText());
    assertEquals("finished", wire.onlyFin());
  }

  @Test
  void producersWaitingForRoomInTheQueueKeepTheirOwnMessages() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    // a queue of 3 messages: the start STA and two logs fill it, everything else waits for room
    FifoWriter w = new FifoWriter(fifo, (l, m) -> hostLog.add(l + " " + m), 30_000, 5_000, 3);
    w.open(Map::of);
    int threads = 6;
    int each = 20;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      producers.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < each; i++) {
                  w.log("INFO", "producer " + id + " message " + i + " " + "x".repeat(id * 10));
                }
                return null;
              }));
    }
    Future<Boolean> item =
        pool.submit(
            () -> {
              go.await();
              return w.item(Map.of("name", "between the logs"), PAGE);
            });
    go.countDown();
    Thread.sleep(200);
    assertFalse(
        producers.get(0).isDone() && producers.get(threads - 1).isDone(),
        "producers wait for room");
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    for (Future<?> f : producers) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertTrue(item.get(30, TimeUnit.SECONDS));
    w.finish("finished");
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    List<String> logs =
        wire.all("LOG").stream().map(l -> l.get("message").asText()).sorted().toList();
    List<String> want = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < each; i++) {
        want.add("producer " + t + " message " + i + " " + "x".repeat(t * 10));
      }
    }
    Collections.sort(want);
    assertEquals(want, logs, "every message exactly once");
    assertEquals(1, wire.all("ITM").size());
    for (int t = 0; t < threads; t++) {
      int last = -1;
      for (int i = 0; i < wire.commands.size(); i++) {
        String msg = wire.payloads.get(i).path("message").asText();
        if (msg.startsWith("producer " + t + " ")) {
          int n = Integer.parseInt(msg.split(" ")[3]);
          assertTrue(n > last, "one producer's messages stay in order");
          last = n;
        }
      }
    }
  }

  private static int indexOfLog(Wire wire, String message) {
    for (int i = 0; i < wire.commands.size(); i++) {
      if (wire.commands.get(i).equals("LOG")
          && wire.payloads.get(i).get("message").asText().equals(message)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void closeWithoutAReaderGivesUpAfterItsWaitAndSaysWhatWasLost() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    FifoWriter w = writer(fifo, 30_000, 300);
    w.open(Map::of);
    w.log("INFO", "never read");
    Future<Boolean> item = pool.submit(() -> w.item(Map.of("name", "lost"), PAGE));
    Thread.sleep(100);
    w.finish("cancelled");
    assertTimeoutPreemptively(Duration.ofSeconds(10), w::close);
    java.util.concurrent.ExecutionException e =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> item.get(10, TimeUnit.SECONDS));
    assertTrue(
        e.getCause() instanceof IOException && e.getCause().getMessage().contains(fifo.toString()),
        String.valueOf(e.getCause()));
    assertTrue(
        hostLog.stream()
            .anyMatch(
                l ->
                    l.startsWith("ERROR No reader opened the Scrapy Cloud FIFO " + fifo)
                        && l.contains("were not delivered")),
        hostLog.toString());
    assertThrows(IOException.class, () -> w.item(Map.of("a", 1), PAGE));
    // the background opener was released: a reader now sees no writer, not a stuck one
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          while (Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().equals("scrapy-cloud-fifo-open"))) {
            Thread.sleep(10);
          }
        });
  }

  @Test
  void anItemOverOneMebibyteAfterEscapingIsNotWrittenAndAnErrorNamesIt() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    // 200,000 × "é": 400 KB of UTF-8, but 1.2 MB once escaped as \u00e9
    Map<String, Object> escapedTooBig = new LinkedHashMap<>();
    escapedTooBig.put("name", "too big");
    escapedTooBig.put("text", "é".repeat(200_000));
    assertFalse(w.item(escapedTooBig, PAGE));
    // ITM {"s":"…"}\n is 13 bytes around the text: exactly 1 MiB is allowed, one byte more is not
    int fits = FifoWriter.MAX_MESSAGE_BYTES - 13;
    assertTrue(w.item(Map.of("s", "x".repeat(fits)), PAGE));
    assertFalse(w.item(Map.of("s", "x".repeat(fits + 1)), PAGE));
    assertTrue(w.item(Map.of("after", true), PAGE));
    w.finish("finished");
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    List<JsonNode> items = wire.all("ITM");
    assertEquals(2, items.size());
    assertEquals(fits, items.get(0).get("s").asText().length());
    int exact = wire.commands.indexOf("ITM");
    assertEquals(FifoWriter.MAX_MESSAGE_BYTES, wire.lines.get(exact).length() + 1);
    List<JsonNode> errors =
        wire.all("LOG").stream().filter(l -> l.get("level").asInt() == 40).toList();
    assertEquals(2, errors.size());
    String first = errors.get(0).get("message").asText();
    assertTrue(
        first.startsWith(
            "Item from <200 http://127.0.0.1:8765/p1.html> not written to Scrapy Cloud:"),
        first);
    assertTrue(first.contains("1 MiB") && first.contains("too big"), first);
    JsonNode sta = wire.all("STA").get(wire.all("STA").size() - 1).get("stats");
    assertEquals(2, sta.get("item_dropped_count").asInt());
    assertEquals(2, sta.get("item_scraped_count").asInt());
    assertEquals("finished", wire.onlyFin());
  }

  @Test
  void finishIsIdempotentAndThreadSafe() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    assertTrue(w.item(Map.of("a", 1), PAGE));
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String outcome = i == 0 ? "cancelled" : "finished";
      calls.add(
          pool.submit(
              () -> {
                go.await();
                w.finish(outcome);
                return null;
              }));
      calls.add(
          pool.submit(
              () -> {
                go.await();
                w.log("INFO", "concurrent");
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : calls) {
      f.get(10, TimeUnit.SECONDS);
    }
    w.finish("failed");
    w.close();
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    String outcome = wire.all("FIN").get(0).get("outcome").asText();
    assertEquals(1, wire.all("FIN").size(), wire.commands.toString());
    assertTrue(outcome.equals("cancelled") || outcome.equals("finished"), outcome);
  }

  @Test
  void aReaderThatGoesAwayMakesItemFailNamingThePipe() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Process head =
        new ProcessBuilder("head", "-c", "1", fifo.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    assertTrue(head.waitFor(30, TimeUnit.SECONDS));
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              for (int i = 0; i < 100_000; i++) {
                w.item(item(i), PAGE);
              }
            });
    assertTrue(
        e.getMessage().contains("Scrapy Cloud FIFO " + fifo)
            && e.getMessage().contains("reader went away"),
        e.getMessage());
    w.finish("failed");
    assertThrows(IOException.class, w::close);
  }

  @Test
  void statsAreSentPeriodicallyAndKeptSmall() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("scheduler/enqueued", 20L);
    stats.put("scheduler/dequeued", 15L);
    stats.put("not a scalar", List.of(1, 2, 3));
    for (int i = 0; i < 5000; i++) {
      stats.put("counter/" + "k".repeat(300) + i, i);
    }
    FifoWriter w = writer(fifo, 50, 5_000);
    w.open(() -> stats);
    reader.awaitLines(4);
    w.finish("finished");
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    List<JsonNode> sta = wire.all("STA");
    assertTrue(sta.size() >= 4, "STA at start, periodically and at the end: " + wire.commands);
    for (int i = 0; i < wire.lines.size(); i++) {
      if (wire.commands.get(i).equals("STA")) {
        assertTrue(
            wire.lines.get(i).length() <= FifoWriter.MAX_STATS_BYTES,
            "STA is small: " + wire.lines.get(i).length());
        JsonNode s = wire.payloads.get(i).get("stats");
        assertEquals(20, s.get("scheduler/enqueued").asInt());
        assertEquals(15, s.get("scheduler/dequeued").asInt());
        assertNull(s.get("not a scalar"));
      }
    }
  }

  @Test
  void reqCarriesUrlMethodStatusSizeDurationTimeAndParent() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    Response image =
        new Response(
            "image#1",
            "image",
            "http://127.0.0.1:8765/img.png",
            200,
            null,
            null,
            new byte[18],
            Map.of("download_latency", 0.0018095970153808594),
            List.of(),
            null);
    int pageIndex = w.response(PAGE, null, -1);
    assertEquals(0, pageIndex, "the first REQ has index 0");
    assertEquals(1, w.response(image, "post", pageIndex));
    w.finish("finished");
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    List<JsonNode> req = wire.all("REQ");
    assertEquals(2, req.size());
    JsonNode page = req.get(0);
    assertEquals("http://127.0.0.1:8765/p1.html", page.get("url").asText());
    assertEquals("GET", page.get("method").asText());
    assertEquals(200, page.get("status").asInt());
    assertEquals("<p>héllo</p>".getBytes(StandardCharsets.UTF_8).length, page.get("rs").asInt());
    assertEquals(12, page.get("duration").asInt(), "download_latency 0.0123 s in ms");
    assertTrue(page.get("time").isIntegralNumber());
    assertFalse(page.has("parent"), "a start page has no parent");
    JsonNode img = req.get(1);
    assertEquals("POST", img.get("method").asText());
    assertEquals(18, img.get("rs").asInt());
    assertEquals(2, img.get("duration").asInt());
    assertEquals(0, img.get("parent").asInt(), "the index of the REQ whose response led here");
  }

  @Test
  void logLevelsAreNumbersAndHugeMessagesAreCutToFit() throws Exception {
    Path fifo = Fifos.mkfifo(tmp.resolve("fifo"));
    Fifos.ThreadReader reader = new Fifos.ThreadReader(fifo);
    FifoWriter w = writer(fifo, 30_000, 5_000);
    w.open(Map::of);
    for (String level : List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "warning")) {
      w.log(level, level);
    }
    w.log("ERROR", "ж".repeat(500_000));
    w.close();
    Wire wire = Wire.of(reader.awaitEnd());
    List<JsonNode> logs = wire.all("LOG");
    List<Integer> levels = logs.stream().map(l -> l.get("level").asInt()).toList();
    assertEquals(List.of(10, 20, 30, 40, 50, 30, 40), levels);
    String cut = logs.get(6).get("message").asText();
    assertTrue(
        cut.startsWith("жжж") && cut.endsWith("[truncated from 500000 chars]"),
        cut.substring(cut.length() - 40));
  }

  @Test
  void aPathThatDoesNotExistYetBecomesAPlainFile() throws Exception {
    Path file = tmp.resolve("cloud.txt");
    FifoWriter w = writer(file, 30_000, 5_000);
    w.open(Map::of);
    Map<String, Object> it = new LinkedHashMap<>();
    it.put("when", LocalDate.of(2024, 1, 2));
    it.put("name", "ü");
    assertTrue(w.item(it, PAGE));
    w.finish("finished");
    w.close();
    Wire wire = Wire.of(Files.readAllBytes(file));
    assertEquals("STA", wire.commands.get(0));
    assertEquals("ITM {\"when\":\"2024-01-02\",\"name\":\"\\u00fc\"}", wire.lines.get(1));
    assertEquals("finished", wire.onlyFin());
  }
}
