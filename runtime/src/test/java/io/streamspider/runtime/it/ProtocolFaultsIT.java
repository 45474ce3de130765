package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.JSON;
import static io.streamspider.harness.ScriptedHost.assertType;
import static io.streamspider.harness.ScriptedHost.response;
import static io.streamspider.runtime.it.RuntimeJar.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the host's side of the protocol (issue 14): a body too big or unreadable, a line the
 * runtime cannot parse, the heap running out on one response. Each fails the one request it belongs
 * to, at once, and the crawl goes on; the runtime jar runs as a real child process.
 */
@Timeout(180)
class ProtocolFaultsIT {
  static final String BASE = "http://127.0.0.1:8765/";
  private static final String MARK = "@@BODY@@";

  @TempDir Path tmp;

  private static List<JsonNode> items(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  private static String logText(ScriptedHost h) throws Exception {
    StringBuilder b = new StringBuilder();
    for (JsonNode l : h.logs()) {
      b.append(l.get("level").asText()).append(' ').append(l.get("message").asText()).append('\n');
    }
    return b.toString();
  }

  /**
   * Handshake, then the start page asks for {@code requests} and yields one item; returns the
   * requests sent.
   */
  private static List<JsonNode> start(ScriptedHost h, List<Map<String, Object>> requests)
      throws Exception {
    h.ready();
    assertType(h.nextNonLog(), "spider");
    h.send(
        response(
            "parse",
            BASE + "index.html",
            script(Map.of("requests", requests, "items", List.of(Map.of("name", "start"))))));
    List<JsonNode> sent = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      sent.add(h.nextNonLog());
    }
    return sent;
  }

  private static Map<String, Object> page(String path) {
    return Map.of("callback", "page", "url", BASE + path);
  }

  /** The real host's line for a response to {@code r}, split around its body. */
  private static String[] around(JsonNode r) throws Exception {
    String line =
        JSON.writeValueAsString(response(r.get("id").asText(), r.get("url").asText(), MARK));
    int at = line.indexOf(MARK);
    return new String[] {line.substring(0, at), line.substring(at + MARK.length())};
  }

