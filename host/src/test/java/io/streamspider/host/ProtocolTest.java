package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamspider.host.testing.HostRun;
import io.streamspider.host.testing.TestSite;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message type and error path, with a real Python spider process and a real HTTP server. */
class ProtocolTest {
  private static TestSite site;

  @BeforeAll
  static void startSite() throws Exception {
    site = new TestSite();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static HostRun.Result run(String script) throws Exception {
    return HostRun.python(site, script, b -> {});
  }

  private static final String SPIDER =
      "send {\"type\": \"spider\", \"name\": \"t\", \"start_urls\": []}\n";

  @Test
  void readyIsTheFirstLineAndCloseEndsTheCrawlWithExitZero() throws Exception {
    HostRun.Result r = run("recv 1\n" + SPIDER + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertEquals(List.of("{\"type\": \"ready\", \"status\": \"ready\"}"), r.received());
    assertTrue(r.log().contains("[scrapy.core.engine] INFO: Spider closed (finished)"), r.log());
  }

  @Test
  void startUrlsAreAnsweredWithIdParse() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"t\", \"start_urls\":"
                + " [\"${BASE}/index.html\", \"${BASE}/p1.html\"]}\n"
                + "recv 2\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertEquals(3, r.received().size(), r.log());
    for (JsonNode m : r.messages().subList(1, 3)) {
      assertEquals("response", m.get("type").asText());
      assertEquals("parse", m.get("id").asText());
      assertEquals("parse", m.get("meta").get("request_id").asText());
      assertEquals(200, m.get("status").asInt());
      assertTrue(m.get("flags").isArray() && m.get("flags").isEmpty());
    }
    JsonNode index =
        r.messages().subList(1, 3).stream()
            .filter(m -> m.get("url").asText().endsWith("/index.html"))
            .findFirst()
            .orElseThrow();
    assertEquals(TestSite.INDEX, index.get("body").asText());
    assertEquals("[\"text/html\"]", index.get("headers").get("Content-Type").toString());
    assertEquals(180.0, index.get("meta").get("download_timeout").asDouble());
    assertEquals("127.0.0.1", index.get("meta").get("download_slot").asText());
    assertTrue(index.get("meta").get("download_latency").isDouble());
    // ASCII-only line with Python's escapes and separators, as json.dumps writes it
    String line =
        r.received().stream()
            .filter(l -> l.contains("index.html\", \"headers\""))
            .findFirst()
            .orElseThrow();
    assertTrue(line.contains("Home \\u00e9"), line);
    assertTrue(
        line.startsWith("{\"url\": \"" + site.base() + "/index.html\", \"headers\": {"), line);
  }

  @Test
  void requestIsAnsweredWithTheSpidersMetaAndRequestId() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send {\"type\": \"request\", \"id\": \"r1\", \"url\": \"${BASE}/p1.html\","
                + " \"meta\": {\"depth\": 3, \"tag\": [1, \"x\"]}}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    JsonNode m = r.message(1);
    assertEquals("response", m.get("type").asText());
    assertEquals("r1", m.get("id").asText());
    assertEquals(site.base() + "/p1.html", m.get("url").asText());
    assertEquals(TestSite.P1, m.get("body").asText());
    assertEquals(3, m.get("meta").get("depth").asInt());
    assertEquals("[1,\"x\"]", m.get("meta").get("tag").toString());
    assertEquals("r1", m.get("meta").get("request_id").asText());
  }

  @Test
  void requestFieldsReachTheServer() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send {\"type\": \"request\", \"id\": \"e\", \"url\":"
                + " \"${BASE}/echo?q=caf\\u00e9\", \"method\": \"post\", \"body\": \"a=\\u00e9\","
                + " \"encoding\": \"latin-1\", \"headers\": {\"X-One\": \"1\", \"X-Two\": [\"a\","
                + " \"b\"]}, \"cookies\": {\"session\": \"s1\"}, \"priority\": 5, \"dont_filter\":"
                + " true}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    JsonNode m = r.message(1);
    String body = m.get("body").asText();
    // the query and the body are encoded with the request's encoding (latin-1: é is %E9 / 0xE9)
    assertTrue(body.startsWith("POST /echo?q=caf%E9\n"), body);
    assertTrue(body.contains("Cookie: session=s1\n"), body);
    assertTrue(body.contains("X-one: 1\n") || body.contains("X-One: 1\n"), body);
    assertTrue(body.contains("a,b"), body);
    assertTrue(body.endsWith("a=\u00e9"), body);
    // response headers: Scrapy's title case, every value kept
    assertEquals("[\"a=1\",\"b=2\"]", m.get("headers").get("Set-Cookie").toString());
    assertEquals("[\"yes\"]", m.get("headers").get("X-Custom-Header").toString());
  }

  @Test
  void bodiesAreDecodedWithTheResponseCharset() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send {\"type\": \"request\", \"id\": \"latin\", \"url\":"
                + " \"${BASE}/latin1.html\"}\n"
                + "recv 1\n"
                + "send {\"type\": \"request\", \"id\": \"cyr\", \"url\":"
                + " \"${BASE}/cyrillic.html\"}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    // charset=iso-8859-1 is read as cp1252, as browsers and Scrapy do
    assertEquals("<p>caf\u00e9 \u20ac</p>", r.message(1).get("body").asText());
    assertTrue(r.message(2).get("body").asText().contains("\u041f\u0440\u0438\u0432\u0435\u0442"));
  }

  @Test
  void logMessagesAppearAtTheirLevelCaseInsensitively() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + "send {\"type\": \"log\", \"message\": \"before the spider\", \"level\":"
                + " \"info\"}\n"
                + SPIDER
                + "send {\"type\": \"log\", \"message\": \"careful\", \"level\": \"Warning\"}\n"
                + "send {\"type\": \"log\", \"message\": \"bad\", \"level\": \"CRITICAL\"}\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertTrue(r.log().contains("[spider] INFO: before the spider"), r.log());
    assertTrue(r.log().contains("[t] WARNING: careful"), r.log());
    assertTrue(r.log().contains("[t] CRITICAL: bad"), r.log());
  }

