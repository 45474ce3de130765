package io.streamspider.host.internal.engine;

import static io.streamspider.host.internal.engine.EngineHarness.get;
import static io.streamspider.host.internal.engine.EngineHarness.request;
import static io.streamspider.host.internal.engine.FaultServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.internal.engine.Downloader.Admission;
import io.streamspider.host.internal.engine.EngineHarness.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scheduling, filters, cookies, redirects, robots.txt, stats and shutdown, against a real loopback
 * server.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineBehaviourTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private FaultServer server;
  private final List<EngineHarness> harnesses = new ArrayList<>();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final List<String> order = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new FaultServer();
    server.on("/ok", FaultServer.html("<html><body>ok</body></html>"));
    server.on(
        "/echo",
        (r, out, s) -> {
          Map<String, Object> echo = new LinkedHashMap<>();
          echo.put("method", r.method());
          echo.put("target", r.target());
          List<List<String>> headers = new ArrayList<>();
          r.headers().forEach(h -> headers.add(List.of(h[0], h[1])));
          echo.put("headers", headers);
          echo.put("body", new String(r.body(), StandardCharsets.ISO_8859_1));
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"Content-Type", "application/json"}),
              JSON.writeValueAsBytes(echo));
          return true;
        });
    server.on(
        "/slow",
        (r, out, s) -> {
          arrivals.add(System.nanoTime());
          order.add(r.target());
          Thread.sleep(150);
          respond(out, 200, "OK", List.of(), "slow".getBytes(StandardCharsets.US_ASCII));
          return true;
        });
    server.on(
        "/setcookie",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.of(
                  new String[] {"Set-Cookie", "session=abc; Path=/"},
                  new String[] {"Set-Cookie", "theme=dark"}),
              "ok".getBytes(StandardCharsets.US_ASCII));
          return true;
        });
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

  private static JsonNode echo(Outcome o) throws IOException {
    return JSON.readTree(o.result().body());
  }

  private static String header(JsonNode echo, String name) {
    for (JsonNode h : echo.path("headers")) {
      if (h.get(0).asText().equalsIgnoreCase(name)) {
        return h.get(1).asText();
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ scheduling

  @Test
  void higherPriorityGoesFirstAndEqualPrioritiesLastInFirstOut() throws Exception {
    EngineHarness h = engine("CONCURRENT_REQUESTS=1");
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    all.add(h.submit(request("GET", server.url("/slow?blocker"), Map.of(), 0, false)));
    Thread.sleep(50);
    int[] priorities = {0, 5, -1, 5, 10, 0};
    for (int i = 0; i < priorities.length; i++) {
      all.add(h.submit(request("GET", server.url("/slow?n=" + i), Map.of(), priorities[i], false)));
    }
    for (CompletableFuture<Outcome> f : all) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertEquals(
        List.of(
            "/slow?blocker",
            "/slow?n=4",
            "/slow?n=3",
            "/slow?n=1",
            "/slow?n=5",
            "/slow?n=0",
            "/slow?n=2"),
        order);
  }

  @Test
  void aBackoutHoldsQueuedRequestsUntilResumed() throws Exception {
    EngineHarness h = engine();
    java.util.concurrent.atomic.AtomicBoolean full =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    h.engine.setBackout(full::get);
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(h.submit(get(server.url("/slow?held=" + i))));
    }
    Thread.sleep(400);
    assertEquals(List.of(), order, "no download starts while the backout holds");
    assertEquals(5, h.engine.pending());
    full.set(false);
    h.engine.resume();
    for (CompletableFuture<Outcome> f : all) {
      assertEquals(200, f.get(10, TimeUnit.SECONDS).result().status());
    }
    assertEquals(5, order.size());
  }

  @Test
  void noMoreThanConcurrentRequestsPerDomainReachOneHost() throws Exception {
    EngineHarness h = engine("CONCURRENT_REQUESTS=16", "CONCURRENT_REQUESTS_PER_DOMAIN=8");
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(h.submit(get(server.url("/slow?i=" + i))));
    }
    for (CompletableFuture<Outcome> f : all) {
      assertEquals(200, f.get(20, TimeUnit.SECONDS).result().status());
    }
    assertEquals(8, server.maxConcurrent.get());
  }

  @Test
  void noMoreThanConcurrentRequestsOverAllSlots() throws Exception {
    EngineHarness h = engine("CONCURRENT_REQUESTS=10", "CONCURRENT_REQUESTS_PER_DOMAIN=8");
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(
          h.submit(
              request(
                  "GET",
                  server.url("/slow?i=" + i),
                  Map.of("download_slot", i % 2 == 0 ? "a" : "b"),
                  0,
                  false)));
    }
    for (CompletableFuture<Outcome> f : all) {
      assertEquals(200, f.get(20, TimeUnit.SECONDS).result().status());
    }
    assertEquals(10, server.maxConcurrent.get());
    assertTrue(
        server.connections.get() <= 16, "connections are reused: " + server.connections.get());
  }

  /**
   * Fetches {@code n} pages of one slot; returns {client-side elapsed seconds, median server-side
   * gap}.
   */
  private double[] delayed(int n, String... settings) throws Exception {
    server.on(
        "/fast",
        (r, out, s) -> {
          arrivals.add(System.nanoTime());
          respond(out, 200, "OK", List.of(), new byte[0]);
          return true;
        });
    EngineHarness h = engine(settings);
    long t0 = System.nanoTime();
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(h.submit(get(server.url("/fast?i=" + i))));
    }
    for (CompletableFuture<Outcome> f : all) {
      f.get(10, TimeUnit.SECONDS);
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    List<Long> sorted = new ArrayList<>(arrivals);
    Collections.sort(sorted);
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < sorted.size(); i++) {
      gaps.add((sorted.get(i) - sorted.get(i - 1)) / 1e9);
    }
    Collections.sort(gaps);
    return new double[] {elapsed, gaps.get(gaps.size() / 2)};
  }

  // a stalled server thread can bunch two arrivals, so gaps are judged by their median; the
  // client-side total can only grow under load, so it bounds the delay from below

  @Test
  void downloadDelaySpacesRequestsToOneSlot() throws Exception {
    double[] r = delayed(6, "DOWNLOAD_DELAY=0.2", "RANDOMIZE_DOWNLOAD_DELAY=False");
    assertTrue(r[0] >= 5 * 0.2, "6 requests took " + r[0] + " s");
    assertTrue(r[1] >= 0.18 && r[1] < 0.5, "median gap " + r[1] + " s");
  }

  @Test
  void randomisedDelayStaysWithinHalfAndOneAndAHalfTimes() throws Exception {
    double[] r = delayed(8, "DOWNLOAD_DELAY=0.2");
    assertTrue(r[0] >= 7 * 0.1, "8 requests took " + r[0] + " s");
    assertTrue(r[1] >= 0.09 && r[1] <= 0.35, "median gap " + r[1] + " s");
  }

  @Test
  void withoutDelayRequestsGoInParallel() throws Exception {
    server.on(
        "/fast",
        (r, out, s) -> {
          Thread.sleep(300);
          respond(out, 200, "OK", List.of(), new byte[0]);
          return true;
        });
    EngineHarness h = engine();
    long t0 = System.nanoTime();
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(h.submit(get(server.url("/fast?i=" + i))));
    }
    for (CompletableFuture<Outcome> f : all) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertTrue(server.maxConcurrent.get() >= 4, "in parallel: " + server.maxConcurrent.get());
    assertTrue((System.nanoTime() - t0) / 1e9 < 8 * 0.3, "not one after the other");
  }

  // ------------------------------------------------------------------ filters

  @Test
  void duplicatesAreFilteredByCanonicalFingerprintUnlessDontFilter() throws Exception {
    EngineHarness h = engine();
    assertEquals(200, h.fetch(server.url("/ok?b=2&a=1")).result().status());
    assertEquals(Admission.DUPLICATE, h.fetch(server.url("/ok?a=1&b=2#frag")).admission());
    assertEquals(Admission.DUPLICATE, h.fetch(server.url("/ok?b=2&a=1")).admission());
    assertEquals(
        200,
        h.fetch(request("GET", server.url("/ok?b=2&a=1"), Map.of(), 0, true)).result().status());
    DownloadRequest post =
        new DownloadRequest(
            "POST",
            server.url("/ok?b=2&a=1"),
            Map.of(),
            "x=1".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            null,
            0,
            false,
            null);
    assertEquals(
        200, h.fetch(post).result().status(), "another method and body: another fingerprint");
    assertEquals(2, h.stat("dupefilter/filtered"));
    assertEquals(3, server.hits("/ok"));
    JsonNode scrapy = Expectations.crawl("duplicate_from_callback").path("logs").get(0);
    List<String> dupes =
        h.messages().stream().filter(m -> m.startsWith("[scrapy.dupefilters]")).toList();
    assertEquals(
        List.of(
            "[scrapy.dupefilters] DEBUG: "
                + scrapy
                    .path("message")
                    .asText()
                    .replace("{port}/ok", server.port() + "/ok?a=1&b=2#frag")),
        dupes,
        "logged once, as Scrapy");
  }

  @Test
  void dupefilterDebugLogsEveryDuplicate() throws Exception {
    EngineHarness h = engine("DUPEFILTER_DEBUG=True");
    h.fetch(server.url("/ok"));
    h.fetch(server.url("/ok"));
    h.fetch(server.url("/ok"));
    assertEquals(
        2,
        h.messages().stream()
            .filter(
                m ->
                    m.equals(
                        "[scrapy.dupefilters] DEBUG: Filtered duplicate request: <GET "
                            + server.url("/ok")
                            + "> (referer: None)"))
            .count());
  }

  @Test
  void offsiteRequestsAreDroppedAndLoggedOncePerDomain() throws Exception {
    EngineHarness h = engine();
    h.engine.setAllowedDomains(List.of("127.0.0.1"));
    assertEquals(200, h.fetch(server.url("/ok")).result().status());
    assertEquals(
        Admission.OFFSITE, h.fetch("http://localhost:" + server.port() + "/ok").admission());
    assertEquals(
        Admission.OFFSITE, h.fetch("http://localhost:" + server.port() + "/other").admission());
    assertEquals(
        200,
        h.fetch(request("GET", "http://localhost:" + server.port() + "/ok", Map.of(), 0, true))
            .result()
            .status(),
        "dont_filter passes the off-site filter, as in Scrapy");
    String crawl = "offsite";
    for (String key : List.of("offsite/domains", "offsite/filtered")) {
      assertEquals(Expectations.crawl(crawl).path("stats").path(key).asLong(), h.stat(key), key);
    }
    String scrapy =
        Expectations.fill(
            Expectations.crawl(crawl).path("logs").get(0).path("message").asText(), server.port());
    assertEquals(
        List.of("[scrapy.spidermiddlewares.offsite] DEBUG: " + scrapy),
        h.messages().stream()
            .filter(m -> m.startsWith("[scrapy.spidermiddlewares.offsite]"))
            .toList());
  }

  @Test
  void allowedDomainsCoverSubdomainsButNotLookalikes() {
    EngineHarness h = engine();
    h.engine.setAllowedDomains(
        List.of("example.com", "http://bad.example/", "ported.example:8080"));
    assertTrue(h.engine.onSite("http://example.com/"));
    assertTrue(h.engine.onSite("http://a.b.example.com/x"));
    assertTrue(h.engine.onSite("http://EXAMPLE.com/"));
    assertFalse(h.engine.onSite("http://notexample.com/"));
    assertFalse(h.engine.onSite("http://example.com.evil.org/"));
    assertFalse(h.engine.onSite("http://bad.example/"), "URL entries are ignored");
    assertFalse(h.engine.onSite("http://ported.example/"), "entries with ports are ignored");
    assertTrue(
        h.messages()
            .contains(
                "[py.warnings] WARNING: allowed_domains accepts only domains, not URLs. "
                    + "Ignoring URL entry http://bad.example/ in allowed_domains."));
    h.engine.setAllowedDomains(List.of());
    assertTrue(h.engine.onSite("http://anything.org/"));
  }

  // ------------------------------------------------------------------ headers, cookies, redirects

  @Test
  void defaultHeadersAreScrapysWithOurUserAgent() throws Exception {
    EngineHarness h = engine();
    JsonNode ours = echo(h.fetch(server.url("/echo")));
    JsonNode scrapy = Expectations.crawl("default_headers").path("outcomes").get(0).path("echo");
    for (String name : List.of("Accept", "Accept-Language")) {
      assertEquals(header(scrapy, name), header(ours, name), name);
    }
    assertEquals(Settings.DEFAULT_USER_AGENT, header(ours, "User-Agent"));
    assertEquals("gzip, deflate", header(ours, "Accept-Encoding"));

    EngineHarness custom =
        engine("USER_AGENT=MyBot/1.0", "DEFAULT_REQUEST_HEADERS={\"Accept\": \"text/plain\"}");
    DownloadRequest own =
        new DownloadRequest(
            "GET",
            server.url("/echo?own"),
            Map.of("X-Mine", List.of("1")),
            new byte[0],
            Map.of(),
            null,
            0,
            false,
            null);
    JsonNode e = echo(custom.fetch(own));
    assertEquals("MyBot/1.0", header(e, "User-Agent"));
    assertEquals("text/plain", header(e, "Accept"));
    assertNull(header(e, "Accept-Language"), "DEFAULT_REQUEST_HEADERS replaced as a whole");
    assertEquals("1", header(e, "X-Mine"));
  }

  @Test
  void urlsAreSentSafeAndFragmentsStayOffTheWire() throws Exception {
    EngineHarness h = engine();
    Outcome o = h.fetch(request("GET", server.url("/echo?q=a b|c#part"), Map.of(), 0, true));
    assertEquals("/echo?q=a%20b%7Cc", echo(o).path("target").asText());
    assertEquals(
        server.url("/echo?q=a%20b%7Cc#part"),
        o.result().url(),
        "the response keeps the request's URL");
    Outcome latin =
        h.fetch(
            new DownloadRequest(
                "GET",
                server.url("/echo?q=café"),
                Map.of(),
                new byte[0],
                Map.of(),
                null,
                0,
                true,
                "latin-1"));
    assertEquals(
        "/echo?q=caf%E9",
        echo(latin).path("target").asText(), "the request's encoding encodes the query");
  }

  @Test
  void restrictedHeadersAreHandledNotFatal() throws Exception {
    EngineHarness h = engine();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("shop.example"));
    headers.put("Connection", List.of("close"));
    headers.put("Content-Length", List.of("999"));
    headers.put("Expect", List.of("100-continue"));
    DownloadRequest r =
        new DownloadRequest(
            "POST",
            server.url("/echo"),
            headers,
            "a=1".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            null,
            0,
            false,
            null);
    JsonNode e = echo(h.fetch(r));
    assertEquals("shop.example", header(e, "Host"), "a spider's Host header is sent");
    assertEquals("3", header(e, "Content-Length"), "the length is the body's");
    assertNull(header(e, "Expect"));
    assertEquals("a=1", e.path("body").asText());
  }

  @Test
  void cookiesFromSetCookieAreSentBack() throws Exception {
    EngineHarness h = engine();
    h.fetch(server.url("/setcookie"));
    JsonNode scrapy =
        Expectations.crawl("cookies_set_then_sent").path("outcomes").get(1).path("echo");
    assertEquals(header(scrapy, "Cookie"), header(echo(h.fetch(server.url("/echo"))), "Cookie"));
  }

  @Test
  void requestCookiesInDictAndListFormGoIntoTheJar() throws Exception {
    EngineHarness h = engine();
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("a", "1");
    dict.put("b", "two");
    DownloadRequest r1 =
        new DownloadRequest(
            "GET", server.url("/echo?dict"), Map.of(), new byte[0], Map.of(), dict, 0, false, null);
    assertEquals(
        header(
            Expectations.crawl("cookies_request_dict").path("outcomes").get(0).path("echo"),
            "Cookie"),
        header(echo(h.fetch(r1)), "Cookie"));
    assertEquals(
        "a=1; b=two",
        header(echo(h.fetch(server.url("/echo?later"))), "Cookie"),
        "kept in the jar");

    EngineHarness h2 = engine();
    DownloadRequest r2 =
        new DownloadRequest(
            "GET",
            server.url("/echo"),
            Map.of(),
            new byte[0],
            Map.of(),
            List.of(Map.of("name", "c", "value", "3", "path", "/")),
            0,
            false,
            null);
    assertEquals(
        header(
            Expectations.crawl("cookies_request_list").path("outcomes").get(0).path("echo"),
            "Cookie"),
        header(echo(h2.fetch(r2)), "Cookie"));

    DownloadRequest otherJar =
        new DownloadRequest(
            "GET",
            server.url("/echo?jar2"),
            Map.of(),
            new byte[0],
            Map.of("cookiejar", 2),
            null,
            0,
            false,
            null);
    assertNull(header(echo(h2.fetch(otherJar)), "Cookie"), "meta cookiejar picks another jar");
  }

  @Test
  void anOwnCookieHeaderIsReplacedByTheJarUnlessCookiesAreDisabled() throws Exception {
    DownloadRequest own =
        new DownloadRequest(
            "GET",
            server.url("/echo"),
            Map.of("Cookie", List.of("mine=1")),
            new byte[0],
            Map.of(),
            null,
            0,
            true,
            null);
    assertNull(header(echo(engine().fetch(own)), "Cookie"), "Scrapy 2.8 pops it and asks the jar");
    assertEquals("mine=1", header(echo(engine("COOKIES_ENABLED=False").fetch(own)), "Cookie"));
  }

  private void redirects() {
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      server.on(
          "/redirect/" + code,
          (r, out, s) -> {
            respond(
                out,
                code,
                "Redirect",
                List.<String[]>of(new String[] {"Location", "/echo"}),
                new byte[0]);
            return true;
          });
    }
  }

  @Test
  void redirectsChangeMethodAsScrapyDoesAndRecordMeta() throws Exception {
    redirects();
    for (int code : new int[] {301, 302, 303, 307, 308}) {
      EngineHarness h = engine();
      DownloadRequest post =
          new DownloadRequest(
              "POST",
              server.url("/redirect/" + code),
              Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
              "a=1".getBytes(StandardCharsets.UTF_8),
              Map.of(),
              null,
              0,
              false,
              null);
      Outcome o = h.fetch(post);
      JsonNode scrapy = Expectations.crawl("redirect_" + code + "_post").path("outcomes").get(0);
      JsonNode e = echo(o);
      assertEquals(
          scrapy.path("echo").path("method").asText(), e.path("method").asText(), "" + code);
      assertEquals(scrapy.path("echo").path("body").asText(), e.path("body").asText(), "" + code);
      assertEquals(
          header(scrapy.path("echo"), "Content-Type"), header(e, "Content-Type"), "" + code);
      assertEquals(Expectations.fill(scrapy.path("url").asText(), server.port()), o.result().url());
      for (String key :
          List.of("redirect_times", "redirect_ttl", "redirect_urls", "redirect_reasons")) {
        assertEquals(
            Expectations.fill(scrapy.path("meta").path(key).asText(), server.port()),
            JSON.writeValueAsString(o.result().meta().get(key)).replace(",", ", "),
            code + " " + key);
      }
    }
  }

  @Test
  void metaRefreshIsFollowedOnlyWhenEnabled() throws Exception {
    server.on(
        "/refresh",
        FaultServer.html(
            "<html><head><meta http-equiv=\"refresh\" content=\"0;"
                + " url=/ok\"></head><body>moved</body></html>"));
    Outcome off = engine().fetch(server.url("/refresh"));
    assertEquals(server.url("/refresh"), off.result().url(), "off by default, as the issue asks");
    EngineHarness on = engine("METAREFRESH_ENABLED=True");
    Outcome o = on.fetch(server.url("/refresh"));
    JsonNode scrapy = Expectations.crawl("meta_refresh").path("outcomes").get(0);
    assertEquals(Expectations.fill(scrapy.path("url").asText(), server.port()), o.result().url());
    assertEquals(scrapy.path("body").asText(), o.text());
    for (String key : List.of("redirect_times", "redirect_urls", "redirect_reasons")) {
      assertEquals(
          Expectations.fill(scrapy.path("meta").path(key).asText(), server.port()),
          JSON.writeValueAsString(o.result().meta().get(key)).replace(",", ", "),
          key);
    }
    assertTrue(
        on.messages()
            .contains(
                "[scrapy.downloadermiddlewares.redirect] DEBUG: "
                    + Expectations.fill(
                        Expectations.crawl("meta_refresh")
                            .path("logs")
                            .get(0)
                            .path("message")
                            .asText(),
                        server.port())));
  }

  @Test
  void cookiesDebugLogsAsScrapy() throws Exception {
    EngineHarness h = engine("COOKIES_DEBUG=True");
    h.fetch(server.url("/setcookie"));
    h.fetch(server.url("/echo"));
    for (JsonNode l : Expectations.crawl("cookies_debug").path("logs")) {
      String line =
          "[scrapy.downloadermiddlewares.cookies] DEBUG: "
              + Expectations.fill(l.path("message").asText(), server.port());
      assertTrue(h.logText().contains(line), "missing\n" + line + "\nin\n" + h.logText());
    }
  }

  @Test
  void redirectsCanBeTurnedOffOrHandledAsStatuses() throws Exception {
    redirects();
    Outcome off = engine("REDIRECT_ENABLED=False").fetch(server.url("/redirect/302"));
    assertEquals(302, off.result().status());
    assertEquals(List.of("/echo"), off.result().headers().get("Location"));
    Outcome handled =
        engine()
            .fetch(
                request(
                    "GET",
                    server.url("/redirect/302"),
                    Map.of("handle_httpstatus_list", List.of(302)),
                    0,
                    false));
    assertEquals(302, handled.result().status());
  }

  @Test
  void metaCarriesScrapysDownloadKeysAfterTheSpidersOwn() throws Exception {
    EngineHarness h = engine();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("mine", "x");
    meta.put("request_id", "r1");
    Outcome o = h.fetch(request("GET", server.url("/ok"), meta, 0, false));
    List<String> keys = new ArrayList<>(o.result().meta().keySet());
    JsonNode scrapy = Expectations.crawl("ok").path("outcomes").get(0).path("meta");
    assertEquals(
        List.of("mine", "request_id", "download_timeout", "download_slot", "download_latency"),
        keys);
    assertEquals(
        scrapy.path("download_timeout").asText(),
        o.result().meta().get("download_timeout").toString());
    assertEquals("127.0.0.1", o.result().meta().get("download_slot"));
    double latency = (Double) o.result().meta().get("download_latency");
    assertTrue(latency > 0 && latency < 5, "latency " + latency);
  }

  // ------------------------------------------------------------------ robots.txt

  @Test
  void robotsTxtIsObeyedWhenAsked() throws Exception {
    server.on(
        "/robots.txt",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.<String[]>of(new String[] {"Content-Type", "text/plain"}),
              "User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /mine\n"
                  .getBytes(StandardCharsets.US_ASCII));
          return true;
        });
    server.on("/private/x", FaultServer.html("secret"));
    server.on("/mine", FaultServer.html("mine"));
    EngineHarness h = engine("ROBOTSTXT_OBEY=True");
    assertEquals(
        Expectations.failureText("robots_forbidden", server.port()),
        h.fetch(server.url("/private/x")).failure());
    for (String key :
        List.of(
            "robotstxt/forbidden",
            "robotstxt/request_count",
            "robotstxt/response_count",
            "robotstxt/response_status_count/200",
            "downloader/exception_type_count/scrapy.exceptions.IgnoreRequest")) {
      assertEquals(
          Expectations.crawl("robots_forbidden").path("stats").path(key).asLong(),
          h.stat(key),
          key);
    }
    assertEquals(
        List.of(
            "[scrapy.downloadermiddlewares.robotstxt] DEBUG: "
                + Expectations.fill(
                    Expectations.crawl("robots_forbidden")
                        .path("logs")
                        .get(0)
                        .path("message")
                        .asText(),
                    server.port())),
        h.messages().stream()
            .filter(m -> m.startsWith("[scrapy.downloadermiddlewares.robotstxt]"))
            .toList());
    assertEquals(
        "Forbidden by robots.txt",
        h.fetch(server.url("/private-not")).failure(),
        "rules are prefixes: /private-not is forbidden too");
    assertEquals(200, h.fetch(server.url("/mine")).result().status());
    assertEquals(200, h.fetch(server.url("/ok")).result().status());
    assertEquals(1, server.hits("/robots.txt"), "fetched once per host");
    assertEquals(0, server.hits("/private/x"));

    EngineHarness ignoring = engine();
    assertEquals(
        200,
        ignoring.fetch(server.url("/private/x")).result().status(),
        "ROBOTSTXT_OBEY is off by default");
    EngineHarness other = engine("ROBOTSTXT_OBEY=True", "ROBOTSTXT_USER_AGENT=otherbot");
    assertEquals("Forbidden by robots.txt", other.fetch(server.url("/mine")).failure());
    assertEquals(
        200,
        other.fetch(server.url("/private/x")).result().status(),
        "otherbot's group has no /private rule");
  }

  @Test
  void groupsForScrapyApplyToTheDefaultUserAgent() throws Exception {
    server.on(
        "/robots.txt",
        (r, out, s) -> {
          respond(
              out,
              200,
              "OK",
              List.of(),
              "User-agent: Scrapy\nDisallow: /\n".getBytes(StandardCharsets.US_ASCII));
          return true;
        });
    assertEquals(
        "Forbidden by robots.txt",
        engine("ROBOTSTXT_OBEY=True").fetch(server.url("/ok")).failure());
    assertEquals(
        200,
        engine("ROBOTSTXT_OBEY=True", "USER_AGENT=MyBot/1.0")
            .fetch(server.url("/ok"))
            .result()
            .status());
  }

  @Test
  void aMissingRobotsTxtAllowsEverything() throws Exception {
    EngineHarness h = engine("ROBOTSTXT_OBEY=True");
    assertEquals(200, h.fetch(server.url("/ok")).result().status());
    assertEquals(1, h.stat("robotstxt/response_status_count/404"));
  }

  // ------------------------------------------------------------------ stats, log, shutdown

  @Test
  void logStatsLinesReadAsScrapys() throws Exception {
    EngineHarness h = engine("LOGSTATS_INTERVAL=0.2");
    h.fetch(server.url("/ok?1"));
    h.fetch(server.url("/ok?2"));
    h.fetch(server.url("/ok?3"));
    Pattern line =
        Pattern.compile(
            "\\[scrapy\\.extensions\\.logstats\\] INFO: Crawled (\\d+) pages \\(at (\\d+)"
                + " pages/min\\), scraped 0 items \\(at 0 items/min\\)");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (h.messages().stream().noneMatch(m -> m.contains("Crawled 3 pages"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<String> lines =
        h.messages().stream().filter(m -> m.startsWith("[scrapy.extensions.logstats]")).toList();
    assertEquals(
        "[scrapy.extensions.logstats] INFO: Crawled 0 pages (at 0 pages/min), scraped 0 items (at 0"
            + " items/min)",
        lines.get(0));
    long rateSum = 0;
    for (String l : lines) {
      var m = line.matcher(l);
      assertTrue(m.matches(), l);
      rateSum += Long.parseLong(m.group(2));
    }
    assertEquals(3 * 300, rateSum, "rates add up to 3 pages at 300 per page per 0.2 s interval");
  }

  @Test
  void finishDumpsStatsWithScrapysKeys() throws Exception {
    EngineHarness h = engine();
    h.fetch(server.url("/ok"));
    h.engine.finish("finished");
    Set<String> scrapyKeys = new TreeSet<>();
    for (Iterator<String> it = Expectations.crawl("ok").path("stats").fieldNames();
        it.hasNext(); ) {
      scrapyKeys.add(it.next());
    }
    assertEquals(scrapyKeys, h.engine.stats().snapshot().keySet());
    assertEquals("finished", h.engine.stats().get("finish_reason"));
    List<String> m = h.messages();
    int closing = m.indexOf("[scrapy.core.engine] INFO: Closing spider (finished)");
    int dump = m.indexOf("[scrapy.statscollectors] INFO: Dumping Scrapy stats:");
    int closed = m.indexOf("[scrapy.core.engine] INFO: Spider closed (finished)");
    assertTrue(closing >= 0 && dump > closing && closed > dump, String.join("\n", m));
    assertTrue(h.logText().contains("\n{'downloader/request_bytes': "), h.logText());
    assertTrue(h.logText().contains(" 'finish_reason': 'finished',\n"), h.logText());
  }

  @Test
  void logCountsFollowLogLevel() throws Exception {
    EngineHarness h = engine("LOG_LEVEL=INFO");
    h.fetch(server.url("/ok"));
    assertEquals(0, h.stat("log_count/DEBUG"));
    assertTrue(h.messages().stream().noneMatch(m -> m.contains("DEBUG")));
    assertTrue(h.stat("log_count/INFO") >= 1);
  }

  @Test
  void shutdownAnswersQueuedRequestsAndLetsInFlightOnesFinish() throws Exception {
    EngineHarness h = engine("CONCURRENT_REQUESTS=1");
    List<CompletableFuture<Outcome>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(h.submit(get(server.url("/slow?i=" + i))));
    }
    while (order.isEmpty()) {
      Thread.sleep(5);
    }
    h.engine.shutdown();
    assertTrue(h.engine.awaitInFlight(Duration.ofSeconds(5)));
    int ok = 0;
    int dropped = 0;
    for (CompletableFuture<Outcome> f : all) {
      Outcome o = f.get(5, TimeUnit.SECONDS);
      if (o.result() != null) {
        ok++;
      } else {
        assertEquals(Engine.SHUTDOWN_TEXT, o.failure());
        dropped++;
      }
    }
    assertEquals(1, ok);
    assertEquals(4, dropped);
    assertEquals(
        Engine.SHUTDOWN_TEXT, h.fetch(server.url("/ok")).failure(), "nothing new after shutdown");
    h.engine.finish("shutdown");
    assertEquals("shutdown", h.engine.stats().get("finish_reason"));
  }

  @Test
  void closeAbortsDownloadsInFlightAtOnce() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    server.on(
        "/hang",
        (r, out, s) -> {
          arrived.countDown();
          Thread.sleep(20_000);
          return false;
        });
    EngineHarness h = engine();
    CompletableFuture<Outcome> f = h.submit(get(server.url("/hang")));
    assertTrue(arrived.await(5, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    h.engine.close();
    assertEquals(Engine.SHUTDOWN_TEXT, f.get(2, TimeUnit.SECONDS).failure());
    assertTrue((System.nanoTime() - t0) / 1e9 < 2);
  }

  @Test
  void requestsOnOneConnectionAreReused() throws Exception {
    EngineHarness h = engine("CONCURRENT_REQUESTS=1");
    for (int i = 0; i < 10; i++) {
      h.fetch(server.url("/ok?i=" + i));
    }
    assertEquals(1, server.connections.get());
  }
}
