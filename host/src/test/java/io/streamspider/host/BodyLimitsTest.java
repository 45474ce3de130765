package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamspider.host.internal.Outbound;
import io.streamspider.host.testing.HostRun;
import io.streamspider.runtime.protocol.ResponseMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Big bodies through the whole host: a real server on 127.0.0.1, a real spider process that records
 * every line it reads. DOWNLOAD_WARNSIZE / DOWNLOAD_MAXSIZE as Scrapy applies them, per request
 * through meta too; a body past the limit fails its request only.
 */
@Timeout(120)
class BodyLimitsTest {
  /**
   * About 24 MB of UTF-8: more than Jackson's default 20M-char string limit, escapes of every kind.
   */
  static final String BIG = big();

  static final byte[] MEDIUM =
      "<html><body>"
          .concat("x".repeat(2_000_000))
          .concat("</body></html>")
          .getBytes(StandardCharsets.UTF_8);

  /** Reads lines of any size, as a spider must. */
  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
              .build());

  private static HttpServer server;
  private static ExecutorService executor;

  private static String big() {
    StringBuilder b = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>\n");
    String para =
        "<p>caf\u00e9 \u2603 \ud83d\ude00 tab\there \"quoted\" back\\slash \u0001 \u007f</p>\n";
    while (b.length() < 23_000_000) {
      b.append(para);
    }
    return b.append("</body></html>\n").toString();
  }

  @BeforeAll
  static void start() throws IOException {
    byte[] big = BIG.getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/big.html", ex -> send(ex, big, false));
    server.createContext("/medium.html", ex -> send(ex, MEDIUM, false));
    server.createContext("/medium-chunked.html", ex -> send(ex, MEDIUM, true));
    server.createContext(
        "/small.html",
        ex -> send(ex, "<html><body>small</body></html>".getBytes(StandardCharsets.UTF_8), false));
    server.start();
  }

  private static void send(HttpExchange ex, byte[] body, boolean chunked) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(200, chunked ? 0 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      for (int at = 0; at < body.length; at += 65536) {
        out.write(body, at, Math.min(65536, body.length - at));
      }
    } catch (IOException cancelled) {
      // the host refused the rest of the body
    }
    ex.close();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static String request(String id, String path, String meta) {
    return "send {\"type\": \"request\", \"id\": \""
        + id
        + "\", \"url\": \""
        + base()
        + path
        + "\", \"base64\": false, \"dont_filter\": true, \"meta\": "
        + meta
        + "}\nrecv 1\n";
  }

  @Test
  void bodiesWithinTheLimitsArriveAndABodyPastThemFailsItsRequestOnly() throws Exception {
    String script =
        "recv 1\n"
            + "send {\"type\": \"spider\", \"name\": \"big\", \"start_urls\": [\""
            + base()
            + "/big.html\"]}\nrecv 1\n"
            + request("warned", "/medium.html", "{\"download_warnsize\": 1000000}")
            + request("refused", "/medium.html", "{\"download_maxsize\": 1000000}")
            + request("cut", "/medium-chunked.html", "{\"download_maxsize\": 1000000}")
            + request("after", "/small.html", "{}")
            + "send {\"type\": \"close\"}\n";
    HostRun.Result r = HostRun.python(null, script, b -> b.setting("LOG_LEVEL", "INFO"));
    assertEquals(0, r.exit(), r.log());
    assertEquals(6, r.received().size(), r.log());

    // 24 MB, no warning under the default DOWNLOAD_WARNSIZE (32 MiB)
    String line = r.received().get(1);
    JsonNode page = JSON.readTree(line);
    assertEquals("parse", page.get("id").asText());
    assertEquals(BIG.length(), page.get("body").asText().length());
    assertTrue(BIG.equals(page.get("body").asText()), "the body arrives whole and unchanged");
    // byte for byte what the host writes for a small page (json.dumps' layout, ASCII only)
    assertEquals(Outbound.response(reencoded(page)), line);
    assertFalse(r.log().contains("/big.html") && r.log().contains("warn size"), r.log());

    // per-request download_warnsize: a warning, and the body
    assertEquals("response", JSON.readTree(r.received().get(2)).get("type").asText(), r.log());
    assertEquals(
        new String(MEDIUM, StandardCharsets.UTF_8),
        JSON.readTree(r.received().get(2)).get("body").asText());
    assertTrue(
        r.log()
            .contains(
                "WARNING: Expected response size ("
                    + MEDIUM.length
                    + ") larger than download warn size (1000000) in request <GET "
                    + base()
                    + "/medium.html>."),
        r.log());

    // per-request download_maxsize: Scrapy's text, refused from the Content-Length
    JsonNode refused = JSON.readTree(r.received().get(3));
    assertEquals("exception", refused.get("type").asText());
    assertEquals(
        "Cancelling download of "
            + base()
            + "/medium.html: expected response size ("
            + MEDIUM.length
            + ") larger than download max size (1000000).",
        refused.get("exception").asText());
    // a chunked body is cut when it grows past the limit
    JsonNode cut = JSON.readTree(r.received().get(4));
    assertEquals("exception", cut.get("type").asText());
    assertTrue(
        cut.get("exception")
            .asText()
            .matches(
                "Received \\(\\d+\\) bytes larger than download max size"
                    + " \\(1000000\\) in request <GET "
                    + java.util.regex.Pattern.quote(base())
                    + "/medium-chunked.html>\\."),
        cut.toString());

    // and the crawl goes on
    JsonNode after = JSON.readTree(r.received().get(5));
    assertEquals("after", after.get("id").asText());
    assertEquals("<html><body>small</body></html>", after.get("body").asText());
  }

  @Test
  void theSettingsApplyToEveryRequest() throws Exception {
    String script =
        "recv 1\n"
            + "send {\"type\": \"spider\", \"name\": \"big\", \"start_urls\": [\""
            + base()
            + "/medium.html\"]}\nrecv 1\n"
            + request("small", "/small.html", "{}")
            + "send {\"type\": \"close\"}\n";
    HostRun.Result r = HostRun.python(null, script, b -> b.setting("DOWNLOAD_MAXSIZE", "1000000"));
    assertEquals(0, r.exit(), r.log());
    JsonNode refused = JSON.readTree(r.received().get(1));
    assertEquals(
        "Cancelling download of "
            + base()
            + "/medium.html: expected response size ("
            + MEDIUM.length
            + ") larger than download max size (1000000).",
        refused.get("exception").asText());
    assertEquals("small", JSON.readTree(r.received().get(2)).get("id").asText());
  }

  private static ResponseMessage reencoded(JsonNode m) {
    Map<String, List<String>> headers =
        JSON.convertValue(m.get("headers"), new TypeReference<>() {});
    Map<String, Object> meta = JSON.convertValue(m.get("meta"), new TypeReference<>() {});
    List<String> flags = new ArrayList<>();
    m.get("flags").forEach(f -> flags.add(f.asText()));
    return new ResponseMessage(
        m.get("id").asText(),
        m.get("url").asText(),
        m.get("status").asInt(),
        headers,
        m.get("body").asText(),
        meta,
        flags,
        null);
  }
}