  @Test
  void logLevelSettingFiltersTheHostLog() throws Exception {
    HostRun.Result r =
        HostRun.python(
            site,
            "recv 1\n"
                + SPIDER
                + "send {\"type\": \"log\", \"message\": \"quiet\", \"level\": \"DEBUG\"}\n"
                + "send {\"type\": \"log\", \"message\": \"loud\", \"level\": \"ERROR\"}\n"
                + "send {\"type\": \"close\"}\n",
            b -> b.setting("LOG_LEVEL", "WARNING"));
    assertEquals(0, r.exit(), r.log());
    assertFalse(r.log().contains("quiet"), r.log());
    assertTrue(r.log().contains("[t] ERROR: loud"), r.log());
  }

  private static void assertError(HostRun.Result r, String sent, String details) {
    assertEquals(1, r.exit(), r.log());
    JsonNode last = r.messages().get(r.messages().size() - 1);
    assertEquals("error", last.get("type").asText(), r.received().toString());
    assertEquals(sent, last.get("received_message").asText());
    assertEquals(details, last.get("details").asText());
    assertTrue(r.log().contains("[host] ERROR: " + details), r.log());
    assertTrue(r.log().contains("Spider closed (protocol_error)"), r.log());
  }

  private static HostRun.Result sendAfterSpider(String line) throws Exception {
    // the spider would go on sending: the host must stop it after the error
    return run("recv 1\n" + SPIDER + "send " + line + "\nrecv 1\nsleep 30\n");
  }

  @Test
  void unknownTypeIsAnError() throws Exception {
    String line = "{\"type\": \"item\", \"name\": \"x\"}";
    HostRun.Result r = sendAfterSpider(line);
    assertError(r, line, "item is not a valid message type.");
    assertTrue(r.millis() < 20_000, "the spider was stopped, not waited for: " + r.millis());
  }

  @Test
  void unknownFieldIsAnError() throws Exception {
    String line =
        "{\"type\": \"request\", \"id\": \"bad\", \"url\": \"http://127.0.0.1:1/\", \"bogus\": 1}";
    assertError(sendAfterSpider(line), line, "Unknown message field: bogus");
  }

