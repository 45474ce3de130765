package io.streamspider.host.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamspider.host.internal.HostLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPCACHE_ENABLED: the layout and files of Scrapy's FilesystemCacheStorage (expectations from
 * {@code src/test/scripts/httpcache_expectations.py}, run with the real Scrapy 2.8), and record
 * then replay against a real HTTP server on 127.0.0.1 that is stopped before the second crawl.
 */
@Timeout(60)
class HttpCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  // ------------------------------------------------------------------ against Scrapy's own output

  @Test
  void theCacheKeyIsScrapysRequestFingerprintBothImplementations() throws IOException {
    JsonNode keys = expectations().get("keys");
    assertTrue(keys.size() >= 4);
    for (JsonNode k : keys) {
      String url = RequestUrls.requestUrl(k.get("url").asText(), null);
      byte[] body = k.get("body").asText().getBytes(StandardCharsets.UTF_8);
      String method = k.get("method").asText();
      assertEquals(
          k.get("cache_key").asText(), HttpCache.key(method, url, body, false), "2.6: " + k);
      assertEquals(
          k.get("cache_key").asText(),
          Engine.fingerprint(method, url, body),
          "the duplicate filter's: " + k);
      assertEquals(
          k.get("cache_key_2_7").asText(), HttpCache.key(method, url, body, true), "2.7: " + k);
    }
  }

  @Test
  void anEntryIsLaidOutAndWrittenAsScrapyWritesIt() throws IOException {
    JsonNode stored = expectations().get("stored");
    JsonNode req = stored.get("request");
    JsonNode resp = stored.get("response");
    String key =
        HttpCache.key(
            req.get("method").asText(), req.get("url").asText(), bytes(req.get("body")), false);
    Path spiderDir = tmp.resolve("shop");
    Path entry = HttpCache.entry(spiderDir, key);
    assertEquals(stored.get("path").asText(), tmp.relativize(entry).toString());

    HttpCache.write(
        entry,
        req.get("url").asText(),
        req.get("method").asText(),
        resp.get("status").asInt(),
        resp.get("url").asText(),
        bytes(req.get("body")),
        headers(req.get("headers")),
        headers(resp.get("headers")),
        bytes(resp.get("body")),
        false);
    JsonNode files = stored.get("files_base64");
    for (String name :
        List.of("response_headers", "response_body", "request_headers", "request_body")) {
      assertArrayEquals(
          Base64.getDecoder().decode(files.get(name).asText()),
          Files.readAllBytes(entry.resolve(name)),
          name);
    }
    // meta: the same dict, as JSON instead of a Python repr (and no pickled_meta)
    Map<String, Object> ours =
        HttpCache.parseMeta(Files.readAllBytes(entry.resolve("meta")), entry);
    Map<String, Object> scrapys =
        HttpCache.parseMeta(Base64.getDecoder().decode(files.get("meta").asText()), entry);
    assertEquals(scrapys.keySet(), ours.keySet());
    for (String k : List.of("url", "method", "response_url")) {
      assertEquals(scrapys.get(k), ours.get(k), k);
    }
    assertEquals(
        ((Number) scrapys.get("status")).intValue(), ((Number) ours.get("status")).intValue());
    assertTrue(JSON.readTree(entry.resolve("meta").toFile()).isObject(), "meta is JSON");
    assertFalse(Files.exists(entry.resolve("pickled_meta")));
  }

  @Test
  void anEntryScrapyWroteIsRead() throws IOException {
    JsonNode stored = expectations().get("stored");
    Path entry = tmp.resolve(stored.get("path").asText());
    Files.createDirectories(entry);
    stored
        .get("files_base64")
        .fields()
        .forEachRemaining(
            f -> {
              try {
                Files.write(
                    entry.resolve(f.getKey()), Base64.getDecoder().decode(f.getValue().asText()));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    HttpCache.Cached c = HttpCache.read(entry, 0, false);
    assertNotNull(c);
    assertEquals(200, c.status());
    assertEquals(stored.get("response").get("url").asText(), c.url());
    assertEquals(headers(stored.get("retrieved_headers")), c.headers());
    assertArrayEquals(bytes(stored.get("response").get("body")), c.body());
  }

  @Test
  void defaultsAreScrapys() throws IOException {
    JsonNode scrapy = expectations().get("defaults");
    Settings ours = Settings.defaults();
    int n = 0;
    for (Settings.Definition d : Settings.definitions()) {
      if (d.name().startsWith("HTTPCACHE_")) {
        assertEquals(
            JSON.convertValue(scrapy.get(d.name()), Object.class) instanceof Integer i
                ? (Object) i.longValue()
                : JSON.convertValue(scrapy.get(d.name()), Object.class),
            ours.get(d.name()),
            d.name());
        n++;
      }
    }
    assertEquals(7, n);
  }

  // ------------------------------------------------------------------ record, then replay offline

  @Test
  void aSecondCrawlIsAnsweredFromTheCacheWithTheServerStopped() throws Exception {
    Path dir = tmp.resolve("cache");
    AtomicInteger hits = new AtomicInteger();
    HttpServer server = server(hits);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    List<String> urls = List.of(base + "/", base + "/gz", base + "/redirect", base + "/missing");
    Map<String, Outcome> first;
    Map<String, Object> firstStats;
    try (Crawl c = new Crawl(dir, "HTTPCACHE_IGNORE_HTTP_CODES=404")) {
      first = c.fetchAll(urls);
      first.put(
          "POST",
          c.fetch(
              new DownloadRequest(
                  "POST",
                  base + "/echo",
                  Map.of(),
                  "a=1".getBytes(StandardCharsets.UTF_8),
                  new LinkedHashMap<>(),
                  null,
                  0,
                  false,
                  null)));
      firstStats = c.engine.stats().snapshot();
    } finally {
      server.stop(0);
    }
    assertEquals(
        5,
        hits.get(),
        "/, /gz, /redirect, /missing, /echo: the redirect's target / came from the cache");
    assertEquals(5L, firstStats.get("httpcache/miss"));
    assertEquals(1L, firstStats.get("httpcache/hit"), "the redirect's target");
    assertEquals(5L, firstStats.get("httpcache/firsthand"));
    assertEquals(4L, firstStats.get("httpcache/store"));
    assertEquals(1L, firstStats.get("httpcache/uncacheable"), "the 404 is not stored");
    assertTrue(Files.isDirectory(dir.resolve("spider")), "entries under <dir>/<spider>");

    Map<String, Outcome> second;
    Map<String, Object> secondStats;
    try (Crawl c = new Crawl(dir, "HTTPCACHE_IGNORE_HTTP_CODES=404")) {
      second = c.fetchAll(urls);
      second.put(
          "POST",
          c.fetch(
              new DownloadRequest(
                  "POST",
                  base + "/echo",
                  Map.of(),
                  "a=1".getBytes(StandardCharsets.UTF_8),
                  new LinkedHashMap<>(),
                  null,
                  0,
                  false,
                  null)));
      secondStats = c.engine.stats().snapshot();
    }
    assertEquals(5, hits.get(), "no request reached the network");
    assertEquals(5L, secondStats.get("httpcache/hit"));
    assertEquals(1L, secondStats.get("httpcache/miss"), "the 404 was not stored");
    assertNull(secondStats.get("httpcache/store"));
    for (String k : List.of(base + "/", base + "/gz", base + "/redirect", "POST")) {
      Outcome a = first.get(k);
      Outcome b = second.get(k);
      assertNotNull(b.result(), k + ": " + b.failure());
      assertEquals(a.result().status(), b.result().status(), k);
      assertEquals(a.result().url(), b.result().url(), k);
      assertArrayEquals(a.result().body(), b.result().body(), k);
      assertEquals(List.of("cached"), b.result().flags(), k);
      assertEquals(a.result().headers().keySet(), b.result().headers().keySet(), k);
      assertFalse(
          b.result().meta().containsKey("download_latency"),
          "a cached response was not downloaded");
    }
    assertEquals(
        "<h1>zipped</h1>",
        new String(second.get(base + "/gz").result().body(), StandardCharsets.UTF_8),
        "stored as sent (gzip), decoded after the cache as Scrapy does");
    assertEquals(
        List.of(base + "/redirect"),
        second.get(base + "/redirect").result().meta().get("redirect_urls"));
    assertEquals("a=1", new String(second.get("POST").result().body(), StandardCharsets.UTF_8));
    assertTrue(
        second.get(base + "/missing").failure().startsWith("Connection was refused"),
        "not cached, so downloaded, and the server is gone: "
            + second.get(base + "/missing").failure());
  }

  @Test
  void expiredEntriesAndIgnoreMissing() throws Exception {
    Path dir = tmp.resolve("cache");
    AtomicInteger hits = new AtomicInteger();
    HttpServer server = server(hits);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      try (Crawl c = new Crawl(dir)) {
        c.fetchAll(List.of(base + "/"));
      }
      try (var walk = Files.walk(dir)) {
        for (Path meta : walk.filter(p -> p.getFileName().toString().equals("meta")).toList()) {
          Files.setLastModifiedTime(meta, FileTime.from(Instant.now().minusSeconds(120)));
        }
      }
      try (Crawl c = new Crawl(dir, "HTTPCACHE_EXPIRATION_SECS=60")) {
        Outcome o = c.fetchAll(List.of(base + "/")).get(base + "/");
        assertEquals(List.of(), o.result().flags(), "expired: downloaded again");
        assertEquals(1L, c.engine.stats().getLong("httpcache/miss"));
      }
      assertEquals(2, hits.get());
    } finally {
      server.stop(0);
    }
    try (Crawl c = new Crawl(dir, "HTTPCACHE_IGNORE_MISSING=True")) {
      Outcome o = c.fetchAll(List.of(base + "/never")).get(base + "/never");
      assertEquals("Ignored request not in cache: <GET " + base + "/never>", o.failure());
      assertEquals(1L, c.engine.stats().getLong("httpcache/ignore"));
    }
  }

  @Test
  void aCacheDirectoryThatCannotBeWrittenIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    HostLog log =
        new HostLog(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            HostLog.Level.DEBUG);
    Settings s =
        Settings.builder()
            .commandLine(List.of("HTTPCACHE_ENABLED=True", "HTTPCACHE_DIR=" + file))
            .build(log);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Engine(s, log, "shop"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "HTTPCACHE_DIR "
                    + file
                    + " (from -s on the command line) is not a writable directory"),
        e.getMessage());

    Settings bad =
        Settings.builder()
            .commandLine(
                List.of(
                    "HTTPCACHE_ENABLED=True",
                    "HTTPCACHE_DIR=" + tmp,
                    "REQUEST_FINGERPRINTER_IMPLEMENTATION=2.5"))
            .build(log);
    IllegalArgumentException e2 =
        assertThrows(IllegalArgumentException.class, () -> new Engine(bad, log, "shop"));
    assertTrue(e2.getMessage().contains("REQUEST_FINGERPRINTER_IMPLEMENTATION"), e2.getMessage());
  }

  @Test
  void aRelativeDirectoryLivesUnderDotScrapy() {
    Settings s = Settings.defaults();
    assertEquals(tmp.resolve(".scrapy/httpcache").toAbsolutePath(), HttpCache.directory(s, tmp));
  }

  // ------------------------------------------------------------------ helpers

  record Outcome(DownloadResult result, String failure) {}

  /** An engine for spider "spider" with the cache in {@code dir}. */
  private static final class Crawl implements AutoCloseable {
    final HostLog log =
        new HostLog(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            HostLog.Level.DEBUG);
    final Engine engine;

    Crawl(Path dir, String... settings) {
      List<String> s =
          new ArrayList<>(
              List.of(
                  "HTTPCACHE_ENABLED=True",
                  "HTTPCACHE_DIR=" + dir,
                  "RETRY_ENABLED=False",
                  "LOGSTATS_INTERVAL=0"));
      s.addAll(List.of(settings));
      engine = new Engine(Settings.builder().commandLine(s).build(log), log, "spider");
      engine.start();
    }

    Outcome fetch(DownloadRequest r) throws Exception {
      CompletableFuture<Outcome> f = new CompletableFuture<>();
      Downloader.Admission a =
          engine.submit(
              r,
              res -> f.complete(new Outcome(res, null)),
              text -> f.complete(new Outcome(null, text)));
      assertEquals(Downloader.Admission.SCHEDULED, a, r.url());
      return f.get(30, TimeUnit.SECONDS);
    }

    Map<String, Outcome> fetchAll(List<String> urls) throws Exception {
      Map<String, Outcome> out = new LinkedHashMap<>();
      for (String u : urls) {
        out.put(
            u,
            fetch(
                new DownloadRequest(
                    "GET", u, Map.of(), new byte[0], new LinkedHashMap<>(), null, 0, true, null)));
      }
      return out;
    }

    @Override
    public void close() {
      engine.finish("finished");
    }
  }

  private static HttpServer server(AtomicInteger hits) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            hits.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            switch (path) {
              case "/" -> {
                ex.getResponseHeaders().add("Set-Cookie", "seen=1; Path=/");
                send(
                    ex,
                    200,
                    "text/html; charset=utf-8",
                    "<h1>home</h1>".getBytes(StandardCharsets.UTF_8));
              }
              case "/gz" -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
                  gz.write("<h1>zipped</h1>".getBytes(StandardCharsets.UTF_8));
                }
                ex.getResponseHeaders().add("Content-Encoding", "gzip");
                send(ex, 200, "text/html", b.toByteArray());
              }
              case "/redirect" -> {
                ex.getResponseHeaders().add("Location", "/");
                send(ex, 302, "text/html", new byte[0]);
              }
              case "/echo" -> {
                byte[] body;
                try (InputStream in = ex.getRequestBody()) {
                  body = in.readAllBytes();
                }
                send(ex, 200, "text/plain", body);
              }
              default ->
                  send(ex, 404, "text/html", "<h1>missing</h1>".getBytes(StandardCharsets.UTF_8));
            }
          }
        });
    server.start();
    return server;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static JsonNode expectations() throws IOException {
    try (InputStream in =
        HttpCacheTest.class.getResourceAsStream("/engine/httpcache-expectations.json")) {
      return JSON.readTree(in);
    }
  }

  private static byte[] bytes(JsonNode text) {
    return text.asText().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, List<String>> headers(JsonNode h) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (JsonNode pair : h) {
      List<String> vs = new ArrayList<>();
      pair.get(1).forEach(v -> vs.add(v.asText()));
      m.put(pair.get(0).asText(), vs);
    }
    return m;
  }
}