  private static Map<String, JsonNode> byUrl(List<JsonNode> items) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (JsonNode i : items) {
      if (i.has("url")) {
        m.put(i.get("url").asText(), i);
      }
    }
    return m;
  }

  @Test
  void aTextBodyOverTwentyMillionCharactersReachesItsCallback() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      List<JsonNode> sent = start(h, List.of(page("big.html"), page("after.html")));
      String[] big = around(sent.get(0));
      // 24 MB: over Jackson's default 20,000,000-character string limit, under DOWNLOAD_WARNSIZE
      h.sendPadded(big[0] + "<title>big</title>", (byte) 'x', 24_000_000, big[1]);
      h.send(
          response(
              sent.get(1).get("id").asText(),
              BASE + "after.html",
              script(Map.of("items", List.of(Map.of("name", "after"))))));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      Map<String, JsonNode> got = byUrl(items(items));
      assertEquals(24_000_018, got.get(BASE + "big.html").get("length").asInt(), got.toString());
      assertEquals("big", got.get(BASE + "big.html").get("title").asText());
      assertEquals("after", items(items).get(2).get("name").asText());
      assertFalse(logText(h).contains("warn size"), logText(h));
      assertEquals(0, h.stderrBytes(), h.stderr());
    }
  }

  @Test
  void aBodyOverWarnsizeIsWarnedAndOneOverMaxsizeFailsOnlyItsRequest() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    List<String> args =
        List.of(
            "shop",
            "-o",
            items.toString(),
            "-s",
            "DOWNLOAD_WARNSIZE=1000",
            "-s",
            "DOWNLOAD_MAXSIZE=100000");
    try (ScriptedHost h = RuntimeJar.start(args)) {
      List<JsonNode> sent =
          start(
              h,
              List.of(
                  page("warn.html"),
                  page("max.html"),
                  Map.of("callback", "image", "url", BASE + "max.png"),
                  Map.of(
                      "callback",
                      "page",
                      "url",
                      BASE + "allowed.html",
                      "meta",
                      Map.of("download_maxsize", 1_000_000)),
                  page("escaped.html")));
      h.send(
          response(
              sent.get(0).get("id").asText(),
              BASE + "warn.html",
              "<title>w</title>" + "y".repeat(5000)));
      h.send(
          response(
              sent.get(1).get("id").asText(),
              BASE + "max.html",
              "<title>m</title>" + "z".repeat(200_000)));
      h.send(
          response(
              sent.get(2).get("id").asText(),
              BASE + "max.png",
              Base64.getEncoder().encodeToString(new byte[200_000])));
      ObjectNode allowed =
          response(
              sent.get(3).get("id").asText(),
              BASE + "allowed.html",
              "<title>a</title>" + "a".repeat(200_000));
      ((ObjectNode) allowed.get("meta"))
          .put("download_maxsize", 1_000_000); // the host echoes the request's meta
      h.send(allowed);
      // 996 bytes once decoded, under the warn size, though its escapes (\n) take 1,976 in the line
      h.send(
          response(
              sent.get(4).get("id").asText(),
              BASE + "escaped.html",
              "<title>e</title>" + "\n".repeat(980)));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      Map<String, JsonNode> got = byUrl(items(items));
      assertEquals(5016, got.get(BASE + "warn.html").get("length").asInt());
      JsonNode failed = got.get(BASE + "max.html");
      assertEquals("failure", failed.get("kind").asText(), got.toString());
      assertEquals(sent.get(1).get("id").asText(), failed.get("id").asText());
      assertTrue(
          failed
              .get("exception")
              .asText()
              .contains("Received (200016) bytes larger than download max size (100000)"),
          failed.toString());
      assertEquals(
          200_016,
          got.get(BASE + "allowed.html").get("length").asInt(),
          "download_maxsize in meta overrides the setting");
      assertFalse(got.containsKey(BASE + "max.png"));
      assertEquals(996, got.get(BASE + "escaped.html").get("length").asInt());
      String log = logText(h);
      assertFalse(log.contains("escaped.html>"), log);
      assertTrue(
          log.contains(
              "WARNING Received (5016) bytes larger than download warn size (1000) in request <GET "
                  + BASE
                  + "warn.html>"),
          log);
      assertTrue(
          log.contains(
              "ERROR request "
                  + sent.get(2).get("id").asText()
                  + " <"
                  + BASE
                  + "max.png> failed: Received (200000) bytes larger than download max size"
                  + " (100000)"),
          log);
      assertTrue(log.contains("response/maxsize_exceeded=2"), log);
      assertTrue(log.contains("request_failed_count=2"), log);
    }
  }

  @Test
  void invalidBase64FailsThatRequestAndTheCrawlGoesOn() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      List<JsonNode> sent =
          start(
              h, List.of(Map.of("callback", "image", "url", BASE + "bad.png"), page("after.html")));
      h.send(response(sent.get(0).get("id").asText(), BASE + "bad.png", "not*base64!"));
      h.send(
          response(
              sent.get(1).get("id").asText(),
              BASE + "after.html",
              script(Map.of("items", List.of(Map.of("name", "after"))))));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      String log = logText(h);
      assertTrue(
          log.contains(
              "ERROR cannot read the host's response to request "
                  + sent.get(0).get("id").asText()
                  + " <"
                  + BASE
                  + "bad.png> (body is not valid base64"),
          log);
      assertFalse(log.contains("SIGTERM"), log);
      assertEquals(
          List.of("start", "after"),
          items(items).stream().map(i -> i.get("name").asText()).toList());
    }
  }

  @Test
  void aResponseTooBigForTheHeapFailsOnlyItsRequest() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()), "-Xmx64m")) {
      List<JsonNode> sent =
          start(h, List.of(page("huge.html"), page("big.html"), page("after.html")));
      String[] huge = around(sent.get(0));
      h.sendPadded(huge[0], (byte) 'h', 200_000_000, huge[1]); // cannot even be read into 64 MB
      String[] big = around(sent.get(1));
      h.sendPadded(big[0], (byte) 'b', 36_000_000, big[1]); // read, but its text does not fit
      h.send(
          response(
              sent.get(2).get("id").asText(),
              BASE + "after.html",
              script(Map.of("items", List.of(Map.of("name", "after"))))));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      List<JsonNode> got = items(items);
      assertEquals("start", got.get(0).get("name").asText(), got.toString());
      Map<String, JsonNode> failed = byUrl(got);
      for (int i = 0; i < 2; i++) {
        JsonNode f = failed.get(sent.get(i).get("url").asText());
        assertEquals("failure", f.get("kind").asText(), got.toString());
        assertEquals(sent.get(i).get("id").asText(), f.get("id").asText());
        assertTrue(f.get("exception").asText().contains("memory"), f.toString());
      }
      assertEquals("after", got.get(got.size() - 1).get("name").asText(), got.toString());
      assertTrue(logText(h).contains("response/out_of_memory=2"), logText(h));
      assertEquals(0, h.stderrBytes(), h.stderr());
    }
  }

  @Test
  void unreadableResponsesFailTheirRequestAtOnce() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    List<Map<String, Object>> requests = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      requests.add(page("bad" + i + ".html"));
    }
    // the default IDLE_TIMEOUT (900 s): a request left pending would stall this test past its poll
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      List<JsonNode> sent = start(h, requests);
      List<String> ids = new ArrayList<>();
      for (JsonNode r : sent) {
        ids.add(r.get("id").asText());
      }
      ObjectNode listHeaders = response(ids.get(0), BASE + "bad0.html", "x");
      listHeaders.putArray("headers").addArray().add("Content-Type").add("text/html");
      h.send(listHeaders);
      ObjectNode numberBody = response(ids.get(1), BASE + "bad1.html", "x");
      numberBody.put("body", 5);
      h.send(numberBody);
      String[] a = around(sent.get(2));
      ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
      utf8.write(a[0].getBytes(StandardCharsets.UTF_8));
      utf8.write(new byte[] {'c', 'a', 'f', (byte) 0xff, (byte) 0xfe});
      utf8.write(a[1].getBytes(StandardCharsets.UTF_8));
      h.sendBytes(utf8.toByteArray());
      String[] b = around(sent.get(3));
      h.send(b[0] + "bad \\q escape" + b[1]);
      String[] c = around(sent.get(4));
      String deep = "[".repeat(5000) + "]".repeat(5000);
      h.send(c[0].replace("\"request_id\"", "\"deep\": " + deep + ", \"request_id\"") + "x" + c[1]);
      String[] d = around(sent.get(5));
      h.send(d[0] + "<html>cut in the middle of the bo"); // the id comes after the body: only
      // meta.request_id names it
      ObjectNode wordStatus = response(ids.get(6), BASE + "bad6.html", "x");
      wordStatus.put("status", "OK");
      h.send(wordStatus);
      ObjectNode bigNumber = response(ids.get(7), BASE + "bad7.html", "x");
      bigNumber.put("status", 1e40);
      h.send(bigNumber);
      ObjectNode stringStatus = response(ids.get(8), BASE + "bad8.html", "<title>ok</title>");
      stringStatus.put("status", "200");
      h.send(stringStatus);
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      Map<String, JsonNode> got = byUrl(items(items));
      List<String> why =
          List.of(
              "field headers must be an object",
              "field body must be a string",
              "Invalid UTF-8",
              "Unrecognized character escape",
              "nesting depth",
              "end-of-input",
              "field status must be an HTTP status code, got \"OK\"",
              "field status must be an HTTP status code, got 1.0E40");
      for (int i = 0; i < why.size(); i++) {
        JsonNode f = got.get(BASE + "bad" + i + ".html");
        assertTrue(f != null && "failure".equals(f.get("kind").asText()), i + ": " + got);
        assertEquals(ids.get(i), f.get("id").asText());
        assertTrue(f.get("exception").asText().contains(why.get(i)), f.toString());
      }
      JsonNode ok = got.get(BASE + "bad8.html");
      assertEquals("html", ok.get("kind").asText(), got.toString());
      assertEquals(200, ok.get("status").asInt());
      String log = logText(h);
      assertTrue(
          log.contains(
              "WARNING the status of the response to "
                  + ids.get(8)
                  + " <"
                  + BASE
                  + "bad8.html> is the string \"200\"; taken as 200"),
          log);
      assertTrue(
          log.contains(
              "ERROR cannot read the host's response to request "
                  + ids.get(5)
                  + " <"
                  + BASE
                  + "bad5.html> (invalid JSON: Unexpected end-of-input"),
          log);
      assertTrue(log.contains("protocol/unreadable_lines=8"), log);
      assertEquals(0, h.stderrBytes(), h.stderr());
    }
  }

  @Test
  void aLineThatNamesNoRequestIsAnErrorNamingTheLineAndTheCrawlGoesOn() throws Exception {
    Path items = tmp.resolve("items.jsonl");
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-o", items.toString()))) {
      List<JsonNode> sent = start(h, List.of(page("p.html")));
      h.send("hello, not JSON " + "z".repeat(500));
      h.send("{\"type\": \"response\", \"url\": \"" + BASE + "p.html\", \"body\": [1]}");
      h.send(
          response(
              sent.get(0).get("id").asText(),
              BASE + "p.html",
              script(Map.of("items", List.of(Map.of("name", "p"))))));
      assertType(h.nextNonLog(), "close");
      assertEquals(0, h.exit());
      String log = logText(h);
      assertTrue(
          log.contains(
              "ERROR cannot read a line from the host (invalid JSON: Unrecognized token 'hello'"),
          log);
      assertTrue(log.contains("hello, not JSON zzz"), "the line, shortened: " + log);
      assertFalse(log.contains("z".repeat(400)), "the line is shortened: " + log);
      assertTrue(
          log.contains("ERROR cannot read a line from the host (field body must be a string)"),
          log);
      assertTrue(log.contains("it names no request"), log);
      assertEquals(
          List.of("start", "p"), items(items).stream().map(i -> i.get("name").asText()).toList());
    }
  }

  @Test
  void anInternalErrorIsAFailedCrawlNotASignal() throws Exception {
    // the host's end of the spider's stdout goes away mid-crawl: the next request cannot be
    // written, which stops the crawl from inside the runtime
    Path fifo = tmp.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path wire = tmp.resolve("wire.txt");
    Process reader =
        new ProcessBuilder("cat", fifo.toString()).redirectOutput(wire.toFile()).start();
    Path gone = tmp.resolve("stdout-reader-gone");
    Path code = tmp.resolve("code");
    StringBuilder spiderCommand = new StringBuilder();
    for (String a : RuntimeJar.command(List.of("shop", "--fifo", fifo.toString()))) {
      spiderCommand.append('\'').append(a.replace("'", "'\\''")).append("' ");
    }
    // the spider's stdout is a real pipe to head, which reads one byte and exits
    Path err = tmp.resolve("stderr.txt");
    Process sh =
        new ProcessBuilder(
                "sh",
                "-c",
                "{ "
                    + spiderCommand
                    + "; echo $? > '"
                    + code
                    + "'; } | { head -c 1 >/dev/null; touch '"
                    + gone
                    + "'; }")
            .redirectError(err.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    var stdin = sh.getOutputStream();
    stdin.write("{\"type\": \"ready\", \"status\": \"ready\"}\n".getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    for (int i = 0; i < 300 && !Files.exists(gone); i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(gone), () -> "the stdout reader went away; stderr: " + read(err));
    stdin.write(
        (JSON.writeValueAsString(
                    response(
                        "parse",
                        BASE + "index.html",
                        script(
                            Map.of(
                                "items",
                                List.of(Map.of("name", "start")),
                                "requests",
                                List.of(page("p.html"))))))
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    assertTrue(sh.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the spider exits");
    assertTrue(reader.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals("1", Files.readString(code).strip(), "a failure never exits 0");
    String got = Files.readString(wire);
    assertTrue(got.contains("ITM {\"name\":\"start\"}"), "the item made before the fault: " + got);
    assertTrue(got.contains("the crawl stopped on an internal error"), got);
    assertTrue(got.endsWith("FIN {\"outcome\":\"failed\"}\n"), got);
    assertFalse(got.contains("SIGTERM"), "no signal came: " + got);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Test
  void aSizeSettingThatIsNotANumberOfBytesIsAUsageError() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop", "-s", "DOWNLOAD_MAXSIZE=1g"))) {
      assertEquals(2, h.exit());
      assertTrue(
          h.stderr()
              .contains("-s DOWNLOAD_MAXSIZE=1g: expected a number of bytes (0 for no limit)"),
          h.stderr());
    }
  }

  @Test
  void stdinAtEndBeforeReadyIsAnErrorAndExitsNonZero() throws Exception {
    try (ScriptedHost h = RuntimeJar.start(List.of("shop"))) {
      h.closeStdin();
      List<JsonNode> out = h.rest();
      assertEquals(1, h.exit());
      String log = logText(h);
      assertTrue(
          log.contains("ERROR stdin ended before the host sent ready"),
          "said on stdout, as a log message: " + out);
      assertEquals(0, h.stderrBytes(), "stderr stays silent: " + h.stderr());
    }
  }
}