  @Test
  void wrongTypeIsAnError() throws Exception {
    String line = "{\"type\": \"request\", \"id\": \"w\", \"url\": 42}";
    assertError(sendAfterSpider(line), line, "url field must be defined as str, received: int");
    String prio =
        "{\"type\": \"request\", \"id\": \"w\", \"url\": \"http://x/\", \"priority\": 1.5}";
    assertError(
        sendAfterSpider(prio), prio, "priority field must be defined as int, received: float");
  }

  @Test
  void missingFieldIsAnError() throws Exception {
    String line = "{\"type\": \"request\", \"id\": \"m\"}";
    assertError(sendAfterSpider(line), line, "Required field: url");
    String form = "{\"type\": \"from_response_request\", \"id\": \"f\", \"url\": \"http://x/\"}";
    assertError(sendAfterSpider(form), form, "Required field: from_response_request");
    String sel =
        "{\"type\": \"selector_request\", \"id\": \"s\", \"url\": \"http://x/\", \"selector\":"
            + " {\"a\": {\"type\": \"css\"}}}";
    assertError(sendAfterSpider(sel), sel, "Required field: selector.a.filter");
  }

  @Test
  void invalidJsonAndNonObjectsAreErrors() throws Exception {
    HostRun.Result r = sendAfterSpider("{\"type\": \"close\"");
    assertEquals("error", r.message(1).get("type").asText());
    assertTrue(
        r.message(1).get("details").asText().startsWith("Received message is not a valid json."));
    assertError(sendAfterSpider("[1, 2]"), "[1, 2]", "This message is not a json object.");
    assertError(
        sendAfterSpider("{\"name\": \"x\"}"), "{\"name\": \"x\"}", "\"type\" field not provided.");
  }

  @Test
  void selectorRequestRejectsBase64() throws Exception {
    String line =
        "{\"type\": \"selector_request\", \"id\": \"s\", \"url\": \"http://x/\", \"base64\": false,"
            + " \"selector\": {\"t\": {\"type\": \"css\", \"filter\": \"h1\"}}}";
    assertError(sendAfterSpider(line), line, "Unknown message field: base64");
  }

  @Test
  void messagesBeforeSpiderOtherThanLogAreErrors() throws Exception {
    String line = "{\"type\": \"request\", \"id\": \"early\", \"url\": \"http://127.0.0.1:1/\"}";
    HostRun.Result r = run("recv 1\nsend " + line + "\nrecv 1\nsleep 30\n");
    assertError(r, line, "You must start your spider before sending this message");
    HostRun.Result close = run("recv 1\nsend {\"type\": \"close\"}\nrecv 1\nsleep 30\n");
    assertError(
        close, "{\"type\": \"close\"}", "You must start your spider before sending this message");
  }

  @Test
  void secondSpiderMessageIsAnError() throws Exception {
    String again = "{\"type\": \"spider\", \"name\": \"t2\", \"start_urls\": []}";
    assertError(sendAfterSpider(again), again, "Spider already initialized");
  }

  @Test
  void invalidLogLevelIsAnError() throws Exception {
    String line = "{\"type\": \"log\", \"message\": \"x\", \"level\": \"LOUD\"}";
    HostRun.Result r = run("recv 1\nsend " + line + "\nrecv 1\nsleep 30\n");
    assertError(r, line, "Invalid log level: LOUD");
  }

  @Test
  void badSettingValueIsAnErrorBeforeTheCrawl() throws Exception {
    String line =
        "{\"type\": \"spider\", \"name\": \"t\", \"start_urls\": [\"${BASE}/p1.html\"],"
            + " \"custom_settings\": {\"HTTPERROR_ALLOWED_CODES\": \"404,abc\"}}";
    HostRun.Result r = run("recv 1\nsend " + line + "\nrecv 1\nsleep 30\n");
    assertEquals(1, r.exit(), r.log());
    assertEquals(2, r.received().size(), r.received().toString());
    assertEquals("error", r.message(1).get("type").asText());
    assertTrue(
        r.message(1)
            .get("details")
            .asText()
            .startsWith("Invalid value for setting HTTPERROR_ALLOWED_CODES"));
  }

