package io.streamspider.host.internal.engine.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.StreamingHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Whole crawls in frontier mode (docs/scale-out.md): the embedded host in child JVMs, stopped with
 * real SIGINT and SIGKILL, a real redis-server killed and restarted, a site on 127.0.0.1 that logs
 * every fetch. The crawls run the real runtime with a spider that follows every link ({@code
 * TreeSpider}); the bad-input cases use {@code spiders/frontier_spider.py}, a minimal runtime in
 * Python (one of them leaves out the runtime's frontier confirmation).
 */
class FrontierCrawlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONCURRENT = 8;

  @TempDir Path dir;

  /**
   * JOBDIR: stopped at random points by SIGINT and SIGKILL, resumed until done. Every page gives
   * its item; a page is fetched twice only when its first fetch was in a run ended by SIGKILL, and
   * then at most the leases held (2 x CONCURRENT_REQUESTS) per kill.
   */
  @Test
  @Timeout(120)
  void jobdirResumesAfterSigintAndSigkillAndRefetchesOnlyWhatWasInFlight() throws Exception {
    Random random = new Random();
    List<String> settings =
        List.of(
            "JOBDIR=" + dir.resolve("job"),
            "CONCURRENT_REQUESTS=" + CONCURRENT,
            "LOGSTATS_INTERVAL=0");
    Set<Integer> killedSegments = new HashSet<>();
    List<HostProcess> started = new ArrayList<>();
    try (FrontierSite site = new FrontierSite(2500, 2)) {
      String[] stops = {"INT", "KILL", "INT", "KILL"};
      int segment = 0;
      for (String stop : stops) {
        site.segment = segment;
        HostProcess host =
            HostProcess.start(
                dir, "run" + segment, items(segment), site.start(), settings, List.of());
        started.add(host);
        int target = site.fetched() + 150 + random.nextInt(300);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (site.fetched() < target && host.process.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(host.process.isAlive(), "the crawl ended before it was stopped:\n" + host.log());
        if (stop.equals("INT")) {
          host.interrupt();
          int exit = host.waitFor(40);
          assertEquals(130, exit, host.log());
          assertTrue(host.log().contains("Closing the spider's input"), host.log());
        } else {
          host.killAll();
          killedSegments.add(segment);
        }
        segment++;
      }
      site.segment = segment;
      HostProcess last =
          HostProcess.start(
              dir, "run" + segment, items(segment), site.start(), settings, List.of());
      started.add(last);
      assertEquals(0, last.waitFor(60), last.log());
      assertTrue(last.log().contains("Resuming the crawl from JOBDIR"), last.log());

      Set<Integer> pages = itemPages();
      for (int i = 0; i < site.pages; i++) {
        assertTrue(pages.contains(i), "no item for page " + i);
      }
      Map<Integer, List<Integer>> segmentsOf = new HashMap<>();
      site.fetches.forEach(
          f -> segmentsOf.computeIfAbsent(f.page(), k -> new ArrayList<>()).add(f.segment()));
      Map<Integer, Integer> refetchedAfter = new HashMap<>();
      for (Map.Entry<Integer, List<Integer>> e : segmentsOf.entrySet()) {
        List<Integer> segs = e.getValue();
        for (int k = 0; k < segs.size() - 1; k++) {
          int first = segs.get(k);
          assertTrue(
              killedSegments.contains(first),
              "page "
                  + e.getKey()
                  + " fetched again after run "
                  + first
                  + ", which was not SIGKILLed: "
                  + segs);
          refetchedAfter.merge(first, 1, Integer::sum);
        }
      }
      refetchedAfter.forEach(
          (seg, n) ->
              assertTrue(
                  n <= 2 * CONCURRENT,
                  n
                      + " pages fetched again after the SIGKILL of run "
                      + seg
                      + ": more than the "
                      + 2 * CONCURRENT
                      + " leases a worker holds"));
    } finally {
      for (HostProcess h : started) {
        if (h.process.isAlive()) {
          h.killAll();
        }
      }
    }
  }

  /**
   * SCHEDULER=redis: three workers; one SIGKILLed mid-crawl and restarted; redis-server SIGKILLed
   * and restarted mid-crawl (append-only file). Every page is fetched and gives its item, every
   * worker finishes with exit 0 and logged the outage, and duplicate fetches stay within the leases
   * that were held.
   */
  @Test
  @Timeout(240)
  void threeRedisWorkersSurviveAKilledWorkerAndARedisRestart() throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    try (RedisServer server = new RedisServer(redisDir);
        JedisPooled redis = new JedisPooled("127.0.0.1", server.port());
        FrontierSite site = new FrontierSite(2000, 3)) {
      List<String> settings =
          List.of(
              "SCHEDULER=redis",
              "REDIS_URL=" + server.url(),
              "REDIS_LEASE_SECONDS=3",
              "MAX_IDLE_TIME_BEFORE_CLOSE=4",
              "CONCURRENT_REQUESTS=" + CONCURRENT,
              "LOGSTATS_INTERVAL=0");
      List<HostProcess> workers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        workers.add(
            HostProcess.start(dir, "worker" + w, items(w), site.start(), settings, List.of()));
      }
      try {
        crawlWithFaults(site, server, redis, settings, workers);
      } catch (AssertionError e) {
        StringBuilder logs = new StringBuilder(e.getMessage());
        for (HostProcess w : workers) {
          logs.append("\n--- ").append(w.log).append(":\n").append(w.log());
        }
        throw new AssertionError(logs.toString(), e);
      } finally {
        for (HostProcess w : workers) {
          if (w.process.isAlive()) {
            w.killAll(); // a worker waiting for a Redis that is gone would wait for ever
          }
        }
      }
    }
  }

  private void crawlWithFaults(
      FrontierSite site,
      RedisServer server,
      JedisPooled redis,
      List<String> settings,
      List<HostProcess> workers)
      throws Exception {
    {
      waitForFetches(site, 300, workers.get(1));
      long leasedAtKill = redis.zcard("frontier_test:leases");
      workers.get(1).killAll();
      HostProcess restarted =
          HostProcess.start(dir, "worker1b", items(3), site.start(), settings, List.of());
      workers.add(restarted);
      // a worker that starts while Redis is down stops at once (REDIS_URL cannot be used)
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!restarted.log().contains("Spider opened")) {
        assertTrue(
            restarted.process.isAlive() && System.nanoTime() < deadline,
            "the restarted worker did not start:\n" + restarted.log());
        Thread.sleep(20);
      }
      waitForFetches(site, site.fetched() + 300, workers.get(0));
      long leasedAtOutage = redis.zcard("frontier_test:leases");
      server.kill();
      Thread.sleep(1500);
      server.start();
      for (HostProcess w : List.of(workers.get(0), workers.get(2), restarted)) {
        assertEquals(0, w.waitFor(90), w.log());
        assertFalse(w.log().contains("Traceback"), w.log());
      }
      for (HostProcess w : List.of(workers.get(0), workers.get(2))) {
        // the restarted worker may have been starting while Redis was down
        assertTrue(w.log().contains("cannot be reached"), "no outage logged:\n" + w.log());
        assertTrue(w.log().contains("answers again"), w.log());
      }
      for (int i = 0; i < site.pages; i++) {
        assertTrue(site.counts.containsKey(i), "page " + i + " never fetched");
      }
      Set<Integer> pages = itemPages();
      assertEquals(site.pages, pages.size(), "items of every page");
      int duplicates = site.fetched() - site.counts.size();
      assertTrue(
          duplicates <= leasedAtKill + leasedAtOutage,
          duplicates
              + " duplicate fetches; leases held at the kill "
              + leasedAtKill
              + ", at the outage "
              + leasedAtOutage);
      try (JedisPooled after = new JedisPooled("127.0.0.1", server.port())) {
        assertFalse(
            after.exists("frontier_test:requests"),
            "the finished crawl deleted its queue (SCHEDULER_PERSIST off)");
      }
    }
  }

  private static void waitForFetches(FrontierSite site, int n, HostProcess watched)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (site.fetched() < n) {
      assertTrue(watched.process.isAlive(), "ended early:\n" + watched.log());
      assertTrue(System.nanoTime() < deadline, "no progress:\n" + watched.log());
      Thread.sleep(5);
    }
  }

  /** The feed of run (or worker) {@code n}: each process its own file, as concurrent ones must. */
  private Path items(int n) {
    return dir.resolve("items" + n + ".jsonl");
  }

  /**
   * The pages of every feed's items. A SIGKILLed run may have cut its last line short: such a line
   * (no newline) is no item; any other line that is not an item fails.
   */
  private Set<Integer> itemPages() throws Exception {
    Set<Integer> pages = new HashSet<>();
    try (var files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("items\\d+\\.jsonl")).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
          String url = JSON.readTree(lines[i]).get("url").asText();
          pages.add(Integer.parseInt(url.substring(url.lastIndexOf('/') + 1)));
        }
      }
    }
    return pages;
  }

  // --- bad input: the host in this JVM, the minimal runtime as its child ---------------------

  private record Run(int exit, String log) {}

  private Run crawl(String start, Consumer<StreamingHost.Builder> options) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    StreamingHost.Builder b =
        StreamingHost.builder(
                List.of(
                    "/usr/bin/python3",
                    HostProcess.script(dir).toString(),
                    dir.resolve("items.jsonl").toString(),
                    start))
            .logTo(new PrintStream(log, true, StandardCharsets.UTF_8))
            .allowStderr(true)
            .exitGrace(Duration.ofSeconds(2))
            .setting("LOG_LEVEL", "INFO");
    options.accept(b);
    int exit = b.build().run();
    return new Run(exit, log.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(60)
  void aJobdirOfAnotherSpiderIsRefusedNamingBoth() throws Exception {
    Path job = Files.createDirectories(dir.resolve("job"));
    Files.writeString(job.resolve("job.json"), "{\"spider\": \"books\", \"format\": 1}\n");
    try (FrontierSite site = new FrontierSite(10, 0)) {
      Run r = crawl(site.start(), b -> b.setting("JOBDIR", job.toString()));
      assertNotEquals(0, r.exit, r.log);
      assertTrue(
          r.log.contains("JOBDIR " + job + " belongs to spider 'books', not" + " 'frontier_test'"),
          r.log);
      assertEquals(0, site.fetched(), "nothing crawled");
      assertEquals(
          "{\"spider\": \"books\", \"format\": 1}\n",
          Files.readString(job.resolve("job.json")),
          "the other spider's JOBDIR is untouched");
    }
  }

  @Test
  @Timeout(60)
  void anUnreachableRedisUrlIsAnErrorNamingIt() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed: nothing listens there
    }
    try (FrontierSite site = new FrontierSite(10, 0)) {
      Run r =
          crawl(
              site.start(),
              b ->
                  b.setting("SCHEDULER", "redis")
                      .setting("REDIS_URL", "redis://127.0.0.1:" + port + "/0"));
      assertNotEquals(0, r.exit, r.log);
      assertTrue(
          r.log.contains("REDIS_URL redis://127.0.0.1:" + port + "/0 cannot be used"), r.log);
      Run wrong =
          crawl(
              site.start(),
              b ->
                  b.setting("SCHEDULER", "redis").setting("REDIS_URL", "http://127.0.0.1:" + port));
      assertNotEquals(0, wrong.exit, wrong.log);
      assertTrue(
          wrong.log.contains(
              "REDIS_URL 'http://127.0.0.1:"
                  + port
                  + "' is not of the form redis://host[:port][/db]"),
          wrong.log);
      assertEquals(0, site.fetched());
    }
  }

  @Test
  @Timeout(60)
  void aRuntimeThatDoesNotConfirmFrontierModeStopsTheCrawl() throws Exception {
    try (FrontierSite site = new FrontierSite(10, 0)) {
      Run r =
          crawl(
              site.start(),
              b ->
                  b.setting("JOBDIR", dir.resolve("job").toString())
                      .environment("NO_FRONTIER", "1"));
      assertNotEquals(0, r.exit, r.log);
      assertTrue(
          r.log.contains(
              "JOBDIR needs a spider whose StreamSpider runtime supports" + " frontier mode"),
          r.log);
      assertEquals(0, site.fetched());
    }
  }

  @Test
  @Timeout(60)
  void jobdirFromCustomSettingsOrAnotherSchedulerIsRefused() throws Exception {
    try (FrontierSite site = new FrontierSite(10, 0)) {
      Run r = crawl(site.start(), b -> b.setting("SCHEDULER", "myproject.MyScheduler"));
      assertNotEquals(0, r.exit, r.log);
      assertTrue(
          r.log.contains(
              "SCHEDULER 'myproject.MyScheduler' (from -s on the command"
                  + " line): the embedded host has Scrapy's scheduler and 'redis'"),
          r.log);
    }
  }

  @Test
  @Timeout(60)
  void aMalformedStartUrlsEntryIsKeptAndNamedAndTheCrawlGoesOn() throws Exception {
    Path redisDir = Files.createDirectories(dir.resolve("redis"));
    try (RedisServer server = new RedisServer(redisDir);
        JedisPooled redis = new JedisPooled("127.0.0.1", server.port());
        FrontierSite site = new FrontierSite(20, 0)) {
      String pushed = "http://127.0.0.1:" + site.start().split(":")[2].split("/")[0] + "/p/19";
      redis.rpush("frontier_test:start_urls", "{\"url\": 42}", pushed);
      Run r =
          crawl(
              site.start(),
              b ->
                  b.setting("SCHEDULER", "redis")
                      .setting("REDIS_URL", server.url())
                      .setting("SCHEDULER_PERSIST", "True")
                      .setting("MAX_IDLE_TIME_BEFORE_CLOSE", "1.5"));
      assertEquals(0, r.exit, r.log);
      assertTrue(
          r.log.contains(
              "[host.frontier] ERROR: ignored an entry of frontier_test:start_urls: its \"url\" is"
                  + " missing or not an absolute URL; kept in frontier_test:start_urls:invalid"),
          r.log);
      assertEquals(
          List.of("{\"url\": 42}"), redis.lrange("frontier_test:start_urls:invalid", 0, -1));
      assertEquals(20, site.counts.size(), "every page, the pushed start URL included");
      assertEquals(2, site.counts.get(19).get(), "a pushed start URL is fetched (dont_filter)");
      assertEquals(20, redis.scard("frontier_test:dupefilter"), "SCHEDULER_PERSIST kept it");
    }
  }
}
