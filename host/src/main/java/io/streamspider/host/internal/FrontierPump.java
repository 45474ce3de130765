package io.streamspider.host.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.host.internal.engine.DownloadRequest;
import io.streamspider.host.internal.engine.Engine;
import io.streamspider.host.internal.engine.RequestUrls;
import io.streamspider.host.internal.engine.Settings;
import io.streamspider.host.internal.engine.Stats;
import io.streamspider.host.internal.engine.frontier.DiskFrontier;
import io.streamspider.host.internal.engine.frontier.Frontier;
import io.streamspider.host.internal.engine.frontier.FrontierEntry;
import io.streamspider.host.internal.engine.frontier.RedisFrontier;
import io.streamspider.host.internal.engine.frontier.ScrapyRedisFingerprint;
import io.streamspider.host.internal.engine.frontier.StartUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Frontier mode of a {@link Session} (docs/scale-out.md): the spider's requests go into a {@link
 * Frontier} (its duplicate filter replaces the engine's), a thread of its own takes leased entries
 * while the engine has room and hands them to the session to download, and a lease is acknowledged
 * when the runtime says {@code processed} for its id. It also renews the leases of slow downloads
 * (Redis), reads {@code <spider>:start_urls} (Redis), and closes the spider's input once nothing
 * has been waiting, leased or in flight for {@code MAX_IDLE_TIME_BEFORE_CLOSE}.
 */
final class FrontierPump {
  static final String LOG = "host.frontier";
  private static final String DUPEFILTER_LOG = "scrapy.dupefilters";

  /** What the pump needs from its session. */
  interface Host {
    /** Downloads a leased request; its answer goes to the spider as any other. */
    void fetch(Inbound.Request request);

    /** Downloads of this session not answered yet. */
    int downloading();

    /** Closes the spider's stdin: the crawl is finished. */
    void closeSpiderInput();

    /** The pump's thread failed: the crawl stops. */
    void failed(String where, Throwable e);
  }

  /** Which frontier the settings ask for, or null when none: known before the spider speaks. */
  static String mode(Map<String, String> commandLine) {
    String jobdir = commandLine.get("JOBDIR");
    if (jobdir != null && !jobdir.isBlank()) {
      return "JOBDIR";
    }
    return isRedis(commandLine.get("SCHEDULER")) ? "SCHEDULER=redis" : null;
  }

  static boolean isRedis(String scheduler) {
    return scheduler != null
        && (scheduler.strip().equalsIgnoreCase("redis")
            || scheduler.strip().equals("scrapy_redis.scheduler.Scheduler"));
  }

  private final Frontier frontier;
  private final RedisFrontier redis; // null for JOBDIR
  private final HostLog log;
  private final Stats stats;
  private final Host host;
  private final boolean dupefilterDebug;
  private final boolean persist;
  private final long maxIdleNanos;
  private final long renewNanos;
  private final int concurrent;
  private final InboundParser parser = new InboundParser();
  private final AtomicBoolean logDupes = new AtomicBoolean(true);

  // guarded by this
  private final Map<String, ArrayDeque<FrontierEntry>> awaiting = new HashMap<>();
  private int held;
  private boolean taking = true;
  private boolean closed;

  private Thread thread;

  private FrontierPump(
      Frontier frontier,
      RedisFrontier redis,
      Settings settings,
      HostLog log,
      Stats stats,
      Host host) {
    this.frontier = frontier;
    this.redis = redis;
    this.log = log;
    this.stats = stats;
    this.host = host;
    this.dupefilterDebug = settings.getBool("DUPEFILTER_DEBUG");
    this.persist = settings.getBool("SCHEDULER_PERSIST");
    this.maxIdleNanos = (long) (settings.getDouble("MAX_IDLE_TIME_BEFORE_CLOSE") * 1e9);
    this.renewNanos = (long) (settings.getDouble("REDIS_LEASE_SECONDS") * 1e9 / 3);
    this.concurrent = settings.getInt("CONCURRENT_REQUESTS");
  }

  /**
   * Opens the frontier the settings name for {@code spider}.
   *
   * @throws IllegalArgumentException naming JOBDIR, REDIS_URL or SCHEDULER when it cannot be used
   */
  static FrontierPump open(Settings settings, String spider, HostLog log, Stats stats, Host host) {
    String jobdir = settings.getString("JOBDIR");
    Consumer<String> warn =
        text -> {
          if (text.contains(":invalid")) {
            log.error(LOG, text); // a bad entry someone pushed: kept, but a person must look
          } else {
            log.warning(LOG, text);
          }
        };
    if (jobdir != null && !jobdir.isBlank()) {
      DiskFrontier disk = DiskFrontier.open(Path.of(jobdir), spider, warn);
      log.info(
          LOG,
          disk.resumed() > 0
              ? "Resuming the crawl from JOBDIR "
                  + jobdir
                  + ": "
                  + disk.resumed()
                  + " requests pending"
              : "Keeping the crawl's state in JOBDIR " + jobdir);
      return new FrontierPump(disk, null, settings, log, stats, host);
    }
    String url = settings.getString("REDIS_URL");
    Duration lease = Duration.ofMillis((long) (settings.getDouble("REDIS_LEASE_SECONDS") * 1000));
    RedisFrontier r = new RedisFrontier(url, spider, lease, warn);
    try {
      r.verify();
      if (settings.getBool("SCHEDULER_FLUSH_ON_START")) {
        log.info(
            LOG,
            "SCHEDULER_FLUSH_ON_START: emptying "
                + spider
                + ":requests, "
                + spider
                + ":leases and "
                + spider
                + ":dupefilter");
        r.flush();
      }
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    log.info(
        LOG,
        "Sharing the queue and the duplicate filter of spider "
            + spider
            + " in Redis at "
            + url
            + " (leases of "
            + lease.toMillis() / 1000.0
            + " s)");
    return new FrontierPump(r, r, settings, log, stats, host);
  }

  /** Pushes the spider's own start URLs (once per frontier: they are filtered as any request). */
  void pushStartUrls(List<String> urls) {
    int added = 0;
    for (String url : urls) {
      ObjectNode m = Json.MAPPER.createObjectNode();
      m.put("type", "request");
      m.put("id", "parse");
      m.put("url", url);
      if (pushMessage(m, 0, false, false)) {
        added++;
      }
    }
    if (added < urls.size()) {
      log.info(
          LOG,
          (urls.size() - added)
              + " of "
              + urls.size()
              + " start URLs were already in the frontier (a resumed or shared crawl)");
    }
  }

  /**
   * Pushes one of the spider's requests (reader thread, in the order the spider wrote them).
   *
   * @param base64 the base64 the host's rules give it (stored, so any worker answers alike)
   * @return false when the frontier's duplicate filter dropped it (logged as Scrapy does)
   * @throws IllegalArgumentException Scrapy's text for a URL that cannot be requested
   */
  boolean push(Inbound.Request r, DownloadRequest req, boolean base64) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(r.line());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed line is not JSON", e);
    }
    ObjectNode m = (ObjectNode) tree;
    if (base64 && !m.has("base64")) {
      m.put("base64", true);
    }
    boolean added = pushMessage(m, req.priority(), req.dontFilter(), false);
    if (!added) {
      String repr = "<" + req.method() + " " + safeUrl(m) + ">";
      if (dupefilterDebug) {
        log.debug(DUPEFILTER_LOG, "Filtered duplicate request: " + repr + " (referer: None)");
      } else if (logDupes.compareAndSet(true, false)) {
        log.debug(
            DUPEFILTER_LOG,
            "Filtered duplicate request: "
                + repr
                + " - no more duplicates will be shown (see DUPEFILTER_DEBUG to show all"
                + " duplicates)");
      }
      stats.inc("dupefilter/filtered");
    }
    return added;
  }

  private boolean pushMessage(ObjectNode m, int priority, boolean dontFilter, boolean quiet) {
    String method =
        m.hasNonNull("method") ? m.get("method").asText().toUpperCase(Locale.ROOT) : "GET";
    String url = safeUrl(m);
    byte[] body = body(m);
    String fp =
        redis != null
            ? ScrapyRedisFingerprint.of(method, url, body)
            : Engine.fingerprint(method, url, body);
    boolean added = frontier.push(FrontierEntry.of(fp, priority, dontFilter, m));
    if (added) {
      stats.inc("scheduler/enqueued/" + (redis != null ? "redis" : "disk"));
      wake();
    }
    return added;
  }

  private static String safeUrl(JsonNode m) {
    String encoding = m.hasNonNull("encoding") ? m.get("encoding").asText() : null;
    return RequestUrls.requestUrl(m.get("url").asText(), encoding);
  }

  private static byte[] body(JsonNode m) {
    if (!m.hasNonNull("body")) {
      return new byte[0];
    }
    String encoding = m.hasNonNull("encoding") ? m.get("encoding").asText() : "utf-8";
    try {
      return m.get("body")
          .asText()
          .getBytes(io.streamspider.runtime.internal.PyCodecs.charset(encoding));
    } catch (RuntimeException e) {
      return m.get("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The runtime handled request {@code id}: its lease is acknowledged (reader thread). */
  void processed(String id) {
    FrontierEntry e;
    synchronized (this) {
      ArrayDeque<FrontierEntry> q = awaiting.get(id);
      e = q == null ? null : q.poll();
      if (q != null && q.isEmpty()) {
        awaiting.remove(id);
      }
      if (e != null) {
        held--;
        notifyAll();
      }
    }
    if (e == null) {
      // e.g. the exception of a request refused before it reached the frontier
      log.debug(LOG, "processed " + id + ": no lease of this worker to acknowledge");
      return;
    }
    frontier.ack(e);
    stats.inc("frontier/acknowledged");
  }

  /** Leases held by this worker: taken and not acknowledged. */
  synchronized int held() {
    return held;
  }

  void start() {
    thread = new Thread(this::run, "host-frontier");
    thread.setDaemon(true);
    thread.start();
  }

  /** Something changed (a download ended, a request was pushed): look again at once. */
  synchronized void wake() {
    notifyAll();
  }

  /** A signal: take nothing more; leases already held are finished and acknowledged. */
  synchronized void stopTaking() {
    taking = false;
    notifyAll();
  }

  /**
   * Waits until every lease this worker holds is acknowledged, at most until {@code deadline}
   * ({@link System#nanoTime()}).
   *
   * @return the leases still held
   */
  synchronized int awaitAcknowledged(long deadline) throws InterruptedException {
    while (held > 0) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      wait(Math.min(left, 100));
    }
    return held;
  }

  private void run() {
    long idleSince = 0;
    long lastRenew = System.nanoTime();
    long lastStartUrls = 0;
    try {
      while (true) {
        int room;
        synchronized (this) {
          if (closed || !taking) {
            if (closed) {
              return;
            }
            wait(100);
            continue;
          }
          room = Math.min(concurrent - host.downloading(), 2 * concurrent - held);
        }
        long now = System.nanoTime();
        if (redis != null && now - lastRenew >= renewNanos) {
          renew();
          lastRenew = now;
        }
        if (redis != null && room > 0 && now - lastStartUrls >= 1_000_000_000L) {
          lastStartUrls = now;
          readStartUrls(room);
        }
        List<FrontierEntry> taken = room > 0 ? frontier.take(room) : List.of();
        for (FrontierEntry e : taken) {
          dispatch(e);
        }
        if (!taken.isEmpty()) {
          idleSince = 0;
          continue;
        }
        if (room > 0 && idle()) {
          if (idleSince == 0) {
            idleSince = now;
          }
          if (now - idleSince >= maxIdleNanos) {
            log.info(
                LOG,
                "Nothing waiting, leased or in flight"
                    + (maxIdleNanos > 0 ? " for " + maxIdleNanos / 1e9 + " s" : "")
                    + ": the crawl is finished; closing the spider's input");
            synchronized (this) {
              taking = false;
            }
            host.closeSpiderInput();
            return;
          }
        } else {
          idleSince = 0;
        }
        synchronized (this) {
          if (!closed && taking) {
            wait(room > 0 ? 50 : 100);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        if (closed) {
          return; // interrupted inside a Redis back-off at the end of the crawl
        }
      }
      host.failed("taking requests from the frontier", e);
    }
  }

  private boolean idle() {
    synchronized (this) {
      if (held > 0) {
        return false;
      }
    }
    return host.downloading() == 0 && frontier.queued() == 0 && frontier.leased() == 0;
  }

  private void readStartUrls(int max) {
    for (int i = 0; i < max; i++) {
      StartUrl s = redis.nextStartUrl();
      if (s == null) {
        return;
      }
      ObjectNode m = Json.MAPPER.createObjectNode();
      m.put("type", "request");
      m.put("id", "parse");
      m.put("url", s.url());
      if (!s.meta().isEmpty()) {
        m.set("meta", Json.MAPPER.valueToTree(s.meta()));
      }
      if (s.priority() != 0) {
        m.put("priority", s.priority());
      }
      m.put("dont_filter", true);
      try {
        pushMessage(m, s.priority(), true, false);
        log.info(LOG, "Start URL from the start_urls list: " + s.url());
      } catch (IllegalArgumentException bad) {
        log.error(
            LOG, "Ignored start URL " + s.url() + " from the start_urls list: " + bad.getMessage());
      }
    }
  }

  private void renew() {
    List<FrontierEntry> mine = new ArrayList<>();
    synchronized (this) {
      awaiting.values().forEach(mine::addAll);
    }
    long kept = redis.renew(mine);
    if (kept < mine.size()) {
      log.warning(
          LOG,
          (mine.size() - kept)
              + " of "
              + mine.size()
              + " leases had expired"
              + " before they were renewed: another worker may fetch those requests too");
    }
  }

  private void dispatch(FrontierEntry e) {
    String line = e.message().toString();
    Inbound msg;
    try {
      msg = parser.parse(line);
    } catch (InvalidMessageException bad) {
      msg = null;
      log.error(
          LOG,
          "A request in the frontier is not a valid request ("
              + bad.getMessage()
              + "); acknowledged and dropped: "
              + e.toJson());
    }
    if (!(msg instanceof Inbound.Request r)) {
      if (msg != null) {
        log.error(
            LOG, "A frontier entry is not a request; acknowledged and dropped: " + e.toJson());
      }
      frontier.ack(e);
      return;
    }
    synchronized (this) {
      awaiting.computeIfAbsent(r.message().id(), k -> new ArrayDeque<>()).add(e);
      held++;
    }
    stats.inc("scheduler/dequeued/" + (redis != null ? "redis" : "disk"));
    host.fetch(r);
  }

  /**
   * Ends the pump with the crawl. A finished Redis crawl without SCHEDULER_PERSIST deletes its
   * keys, as scrapy-redis does; any other end keeps everything (unacknowledged leases come back).
   */
  void close(boolean finished) {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        t.interrupt();
      }
    }
    try {
      if (redis != null
          && finished
          && !persist
          && frontier.queued() == 0
          && frontier.leased() == 0) {
        log.info(LOG, "The crawl finished: deleting its keys in Redis (SCHEDULER_PERSIST is off)");
        redis.deleteKeys();
      }
    } finally {
      frontier.close();
    }
  }
}