  @Test
  void nonSuccessStatusesAreExceptionsUnlessTheSpiderHandlesThem() throws Exception {
    String plain = "{\"type\": \"request\", \"id\": \"nf\", \"url\": \"${BASE}/missing.html\"}";
    String all =
        "{\"type\": \"request\", \"id\": \"all\", \"url\": \"${BASE}/missing.html\","
            + " \"dont_filter\": true, \"meta\": {\"handle_httpstatus_all\": true}}";
    String list =
        "{\"type\": \"request\", \"id\": \"list\", \"url\": \"${BASE}/missing.html\","
            + " \"dont_filter\": true, \"meta\": {\"handle_httpstatus_list\": [404]}}";
    String other =
        "{\"type\": \"request\", \"id\": \"other\", \"url\": \"${BASE}/server-error\", \"meta\":"
            + " {\"handle_httpstatus_list\": [404]}}";
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send "
                + plain
                + "\nrecv 1\nsend "
                + all
                + "\nrecv 1\nsend "
                + list
                + "\nrecv 1\nsend "
                + other
                + "\nrecv 1\nsend {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    List<JsonNode> m = r.messages();
    assertEquals("exception", m.get(1).get("type").asText());
    assertEquals(plain.replace("${BASE}", site.base()), m.get(1).get("received_message").asText());
    assertEquals("Ignoring non-200 response", m.get(1).get("exception").asText());
    assertEquals("response", m.get(2).get("type").asText());
    assertEquals(404, m.get(2).get("status").asInt());
    assertEquals(TestSite.NOT_FOUND, m.get(2).get("body").asText());
    assertEquals("response", m.get(3).get("type").asText());
    assertEquals("list", m.get(3).get("id").asText());
    assertEquals("exception", m.get(4).get("type").asText());
    assertEquals("Ignoring non-200 response", m.get(4).get("exception").asText());
    assertTrue(
        r.log().contains("Ignoring response <404 " + site.base() + "/missing.html>"), r.log());
  }

  @Test
  void httpErrorSettingsAllowStatuses() throws Exception {
    HostRun.Result r =
        HostRun.python(
            site,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"t\", \"start_urls\": [],"
                + " \"custom_settings\": {\"HTTPERROR_ALLOWED_CODES\": [500]}}\n"
                + "send {\"type\": \"request\", \"id\": \"a\", \"url\": \"${BASE}/server-error\"}\n"
                + "recv 1\n"
                + "send {\"type\": \"request\", \"id\": \"b\", \"url\": \"${BASE}/missing.html\"}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n",
            b -> {});
    assertEquals(500, r.message(1).get("status").asInt(), r.received().toString());
    assertEquals("exception", r.message(2).get("type").asText());
  }

