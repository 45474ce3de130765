package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages near and over the limits, end to end through a spider jar that is not the example (the
 * quotes spider) on the embedded host: a 24 MB start page (over Jackson's default 20,000,000
 * character limit) is parsed and gives its items; its "next" page, over DOWNLOAD_MAXSIZE, fails
 * that request only, loudly, and the crawl still finishes with the items it has.
 */
class BigPagesIT {
  private static final Path QUOTES_JAR =
      Path.of(System.getProperty("quotes.jar", "../quotes-spider/target/quotes-spider.jar"))
          .toAbsolutePath()
          .normalize();
  private static final int MAXSIZE = 30_000_000;

  @TempDir Path dir;
  private HttpServer server;

  private static byte[] page(int padding, String quotes, String next) {
    StringBuilder b = new StringBuilder(padding + 1000);
    b.append("<html><head><title>quotes</title></head><body>").append(quotes);
    b.append("<div class=\"filler\"><!-- ");
    while (b.length() < padding) {
      b.append("padding padding padding padding padding padding padding padding padding\n");
    }
    b.append(" --></div>");
    if (next != null) {
      b.append("<ul><li class=\"next\"><a href=\"").append(next).append("\">Next</a></li></ul>");
    }
    return b.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void serve() throws Exception {
    String quotes =
        "<div class=\"quote\"><span class=\"text\">First caf\u00e9</span><small"
            + " class=\"author\">Ana</small></div><div class=\"quote\"><span"
            + " class=\"text\">Second</span><small class=\"author\">Bo</small></div><div"
            + " class=\"quote\"><span class=\"text\">Third</span><small"
            + " class=\"author\">Cy</small></div>";
    byte[] big = page(24_000_000, quotes, "/over");
    byte[] over = page(MAXSIZE + 1_000_000, quotes.replace("First", "Never"), null);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestURI().getPath().equals("/over") ? over : big;
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"separate", "same"})
  void aPageOverJacksonsLimitIsParsedAndOneOverMaxsizeFailsAlone(String spiderJvm)
      throws Exception {
    Path items = dir.resolve("items.jsonl");
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    List<String> command =
        new ArrayList<>(
            List.of(
                ChildProcess.JAVA.toString(),
                "-jar",
                QUOTES_JAR.toString(),
                "quotes",
                "--local",
                "-a",
                "start_urls=" + base,
                "-s",
                "DOWNLOAD_MAXSIZE=" + MAXSIZE,
                "-s",
                "SPIDER_JVM=" + spiderJvm,
                "-s",
                "LOG_LEVEL=INFO",
                "-O",
                items.toString()));
    ChildProcess crawl = ChildProcess.run(dir, Map.of(), 180, command);
    assertEquals(0, crawl.exitCode(), crawl.output());
    List<String> texts = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(items, StandardCharsets.UTF_8)) {
      JsonNode item = json.readTree(line);
      texts.add(item.get("text").asText());
    }
    assertEquals(List.of("First caf\u00e9", "Second", "Third"), texts, crawl.output());
    String log = crawl.stdout() + crawl.stderr();
    assertTrue(log.contains("larger than download max size (" + MAXSIZE + ")"), crawl.output());
    assertTrue(log.contains(base + "over"), "the failed request is named: " + crawl.output());
    assertTrue(log.contains("Spider closed (finished)"), crawl.output());
  }
}
