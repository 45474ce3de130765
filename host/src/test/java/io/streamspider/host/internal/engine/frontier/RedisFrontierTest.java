package io.streamspider.host.internal.engine.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/** The Redis frontier against a real redis-server: keys, leases, workers, outages, bad input. */
@Timeout(60)
class RedisFrontierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  RedisServer server;
  JedisPooled redis;
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final List<RedisFrontier> opened = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new RedisServer(dir);
    redis = new JedisPooled("127.0.0.1", server.port());
  }

  @AfterEach
  void stop() throws Exception {
    opened.forEach(RedisFrontier::close);
    redis.close();
    server.close();
  }

  private RedisFrontier worker(Duration lease) {
    RedisFrontier f = new RedisFrontier(server.url(), "shop", lease, warnings::add);
    opened.add(f);
    return f;
  }

  private static FrontierEntry entry(String url, int priority, boolean dontFilter) {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "request");
    message.put("id", "product");
    message.put("url", url);
    return FrontierEntry.of(
        ScrapyRedisFingerprint.of("GET", url, new byte[0]), priority, dontFilter, message);
  }

  private static List<String> urls(List<FrontierEntry> entries) {
    return entries.stream().map(e -> e.message().get("url").asText()).toList();
  }

  @Test
  void usesScrapyRedisKeysAndTakesByPriorityThenAge() {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    assertTrue(f.push(entry("http://127.0.0.1/a", 0, false)));
    assertTrue(f.push(entry("http://127.0.0.1/b", 5, false)));
    assertTrue(f.push(entry("http://127.0.0.1/c", 0, false)));
    assertEquals(3, redis.zcard("shop:requests"));
    assertEquals(3, redis.scard("shop:dupefilter"));
    assertTrue(
        redis.sismember(
            "shop:dupefilter",
            ScrapyRedisFingerprint.of("GET", "http://127.0.0.1/b", new byte[0])));
    assertEquals(
        List.of(-5.0, 0.0, 0.0),
        redis.zrangeWithScores("shop:requests", 0, -1).stream().map(t -> t.getScore()).toList());

    assertEquals(List.of("http://127.0.0.1/b"), urls(f.take(1)));
    assertEquals(2, f.queued());
    assertEquals(1, f.leased());
    assertEquals(1, redis.zcard("shop:leases"));
    List<FrontierEntry> rest = f.take(10);
    assertEquals(2, rest.size());
    assertEquals(Set.of("http://127.0.0.1/a", "http://127.0.0.1/c"), new HashSet<>(urls(rest)));
    assertEquals(List.of(), f.take(10));
  }

  @Test
  void duplicatesAreDroppedUnlessDontFilter() {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    assertTrue(f.push(entry("http://127.0.0.1/a", 0, false)));
    assertFalse(f.push(entry("http://127.0.0.1/a", 0, false)));
    assertFalse(f.push(entry("http://127.0.0.1/a#fragment", 0, false)), "canonical URL");
    assertTrue(f.push(entry("http://127.0.0.1/a", 0, true)));
    assertTrue(f.push(entry("http://127.0.0.1/a", 0, true)), "two dont_filter entries stay two");
    assertEquals(3, f.queued());
  }

  @Test
  void anAcknowledgedRequestIsGoneAnExpiredLeaseGoesBackToAnotherWorker() throws Exception {
    RedisFrontier one = worker(Duration.ofMillis(300));
    RedisFrontier two = worker(Duration.ofMillis(300));
    one.push(entry("http://127.0.0.1/acked", 1, false));
    one.push(entry("http://127.0.0.1/lost", 0, false));
    List<FrontierEntry> taken = one.take(2);
    assertEquals(List.of("http://127.0.0.1/acked", "http://127.0.0.1/lost"), urls(taken));
    one.ack(taken.get(0));
    // worker one "dies" holding the second lease
    assertEquals(List.of(), two.take(5), "a live lease is not handed out");
    Thread.sleep(500);
    assertEquals(List.of("http://127.0.0.1/lost"), urls(two.take(5)));
    assertEquals(0, two.queued());
  }

  @Test
  void renewingKeepsALeaseAlive() throws Exception {
    RedisFrontier one = worker(Duration.ofMillis(400));
    RedisFrontier two = worker(Duration.ofMillis(400));
    one.push(entry("http://127.0.0.1/slow", 0, false));
    List<FrontierEntry> held = one.take(1);
    for (int i = 0; i < 4; i++) {
      Thread.sleep(200);
      assertEquals(1, one.renew(held));
    }
    assertEquals(List.of(), two.take(1));
    one.ack(held.get(0));
    assertEquals(0, one.leased());
  }

  @Test
  void releaseGivesARequestBackAtOnce() {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    f.push(entry("http://127.0.0.1/a", 3, false));
    FrontierEntry e = f.take(1).get(0);
    f.release(e);
    assertEquals(0, f.leased());
    assertEquals(List.of("http://127.0.0.1/a"), urls(f.take(1)));
  }

  @Test
  void concurrentWorkersNeverTakeTheSameRequest() throws Exception {
    RedisFrontier seed = worker(Duration.ofSeconds(30));
    for (int i = 0; i < 600; i++) {
      seed.push(entry("http://127.0.0.1/p/" + i, i % 7, false));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      RedisFrontier f = worker(Duration.ofSeconds(30));
      results.add(
          pool.submit(
              () -> {
                List<String> got = new ArrayList<>();
                for (List<FrontierEntry> batch = f.take(7); !batch.isEmpty(); batch = f.take(7)) {
                  for (FrontierEntry e : batch) {
                    got.add(e.message().get("url").asText());
                    f.ack(e);
                  }
                }
                return got;
              }));
    }
    List<String> all = new ArrayList<>();
    for (Future<List<String>> r : results) {
      all.addAll(r.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(600, all.size());
    assertEquals(600, new HashSet<>(all).size());
    assertEquals(0, redis.zcard("shop:leases"));
  }

  @Test
  void aRedisOutageIsWaitedOutAndNothingIsLost() throws Exception {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    f.push(entry("http://127.0.0.1/before", 0, false));
    server.kill();
    CompletableFuture<Boolean> during =
        CompletableFuture.supplyAsync(() -> f.push(entry("http://127.0.0.1/during", 0, false)));
    Thread.sleep(800);
    assertFalse(during.isDone(), "the call waits for Redis instead of failing or dropping");
    server.start();
    assertTrue(during.get(20, TimeUnit.SECONDS));
    assertEquals(
        Set.of("http://127.0.0.1/before", "http://127.0.0.1/during"),
        new HashSet<>(urls(f.take(10))));
    assertTrue(
        warnings.stream()
            .anyMatch(w -> w.contains("cannot be reached") && w.contains(server.url())),
        warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("answers again")), warnings.toString());
  }

  @Test
  void aWrongRedisUrlIsAClearErrorAtStart() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    RedisFrontier f =
        new RedisFrontier(
            "redis://127.0.0.1:" + closedPort + "/0", "shop", Duration.ofSeconds(1), warnings::add);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f::verify);
    assertTrue(
        e.getMessage()
            .startsWith("REDIS_URL redis://127.0.0.1:" + closedPort + "/0" + " cannot be used: "),
        e.getMessage());
    f.close();
    IllegalArgumentException scheme =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RedisFrontier("http://127.0.0.1:1/", "shop", Duration.ofSeconds(1), w -> {}));
    assertEquals(
        "REDIS_URL 'http://127.0.0.1:1/' is not of the form redis://host[:port][/db]",
        scheme.getMessage());
    IllegalArgumentException db =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new RedisFrontier(
                    "redis://127.0.0.1:1/zero", "shop", Duration.ofSeconds(1), w -> {}));
    assertEquals(
        "REDIS_URL 'redis://127.0.0.1:1/zero': database 'zero' is not a whole number",
        db.getMessage());
  }

  @Test
  void startUrlsTakesUrlsAndJsonAndKeepsWhatItCannotRead() {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    redis.rpush(
        "shop:start_urls",
        "http://127.0.0.1/one",
        "not a url",
        "{\"url\": \"http://127.0.0.1/two\", \"meta\": {\"page\": 2}, \"priority\": 4}",
        "{\"url\": 7}",
        "{broken");
    assertEquals(new StartUrl("http://127.0.0.1/one", Map.of(), 0), f.nextStartUrl());
    assertEquals(new StartUrl("http://127.0.0.1/two", Map.of("page", 2), 4), f.nextStartUrl());
    assertNull(f.nextStartUrl());
    assertEquals(
        List.of("not a url", "{\"url\": 7}", "{broken"),
        redis.lrange("shop:start_urls:invalid", 0, -1));
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains("'not a url' is neither an absolute URL nor a JSON object"));
    assertTrue(warnings.get(1).contains("\"url\" is missing or not an absolute URL"));
    assertTrue(warnings.get(2).contains("not valid JSON"));
  }

  @Test
  void aForeignEntryInTheQueueIsParkedNotDropped() {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    redis.zadd("shop:requests", 0, "\u0080\u0004pickled-by-python");
    f.push(entry("http://127.0.0.1/ok", 0, false));
    List<FrontierEntry> got = f.take(5);
    assertEquals(List.of("http://127.0.0.1/ok"), urls(got));
    assertEquals(
        List.of("\u0080\u0004pickled-by-python"), redis.lrange("shop:requests:invalid", 0, -1));
    assertEquals(1, redis.zcard("shop:leases"), "only the readable entry is leased");
    assertTrue(warnings.get(0).contains("is not a StreamSpider request"), warnings.toString());
  }

  @Test
  void flushEmptiesQueueLeasesAndFilter() {
    RedisFrontier f = worker(Duration.ofSeconds(30));
    f.push(entry("http://127.0.0.1/a", 0, false));
    f.push(entry("http://127.0.0.1/b", 0, false));
    f.take(1);
    f.flush();
    assertEquals(0, f.queued());
    assertEquals(0, f.leased());
    assertTrue(f.push(entry("http://127.0.0.1/a", 0, false)), "the filter was emptied too");
  }

  @Test
  void entriesRoundTripTheirDocumentedJson() {
    FrontierEntry e = entry("http://127.0.0.1/x", -3, true);
    JsonNode stored = JSON.valueToTree(Collections.emptyMap());
    String json = e.toJson();
    assertTrue(
        json.startsWith(
            "{\"uid\":\""
                + e.uid()
                + "\",\"fp\":\""
                + e.fingerprint()
                + "\",\"priority\":-3,\"dont_filter\":true,\"message\":{"),
        json);
    assertEquals(e, FrontierEntry.fromJson(json));
    assertEquals(0, stored.size());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> FrontierEntry.fromJson("{\"uid\": 1}"));
    assertEquals("\"uid\" is missing or not a string", bad.getMessage());
  }
}