  @Test
  void failedStartUrlsNameTheSpiderMessage() throws Exception {
    String spider =
        "{\"type\": \"spider\", \"name\": \"t\", \"start_urls\": [\"${BASE}/missing-start.html\"]}";
    HostRun.Result r = run("recv 1\nsend " + spider + "\nrecv 1\nsend {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertEquals("exception", r.message(1).get("type").asText());
    assertEquals(
        spider.replace("${BASE}", site.base()), r.message(1).get("received_message").asText());
    assertEquals("Ignoring non-200 response", r.message(1).get("exception").asText());
  }

  @Test
  void binaryBodiesNeedBase64() throws Exception {
    String text =
        "{\"type\": \"request\", \"id\": \"img\", \"url\": \"${BASE}/img.png\", \"base64\": false}";
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send "
                + text
                + "\n"
                + "recv 1\n"
                + "send {\"type\": \"request\", \"id\": \"img64\", \"url\": \"${BASE}/img.png\","
                + " \"base64\": true, \"dont_filter\": true}\n"
                + "recv 1\n"
                + "send {\"type\": \"request\", \"id\": \"bin\", \"url\": \"${BASE}/binary\","
                + " \"base64\": false}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertEquals("exception", r.message(1).get("type").asText());
    // the real host's own wording (Scrapy's "Response content isn't text" is for selectors and
    // forms)
    assertEquals(
        "Response body is not serializable. If it's returning binary data, set the \"base64\" to"
            + " True to encode the data.",
        r.message(1).get("exception").asText());
    assertEquals(
        text.replace("${BASE}", site.base()), r.message(1).get("received_message").asText());
    assertEquals("img64", r.message(2).get("id").asText());
    assertEquals(
        List.of(Base64.getEncoder().encodeToString(TestSite.IMAGE)),
        List.of(r.message(2).get("body").asText()));
    assertEquals("exception", r.message(3).get("type").asText());
    assertEquals(r.message(1).get("exception"), r.message(3).get("exception"));
  }

  @Test
  void base64IsStickyAsInTheRealHost() throws Exception {
    String script =
        "recv 1\n"
            + SPIDER
            + "send {\"type\": \"request\", \"id\": \"img\", \"url\": \"${BASE}/img.png\","
            + " \"base64\": true}\n"
            + "recv 1\n"
            + "send {\"type\": \"request\", \"id\": \"p1\", \"url\": \"${BASE}/p1.html\"}\n"
            + "recv 1\n"
            + "send {\"type\": \"request\", \"id\": \"p1-text\", \"url\": \"${BASE}/p1.html\","
            + " \"base64\": false, \"dont_filter\": true}\n"
            + "recv 1\n"
            + "send {\"type\": \"request\", \"id\": \"p2\", \"url\": \"${BASE}/p2.html\"}\n"
            + "recv 1\n"
            + "send {\"type\": \"close\"}\n";
    HostRun.Result sticky = run(script);
    assertEquals(0, sticky.exit(), sticky.log());
    String p1Base64 =
        Base64.getEncoder()
            .encodeToString(TestSite.P1.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(p1Base64, sticky.message(2).get("body").asText());
    assertEquals(TestSite.P1, sticky.message(3).get("body").asText());
    assertEquals(TestSite.P2, sticky.message(4).get("body").asText());

    HostRun.Result plain = HostRun.python(site, script, b -> b.stickyBase64(false));
    assertEquals(TestSite.P1, plain.message(2).get("body").asText());
  }

  @Test
  void networkAndUrlFailuresAreExceptionsWithScrapysText() throws Exception {
    String dns =
        "{\"type\": \"request\", \"id\": \"dns\", \"url\": \"http://nonexistent.invalid/\"}";
    String scheme = "{\"type\": \"request\", \"id\": \"noscheme\", \"url\": \"not a url\"}";
    String enc =
        "{\"type\": \"request\", \"id\": \"enc\", \"url\": \"${BASE}/p1.html\", \"encoding\":"
            + " \"klingon\"}";
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send "
                + dns
                + "\nrecv 1\nsend "
                + scheme
                + "\nrecv 1\nsend "
                + enc
                + "\nrecv 1\nsend {\"type\": \"close\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertEquals(dns, r.message(1).get("received_message").asText());
    assertEquals(
        "DNS lookup failed: no results for hostname lookup: nonexistent.invalid.",
        r.message(1).get("exception").asText());
    assertEquals(scheme, r.message(2).get("received_message").asText());
    assertEquals(
        "Missing scheme in request url: not%20a%20url", r.message(2).get("exception").asText());
    assertEquals("unknown encoding: klingon", r.message(3).get("exception").asText());
  }

  @Test
  void stderrKillsTheSpiderByDefault() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "stderr Exception in thread main: oops\nsleep 30\n"
                + "send {\"type\": \"close\"}\n");
    assertEquals(1, r.exit(), r.log());
    assertTrue(
        r.log()
            .contains(
                "[host] ERROR: Received error from external spider: Exception in thread main:"
                    + " oops"),
        r.log());
    assertTrue(r.log().contains("--allow-stderr"), r.log());
    assertTrue(r.log().contains("Spider closed (spider_stderr)"), r.log());
    assertTrue(r.millis() < 20_000, "killed, not waited for: " + r.millis());
  }

  @Test
  void allowStderrOnlyLogsIt() throws Exception {
    HostRun.Result r =
        HostRun.python(
            site,
            "recv 1\n"
                + SPIDER
                + "stderr a warning\n"
                + "stderr second line\n"
                + "send {\"type\": \"request\", \"id\": \"p\", \"url\": \"${BASE}/p1.html\"}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n",
            b -> b.allowStderr(true));
    assertEquals(0, r.exit(), r.log());
    assertTrue(
        r.log().contains("[t stderr] WARNING: a warning")
            || r.log().contains("[spider stderr] WARNING: a warning"),
        r.log());
    assertEquals("response", r.message(1).get("type").asText());
  }

