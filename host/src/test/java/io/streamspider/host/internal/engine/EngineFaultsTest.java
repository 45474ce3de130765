package io.streamspider.host.internal.engine;

import static io.streamspider.host.internal.engine.EngineHarness.get;
import static io.streamspider.host.internal.engine.EngineHarness.request;
import static io.streamspider.host.internal.engine.FaultServer.respond;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamspider.host.internal.engine.EngineHarness.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real loopback server that misbehaves, and the outcome Scrapy 2.8 gives for the same fault (from
 * the generated crawls): the failure text, whether it is retried, the warning logged.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineFaultsTest {
  private static final byte[] OK = "<html><body>ok</body></html>".getBytes(StandardCharsets.UTF_8);

  private FaultServer server;
  private final List<EngineHarness> harnesses = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new FaultServer();
    server.on("/ok", FaultServer.html("<html><body>ok</body></html>"));
  }

  @AfterEach
  void stop() throws IOException {
    harnesses.forEach(EngineHarness::close);
    server.close();
  }

  private EngineHarness engine(String... settings) {
    EngineHarness h = new EngineHarness(settings);
    harnesses.add(h);
    return h;
  }

  /** The generated crawl's value for a stat, as a number. */
  private static long scrapyStat(String crawl, String key) {
    JsonNode v = Expectations.crawl(crawl).path("stats").path(key);
    assertTrue(v.isNumber(), crawl + " has no numeric stat " + key);
    return v.asLong();
  }

  /** The generated crawl's log lines of one logger, {port} filled in. */
  private static List<String> scrapyLogs(String crawl, String logger, int port) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : Expectations.crawl(crawl).path("logs")) {
      if (l.path("logger").asText().equals(logger)) {
        out.add(
            "["
                + logger
                + "] "
                + l.path("level").asText()
                + ": "
                + Expectations.fill(l.path("message").asText(), port)
                    .replace("{closed}", Integer.toString(port)));
      }
    }
    return out;
  }

  private static List<String> ours(EngineHarness h, String logger) {
    return h.messages().stream().filter(m -> m.startsWith("[" + logger + "]")).toList();
  }

  @Test
  void connectionRefusedIsRetriedTwiceThenFailsWithTwistedsText() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    EngineHarness h = engine();
    Outcome o = h.fetch("http://127.0.0.1:" + closed + "/");
    assertEquals(
        Expectations.failureText("refused", closed).replace("{closed}", "" + closed), o.failure());
    for (String key :
        List.of(
            "retry/count",
            "retry/max_reached",
            "downloader/request_count",
            "retry/reason_count/twisted.internet.error.ConnectionRefusedError",
            "downloader/exception_type_count/twisted.internet.error.ConnectionRefusedError")) {
      assertEquals(scrapyStat("refused", key), h.stat(key), key);
    }
    assertEquals(
        scrapyLogs("refused", "scrapy.downloadermiddlewares.retry", closed),
        ours(h, "scrapy.downloadermiddlewares.retry"));
  }

  @Test
  void dnsFailureHasTheRealHostsText() {
    // the text of the real host's transcript
    // (host/src/test/resources/fixtures/reference-host-session.txt)
    ConnectException e = new ConnectException();
    e.initCause(new UnresolvedAddressException());
    Failures.Failure f = Failures.of(e, "nonexistent.invalid", false);
    assertEquals(
        "DNS lookup failed: no results for hostname lookup: nonexistent.invalid.", f.text());
    assertTrue(f.retryable());
  }

  @Test
  void invalidHostNamesGiveBackTheirPlaceInTheSlot() throws Exception {
    // every attempt at a .invalid name, retries included, must free its place in the download
    // slot: with 2 per slot, the first request's second retry would otherwise wait for ever
    EngineHarness h = engine("CONCURRENT_REQUESTS_PER_DOMAIN=2");
    for (int i = 0; i < 3; i++) {
      Outcome o = h.submit(get("http://nothing.invalid/" + i)).get(10, TimeUnit.SECONDS);
      assertEquals(
          "DNS lookup failed: no results for hostname lookup: nothing.invalid.",
          o.failure(),
          "request " + i);
    }
    assertEquals(9, h.stat("downloader/request_count"), "three tries each");
    assertEquals(0, h.engine.inFlight(), "no attempt left in flight");
  }

  @Test
  void slowHeadersTimeOutWithScrapysText() throws Exception {
    server.on(
        "/slow-headers",
        (r, out, s) -> {
          Thread.sleep(3000);
          respond(out, 200, "OK", List.of(), OK);
          return false;
        });
    EngineHarness h = engine("DOWNLOAD_TIMEOUT=1");
    long t0 = System.nanoTime();
    Outcome o =
        h.fetch(
            request("GET", server.url("/slow-headers"), Map.of("max_retry_times", 0), 0, false));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(Expectations.failureText("timeout_headers", server.port()), o.failure());
    assertTrue(seconds < 2.5, "gave up after " + seconds + " s");
  }

  @Test
  void aBodyThatTricklesPastTheTimeoutFailsAndIsRetried() throws Exception {
    server.on(
        "/slow-body",
        (r, out, s) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < 100; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(50);
          }
          return false;
        });
    EngineHarness h = engine("DOWNLOAD_TIMEOUT=0.3");
    Outcome o = h.fetch(server.url("/slow-body"));
    String expected =
        Expectations.failureText("timeout_body", server.port())
            .replace("1.0 seconds", "0.3 seconds");
    assertEquals(expected, o.failure());
    assertEquals(3, h.stat("downloader/request_count"));
    assertEquals(2, h.stat("retry/reason_count/twisted.internet.error.TimeoutError"));
  }

  @Test
  void aSlowResponseWithinTheTimeoutArrivesWhole() throws Exception {
    server.on(
        "/slow",
        (r, out, s) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < 10; i++) {
            out.write('0' + i);
            out.flush();
            Thread.sleep(60);
          }
          return true;
        });
    EngineHarness h = engine("DOWNLOAD_TIMEOUT=5");
    Outcome o = h.fetch(server.url("/slow"));
    assertEquals("0123456789", o.text());
    assertEquals(0, h.stat("retry/count"));
  }

  private void truncated() {
    server.on(
        "/truncated",
        (r, out, s) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n0123456789"
                  .getBytes(StandardCharsets.US_ASCII));
          return false;
        });
  }

  @Test
  void aTruncatedBodyIsDataLossRetriedThenFailed() throws Exception {
    truncated();
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/truncated"));
    assertEquals(Expectations.failureText("truncated", server.port()), o.failure());
    assertEquals(
        scrapyStat("truncated", "downloader/request_count"), h.stat("downloader/request_count"));
    assertEquals(
        scrapyStat("truncated", "retry/reason_count/twisted.web._newclient.ResponseFailed"),
        h.stat("retry/reason_count/twisted.web._newclient.ResponseFailed"));
    assertTrue(
        h.messages()
            .contains(
                scrapyLogs("truncated", "scrapy.core.downloader.handlers.http11", server.port())
                    .get(0)),
        h.logText());
  }

  @Test
  void aTruncatedBodyArrivesFlaggedWhenDataLossIsAllowed() throws Exception {
    truncated();
    EngineHarness h = engine("DOWNLOAD_FAIL_ON_DATALOSS=False");
    Outcome o = h.fetch(server.url("/truncated"));
    JsonNode scrapy = Expectations.crawl("truncated_no_dataloss_failure").path("outcomes").get(0);
    assertNotNull(o.result(), String.valueOf(o.failure()));
    assertEquals(scrapy.path("body").asText(), o.text());
    assertEquals(List.of("dataloss"), o.result().flags());
    assertEquals(
        scrapy.path("headers").path("Content-Length").get(0).asText(),
        o.result().headers().get("Content-Length").get(0));
  }

  @Test
  void aBodyAnnouncedOverTheLimitIsCancelledUnread() throws Exception {
    server.on(
        "/big-cl",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"Content-Type", "text/html"}),
              new byte[5000]);
          return true;
        });
    EngineHarness h = engine();
    Outcome o =
        h.fetch(request("GET", server.url("/big-cl"), Map.of("download_maxsize", 1000), 0, false));
    assertEquals(Expectations.failureText("maxsize_content_length", server.port()), o.failure());
    assertEquals(1, h.stat("downloader/request_count"), "not retried");
    assertEquals(
        1, h.stat("downloader/exception_type_count/twisted.internet.defer.CancelledError"));
    assertEquals(
        scrapyLogs(
            "maxsize_content_length", "scrapy.core.downloader.handlers.http11", server.port()),
        ours(h, "scrapy.core.downloader.handlers.http11"));
  }

  private void chunked(String path, int chunks) {
    server.on(
        path,
        (r, out, s) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < chunks; i++) {
            out.write(("3e8\r\n" + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(20);
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          return true;
        });
  }

  @Test
  void aStreamedBodyOverTheLimitIsCancelledWithAReadableText() throws Exception {
    chunked("/big-chunked", 50);
    EngineHarness h = engine();
    Outcome o =
        h.fetch(
            request("GET", server.url("/big-chunked"), Map.of("download_maxsize", 1000), 0, false));
    // Scrapy's own text is empty here; ours repeats its warning
    assertEquals("", Expectations.failureText("maxsize_chunked", server.port()));
    assertTrue(
        o.failure()
            .matches(
                "Received \\(\\d+\\) bytes larger than download max size \\(1000\\) in request "
                    + "<GET http://127\\.0\\.0\\.1:\\d+/big-chunked>\\."),
        o.failure());
    assertEquals(1, h.stat("downloader/request_count"), "not retried");
    assertTrue(
        ours(h, "scrapy.core.downloader.handlers.http11")
            .get(0)
            .startsWith("[scrapy.core.downloader.handlers.http11] WARNING: Received ("),
        h.logText());
  }

  @Test
  void bodiesOverTheWarnSizeArriveWithScrapysWarnings() throws Exception {
    server.on(
        "/big-cl",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"Content-Type", "text/html"}),
              new byte[5000]);
          return true;
        });
    chunked("/big-chunked", 5);
    EngineHarness h = engine("DOWNLOAD_WARNSIZE=1000");
    assertEquals(5000, h.fetch(server.url("/big-cl")).result().body().length);
    assertEquals(
        scrapyLogs(
            "warnsize_content_length", "scrapy.core.downloader.handlers.http11", server.port()),
        ours(h, "scrapy.core.downloader.handlers.http11"));
    EngineHarness h2 = engine("DOWNLOAD_WARNSIZE=1000");
    Outcome chunkedOutcome = h2.fetch(server.url("/big-chunked"));
    assertEquals(5000, chunkedOutcome.result().body().length);
    assertNull(
        chunkedOutcome.result().headers().get("Transfer-Encoding"),
        "Twisted hides connection headers");
    assertEquals(
        scrapyLogs("warnsize_chunked", "scrapy.core.downloader.handlers.http11", server.port()),
        ours(h2, "scrapy.core.downloader.handlers.http11"));
  }

  @Test
  void aCloseDelimitedBodyIsFlaggedPartial() throws Exception {
    server.on(
        "/close-delimited",
        (r, out, s) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(OK);
          return false;
        });
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/close-delimited"));
    JsonNode scrapy = Expectations.crawl("close_delimited").path("outcomes").get(0);
    assertEquals(scrapy.path("body").asText(), o.text());
    assertEquals(List.of(scrapy.path("flags").get(0).asText()), o.result().flags());
    assertEquals(List.of("Content-Type"), List.copyOf(o.result().headers().keySet()));
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(data);
    }
    return b.toByteArray();
  }

  private static byte[] deflate(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(b, new java.util.zip.Deflater(6, raw))) {
      d.write(data);
    }
    return b.toByteArray();
  }

  private void encoded(String path, String encoding, byte[] body) {
    server.on(
        path,
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.of(
                  new String[] {"Content-Type", "text/html"},
                  new String[] {"Content-Encoding", encoding}),
              body);
          return true;
        });
  }

  @Test
  void gzipAndBothDeflatesAreDecodedAndTheEncodingHeaderGoes() throws Exception {
    encoded("/gzip", "gzip", gzip(OK));
    encoded("/deflate", "deflate", deflate(OK, false));
    encoded("/rawdeflate", "deflate", deflate(OK, true));
    EngineHarness h = engine();
    for (String name : List.of("gzip", "deflate", "rawdeflate")) {
      Outcome o = h.fetch(server.url("/" + name));
      JsonNode scrapy = Expectations.crawl(name).path("outcomes").get(0);
      assertEquals(scrapy.path("body").asText(), o.text(), name);
      assertEquals(
          List.of("Content-Length", "Content-Type"),
          List.copyOf(o.result().headers().keySet()),
          name);
    }
    assertEquals(3, h.stat("httpcompression/response_count"));
    assertEquals(3L * OK.length, h.stat("httpcompression/response_bytes"));
    String sent = server.received.get(0).header("Accept-Encoding");
    assertEquals("gzip, deflate", sent, "br is not advertised: no decoder for it");
  }

  @Test
  void invalidGzipFailsWithPythonsTextAndIsNotRetried() throws Exception {
    encoded("/badgzip", "gzip", "this is not gzip at all".getBytes(StandardCharsets.US_ASCII));
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/badgzip"));
    assertEquals(Expectations.failureText("badgzip", server.port()), o.failure());
    assertEquals(
        scrapyStat("badgzip", "downloader/request_count"), h.stat("downloader/request_count"));
  }

  @Test
  void corruptGzipDataFailsWithZlibsText() throws Exception {
    byte[] good = gzip("x".repeat(5000).getBytes(StandardCharsets.US_ASCII));
    byte[] bad = Arrays.copyOf(good, good.length);
    for (int i = 10; i < 20; i++) {
      bad[i] = (byte) 0xff;
    }
    encoded("/corrupt", "gzip", bad);
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/corrupt"));
    assertTrue(o.failure().startsWith("Error -3 while decompressing data: "), o.failure());
  }

  private void loop() {
    server.on(
        "/loop-a",
        (r, out, s) -> {
          respond(
              out,
              302,
              "Found",
              List.<String[]>of(new String[] {"Location", "/loop-b"}),
              new byte[0]);
          return true;
        });
    server.on(
        "/loop-b",
        (r, out, s) -> {
          respond(
              out,
              302,
              "Found",
              List.<String[]>of(new String[] {"Location", "/loop-a"}),
              new byte[0]);
          return true;
        });
  }

  @Test
  void aRedirectLoopStopsAtRedirectMaxTimes() throws Exception {
    loop();
    EngineHarness h = engine();
    Outcome o = h.fetch(request("GET", server.url("/loop-a"), Map.of(), 0, true));
    assertEquals(Expectations.failureText("redirect_loop_dont_filter", server.port()), o.failure());
    assertEquals(
        scrapyStat("redirect_loop_dont_filter", "downloader/request_count"),
        h.stat("downloader/request_count"));
    assertEquals(
        scrapyLogs(
            "redirect_loop_dont_filter", "scrapy.downloadermiddlewares.redirect", server.port()),
        ours(h, "scrapy.downloadermiddlewares.redirect"));

    EngineHarness two = engine("REDIRECT_MAX_TIMES=2");
    assertEquals(
        Expectations.failureText("redirect_max_times_2", server.port()),
        two.fetch(request("GET", server.url("/loop-a"), Map.of(), 0, true)).failure());
    assertEquals(
        scrapyStat("redirect_max_times_2", "downloader/request_count"),
        two.stat("downloader/request_count"));
  }

  @Test
  void aRedirectLoopWithoutDontFilterEndsAtTheDuplicateFilter() throws Exception {
    loop();
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/loop-a"));
    // Scrapy drops it silently; the engine answers once, as its contract says
    assertEquals(0, Expectations.crawl("redirect_loop_filtered").path("outcomes").size());
    assertEquals("Filtered duplicate request: <GET " + server.url("/loop-a") + ">", o.failure());
    assertEquals(
        scrapyStat("redirect_loop_filtered", "dupefilter/filtered"), h.stat("dupefilter/filtered"));
    assertEquals(
        scrapyStat("redirect_loop_filtered", "downloader/request_count"),
        h.stat("downloader/request_count"));
  }

  @Test
  void garbageInsteadOfHttpIsAParseErrorThatIsRetried() throws Exception {
    server.on(
        "/garbage",
        (r, out, s) -> {
          out.write("this is not http\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          return false;
        });
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/garbage"));
    String scrapy = Expectations.failureText("garbage", server.port());
    String prefix = "[<twisted.python.failure.Failure twisted.web._newclient.ParseError: ";
    assertTrue(scrapy.startsWith(prefix));
    assertTrue(o.failure().startsWith(prefix), o.failure());
    assertEquals(
        scrapyStat("garbage", "downloader/request_count"), h.stat("downloader/request_count"));
  }

  @Test
  void aConnectionClosedBeforeAnyResponseIsRetriedThenFailed() throws Exception {
    server.on("/close-immediately", (r, out, s) -> false);
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/close-immediately"));
    assertEquals(Expectations.failureText("close_immediately", server.port()), o.failure());
    assertEquals(
        scrapyStat(
            "close_immediately", "retry/reason_count/twisted.web._newclient.ResponseNeverReceived"),
        h.stat("retry/reason_count/twisted.web._newclient.ResponseNeverReceived"));
  }

  @Test
  void a500ThenSuccessIsRetriedOnce() throws Exception {
    server.on(
        "/flaky500",
        (r, out, s) -> {
          if (s.hits("/flaky500") == 1) {
            respond(out, 500, "Internal Server Error", List.of(), new byte[0]);
          } else {
            respond(
                out, 200, "OK", List.<String[]>of(new String[] {"Content-Type", "text/html"}), OK);
          }
          return true;
        });
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/flaky500"));
    JsonNode scrapy = Expectations.crawl("retry_then_success").path("outcomes").get(0);
    assertEquals(200, o.result().status());
    assertEquals(
        scrapy.path("meta").path("retry_times").asInt(), o.result().meta().get("retry_times"));
    for (String key :
        List.of(
            "retry/count",
            "retry/reason_count/500 Internal Server Error",
            "downloader/response_status_count/500",
            "downloader/response_status_count/200",
            "response_received_count")) {
      assertEquals(scrapyStat("retry_then_success", key), h.stat(key), key);
    }
    assertEquals(
        scrapyLogs("retry_then_success", "scrapy.downloadermiddlewares.retry", server.port()),
        ours(h, "scrapy.downloadermiddlewares.retry"));
  }

  private void status(int code) {
    server.on(
        "/status/" + code,
        (r, out, s) -> {
          respond(
              out,
              code,
              "Whatever",
              List.<String[]>of(new String[] {"Content-Type", "text/html"}),
              OK);
          return true;
        });
  }

  @Test
  void retryableStatusesAreRetriedThenHandedOver() throws Exception {
    status(503);
    status(429);
    status(404);
    for (String[] c :
        new String[][] {
          {"503", "retry_exhausted_503"}, {"429", "retry_429"}, {"404", "not_found_no_retry"}
        }) {
      EngineHarness h = engine();
      Outcome o = h.fetch(server.url("/status/" + c[0]));
      assertEquals(
          Integer.parseInt(c[0]),
          o.result().status(),
          "the protocol side turns it into an exception");
      assertEquals(
          scrapyStat(c[1], "downloader/request_count"), h.stat("downloader/request_count"), c[1]);
      assertEquals(
          scrapyStat(c[1], "response_received_count"), h.stat("response_received_count"), c[1]);
      assertEquals(
          scrapyLogs(c[1], "scrapy.downloadermiddlewares.retry", server.port()),
          ours(h, "scrapy.downloadermiddlewares.retry"),
          c[1]);
    }
    EngineHarness off = engine("RETRY_ENABLED=false");
    off.fetch(server.url("/status/503"));
    assertEquals(
        scrapyStat("retry_disabled", "downloader/request_count"),
        off.stat("downloader/request_count"));
  }

  @Test
  void charsetHeadersAndBytesArriveUntouched() throws Exception {
    Charset cp1251 = Charset.forName("windows-1251");
    byte[] cyrillic = "<html><body>Привет</body></html>".getBytes(cp1251);
    server.on(
        "/cp1251",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"Content-Type", "text/html; charset=windows-1251"}),
              cyrillic);
          return true;
        });
    server.on(
        "/nocharset",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"Content-Type", "text/html"}),
              cyrillic);
          return true;
        });
    server.on(
        "/wrongcharset",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"content-type", "text/html; charset=utf-8"}),
              cyrillic);
          return true;
        });
    server.on(
        "/notype",
        (r, out, s) -> {
          respond(out, 200, "OK", List.of(), cyrillic);
          return true;
        });
    EngineHarness h = engine();
    assertEquals(
        List.of("text/html; charset=windows-1251"),
        h.fetch(server.url("/cp1251")).result().headers().get("Content-Type"));
    assertEquals(
        List.of("text/html"),
        h.fetch(server.url("/nocharset")).result().headers().get("Content-Type"));
    Outcome wrong = h.fetch(server.url("/wrongcharset"));
    assertEquals(
        List.of("text/html; charset=utf-8"),
        wrong.result().headers().get("Content-Type"),
        "names title-cased as Scrapy");
    assertArrayEquals(cyrillic, wrong.result().body());
    Outcome none = h.fetch(server.url("/notype"));
    assertNull(none.result().headers().get("Content-Type"));
    assertArrayEquals(cyrillic, none.result().body());
  }

  @Test
  void tenMegabytesOnOneLineArriveWhole() throws Exception {
    byte[] big =
        ("<html><body>" + "<a href=\"/x\">x</a>".repeat(10 * 1024 * 1024 / 18) + "</body></html>")
            .getBytes(StandardCharsets.US_ASCII);
    server.on(
        "/big",
        (r, out, s) -> {
          respond(
              out, 200, "OK", List.<String[]>of(new String[] {"Content-Type", "text/html"}), big);
          return true;
        });
    EngineHarness h = engine();
    Outcome o = h.fetch(server.url("/big"));
    assertTrue(big.length > 10_000_000);
    assertArrayEquals(big, o.result().body());
  }

  @Test
  void urlsWithoutASchemeOrWithAnUnknownOneFailWithScrapysText() throws Exception {
    EngineHarness h = engine();
    assertEquals(
        Expectations.root().path("request_url_errors").path("not a url").asText(),
        h.fetch("not a url").failure());
    assertEquals(
        Expectations.failureText("unsupported_scheme", server.port()),
        h.fetch("foo://127.0.0.1/x").failure());
    assertEquals(
        scrapyStat(
            "unsupported_scheme", "downloader/exception_type_count/scrapy.exceptions.NotSupported"),
        h.stat("downloader/exception_type_count/scrapy.exceptions.NotSupported"));
  }

  @Test
  void noFaultLeavesAnythingInFlight() throws Exception {
    server.on("/close-immediately", (r, out, s) -> false);
    EngineHarness h = engine("RETRY_TIMES=0");
    List<java.util.concurrent.CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(h.submit(get(server.url(i % 2 == 0 ? "/ok?i=" + i : "/close-immediately?i=" + i))));
    }
    for (var f : all) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertTrue(h.engine.awaitInFlight(java.time.Duration.ofSeconds(5)));
    assertTrue(h.engine.isIdle());
  }
}
