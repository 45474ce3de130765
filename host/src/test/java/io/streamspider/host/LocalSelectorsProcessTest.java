package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -s SELECTORS=local} (issue "Runtime": hosts without selector_request): a real runtime
 * process with the host module on its class path sends plain requests and evaluates the
 * callback's selectors itself with the parsel engine of this module.
 */
@Timeout(60)
class LocalSelectorsProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void selectorsAreEvaluatedInTheSpiderProcessAndPlainRequestsAreSent() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.streamspider.runtime.StreamSpider",
        "localsel", "-s", "SELECTORS=local", "-o", items.toString())
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    OutputStream in = p.getOutputStream();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    in.write("{\"type\": \"ready\", \"status\": \"ready\"}\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    JsonNode spider = next(out);
    assertEquals("spider", spider.get("type").asText());
    assertEquals(0, spider.get("start_urls").size(), "the start URL is sent by the runtime");
    JsonNode request = next(out);
    assertEquals("request", request.get("type").asText(), "a plain request, not a selector_request: " + request);
    assertFalse(request.has("selector"));
    ObjectNode response = JSON.createObjectNode();
    response.put("type", "response");
    response.put("id", request.get("id").asText());
    response.put("url", "http://127.0.0.1:8765/");
    response.put("status", 200);
    response.put("body", "<html><body><h1>Caf\u00e9 &amp; co</h1><a href='/a'>a</a><a href=\"/b\">b</a>"
        + "<p class=price>\n  12.50   EUR\n</p></body></html>");
    in.write((JSON.writeValueAsString(response) + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    JsonNode close;
    do {
      close = next(out);
    } while (close.get("type").asText().equals("log"));
    assertEquals("close", close.get("type").asText());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(0, p.getErrorStream().readAllBytes().length, "stderr stays silent");
    JsonNode item = JSON.readTree(Files.readAllLines(items).get(0));
    assertEquals(List.of("Caf\u00e9 & co"), JSON.convertValue(item.get("title"), List.class));
    assertEquals(List.of("/a", "/b"), JSON.convertValue(item.get("links"), List.class));
    assertEquals(List.of("12.50 EUR"), JSON.convertValue(item.get("price"), List.class));
    assertEquals(List.of("2.0"), JSON.convertValue(item.get("count"), List.class), "numbers as parsel formats them");
  }

  private static JsonNode next(BufferedReader out) throws Exception {
    String line = out.readLine();
    assertTrue(line != null, "the spider wrote a line");
    return JSON.readTree(line);
  }
}
