package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.testing.HostRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host thread that fails (here: the host's JVM runs out of memory) fails the request or the
 * crawl, loudly: never a request left unanswered, a stall, then a crawl reported as finished. The
 * host runs as its own JVM with a small heap, against a real server and a real spider.
 */
@Timeout(120)
class HostThreadFailuresTest {
  private static final int HUGE = 96 << 20;
  private static HttpServer server;
  private static ExecutorService executor;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext(
        "/huge.html",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(200, HUGE);
          byte[] chunk = new byte[1 << 16];
          Arrays.fill(chunk, (byte) 'x');
          try (OutputStream out = ex.getResponseBody()) {
            for (int sent = 0; sent < HUGE; sent += chunk.length) {
              out.write(chunk);
            }
          } catch (IOException cancelled) {
            // the host gave up on the body
          }
          ex.close();
        });
    server.createContext(
        "/many.html",
        ex -> {
          // 8 MB that the heap holds, a million elements whose DOM it does not
          byte[] body = "<p>x</p>".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/small.html",
        ex -> {
          byte[] body = "<html><body>small</body></html>".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/html");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code java -Xmx64m ... HostMain streaming -- SPIDER}; the log, once it exited. */
  private static Process host(HostRun.Spider spider, Path log) throws IOException {
    List<String> cmd =
        ScriptedHost.javaCommand(
            List.of(System.getProperty("java.class.path")),
            List.of("-Xmx64m", "-XX:+UseSerialGC"),
            HostMain.class.getName(),
            List.of("streaming", "-s", "LOG_LEVEL=INFO", "-s", "DOWNLOAD_TIMEOUT=60", "--"));
    cmd.addAll(spider.command());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void aBodyTheHostCannotHoldFailsItsRequestAndTheCrawlGoesOn(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            null,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"oom\", \"start_urls\": []}\n"
                + "send {\"type\": \"request\", \"id\": \"huge\", \"url\": \""
                + base()
                + "/huge.html\", \"base64\": false}\nrecv 1\n"
                + "send {\"type\": \"request\", \"id\": \"small\", \"url\": \""
                + base()
                + "/small.html\", \"base64\": false}\nrecv 1\n"
                + "send {\"type\": \"close\"}\n",
            dir);
    Path log = dir.resolve("host.log");
    Process p = host(spider, log);
    assertTrue(p.waitFor(100, TimeUnit.SECONDS), Files.readString(log));
    String text = Files.readString(log);
    List<String> received = spider.received();
    assertEquals(3, received.size(), text);
    JsonNode huge = new ObjectMapper().readTree(received.get(1));
    assertEquals("exception", huge.get("type").asText(), text);
    assertTrue(
        huge.get("exception")
            .asText()
            .startsWith("Internal error in the host: java.lang.OutOfMemoryError: Java heap space"),
        huge.toString());
    assertTrue(text.contains("ERROR"), "said out loud in the host's log: " + text);
    JsonNode small = new ObjectMapper().readTree(received.get(2));
    assertEquals("small", small.get("id").asText(), text);
    assertEquals(0, p.exitValue(), text);
  }

  @Test
  void anAnswerTheHostCannotBuildFailsItsRequestInsteadOfStalling(@TempDir Path dir)
      throws Exception {
    // the selectors' DOM of the page does not fit: the thread building the answer fails
    HostRun.Spider spider =
        HostRun.pythonSpider(
            null,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"oom\", \"start_urls\": []}\n"
                + "send {\"type\": \"selector_request\", \"id\": \"many\", \"url\": \""
                + base()
                + "/many.html\","
                + " \"selector\": {\"p\": {\"type\": \"css\", \"filter\": \"p::text\"}}}\nrecv 1\n"
                + "send {\"type\": \"request\", \"id\": \"small\", \"url\": \""
                + base()
                + "/small.html\", \"base64\": false}\nrecv 1\n"
                + "send {\"type\": \"close\"}\n",
            dir);
    Path log = dir.resolve("host.log");
    Process p = host(spider, log);
    boolean ended = p.waitFor(100, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String text = Files.readString(log);
    assertTrue(ended, "stalled: " + text);
    List<String> received = spider.received();
    if (p.exitValue() == 0) {
      // the answering thread alone failed: that request got an exception, the crawl went on
      assertEquals(3, received.size(), text);
      JsonNode many = new ObjectMapper().readTree(received.get(1));
      assertEquals("exception", many.get("type").asText(), text);
      assertTrue(
          many.get("exception")
              .asText()
              .startsWith("Internal error in the host: java.lang.OutOfMemoryError"),
          many.toString());
      assertEquals("small", new ObjectMapper().readTree(received.get(2)).get("id").asText(), text);
    } else {
      // another thread died too (the HTTP client's SelectorManager, say: no download can end)
      assertEquals(1, p.exitValue(), text);
      assertTrue(text.contains("[host] ERROR: Internal error in the host while "), text);
      assertTrue(text.contains("Spider closed (internal_error)"), text);
    }
    assertTrue(text.contains("java.lang.OutOfMemoryError"), text);
  }

  @Test
  void aReaderThreadThatFailsEndsTheCrawlAsAnInternalError(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            null,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"oom\", \"start_urls\": []}\n"
                + "biglog "
                + HUGE
                + "\n"
                + "sleep 30\n",
            dir);
    Path log = dir.resolve("host.log");
    Process p = host(spider, log);
    assertTrue(p.waitFor(100, TimeUnit.SECONDS), Files.readString(log));
    String text = Files.readString(log);
    assertEquals(1, p.exitValue(), text);
    assertTrue(
        text.contains(
            "[host] ERROR: Internal error in the host while reading the spider's stdout;"
                + " stopping the crawl: java.lang.OutOfMemoryError"),
        text);
    assertTrue(text.contains("Spider closed (internal_error)"), text);
    assertFalse(text.contains("closed its stdout without sending close"), text);
  }
}