  @Test
  void spiderExitingWithoutCloseEndsTheCrawl() throws Exception {
    HostRun.Result r = run("recv 1\n" + SPIDER + "exit 3\n");
    assertEquals(1, r.exit(), r.log());
    assertTrue(r.log().contains("closed its stdout without sending close"), r.log());
    assertTrue(r.log().contains("Spider closed (spider_exited)"), r.log());
    assertTrue(r.log().contains("spider exit code 3"), r.log());
  }

  @Test
  void endOfSpiderOutputEndsTheCrawlAndStopsTheSpider() throws Exception {
    // the spider closes its stdout but lives on: the host ends the crawl and kills it
    HostRun.Result r = run("recv 1\n" + SPIDER + "closeout\nsleep 30\n");
    assertEquals(1, r.exit(), r.log());
    assertTrue(r.log().contains("Spider closed (spider_exited)"), r.log());
    assertTrue(r.millis() < 20_000, "killed after the grace period: " + r.millis());
  }

  @Test
  void crlfAndCrLineEndsAreAccepted() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\nsendraw {\"type\": \"spider\", \"name\": \"t\", \"start_urls\": []}\\r\\n"
                + "{\"type\": \"log\", \"message\": \"cr\", \"level\": \"INFO\"}\\r\n"
                + "sendraw {\"type\": \"close\"}\\r\\n\n");
    assertEquals(0, r.exit(), r.log());
    assertTrue(r.log().contains("[t] INFO: cr"), r.log());
  }

  @Test
  void emptyLineIsAnErrorAsInTheRealHost() throws Exception {
    HostRun.Result r = run("recv 1\n" + SPIDER + "sendraw \\n\nrecv 1\nsleep 30\n");
    assertEquals(1, r.exit(), r.log());
    assertEquals("", r.message(1).get("received_message").asText());
    assertTrue(
        r.message(1).get("details").asText().startsWith("Received message is not a valid json."));
  }

  @Test
  void theSpiderGetsOnlyLcCtype() throws Exception {
    HostRun.Result r =
        HostRun.java(site, "recv 1\nenv\n" + SPIDER + "send {\"type\": \"close\"}\n", b -> {});
    assertEquals(0, r.exit(), r.log());
    assertTrue(r.log().contains("[spider] INFO: {\"LC_CTYPE\": \"C.UTF-8\"}"), r.log());
    HostRun.Result extra =
        HostRun.java(
            site,
            "recv 1\nenv\n" + SPIDER + "send {\"type\": \"close\"}\n",
            b -> b.environment("SHUB_FIFO_PATH", "/tmp/x"));
    assertTrue(
        extra.log().contains("{\"LC_CTYPE\": \"C.UTF-8\", \"SHUB_FIFO_PATH\": \"/tmp/x\"}"),
        extra.log());
  }

  @Test
  void aJavaSpiderSpeaksTheSameProtocol() throws Exception {
    HostRun.Result r =
        HostRun.java(
            site,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"java\", \"start_urls\":"
                + " [\"${BASE}/p2.html\"]}\n"
                + "recv 1\n"
                + "send {\"type\": \"request\", \"id\": \"x\", \"url\": \"${BASE}/img.png\","
                + " \"base64\": true}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n",
            b -> {});
    assertEquals(0, r.exit(), r.log());
    assertEquals(TestSite.P2, r.message(1).get("body").asText());
    assertEquals("x", r.message(2).get("id").asText());
  }

  @Test
  void afterCloseNothingMoreIsSentOrRead() throws Exception {
    HostRun.Result r =
        run(
            "recv 1\n"
                + SPIDER
                + "send {\"type\": \"request\", \"id\": \"slow\", \"url\":"
                + " \"${BASE}/slow?ms=1500\"}\n"
                + "send {\"type\": \"close\"}\n"
                + "send {\"type\": \"bogus\"}\n");
    assertEquals(0, r.exit(), r.log());
    assertEquals(1, r.received().size(), r.received().toString());
    assertFalse(r.log().contains("bogus is not a valid"), r.log());
  }
}
