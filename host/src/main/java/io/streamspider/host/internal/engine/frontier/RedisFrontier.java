package io.streamspider.host.internal.engine.frontier;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A {@link Frontier} shared by every worker of a spider through Redis, with scrapy-redis's key
 * names and meanings:
 *
 * <ul>
 *   <li>{@code <spider>:requests}: sorted set of waiting requests, score {@code -priority};
 *   <li>{@code <spider>:dupefilter}: set of fingerprints ({@link ScrapyRedisFingerprint});
 *   <li>{@code <spider>:start_urls}: a list users push URLs or JSON objects to;
 * </ul>
 *
 * and one of its own, {@code <spider>:leases}: requests taken by a worker and not yet acknowledged,
 * score = the lease's expiry in Redis's own clock (milliseconds). Each operation is one Lua script,
 * so two workers never take the same request, and an expired lease is put back before anything is
 * taken. While Redis cannot be reached, every call waits and retries with back-off (logged once per
 * outage) and goes on when it returns: nothing is lost.
 */
public final class RedisFrontier implements Frontier {
  /** Puts back expired leases, then pops and leases up to ARGV[1] requests for ARGV[2] ms. */
  private static final String TAKE =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
      for _, m in ipairs(expired) do
        redis.call('ZREM', KEYS[2], m)
        redis.call('ZADD', KEYS[1], -cjson.decode(m).priority, m)
      end
      local popped = redis.call('ZPOPMIN', KEYS[1], tonumber(ARGV[1]))
      local out = {}
      for i = 1, #popped, 2 do
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), popped[i])
        out[#out + 1] = popped[i]
      end
      return out
      """;

  /** Adds ARGV[1] (score ARGV[2]) unless fingerprint ARGV[3] was seen; ARGV[4] = dont_filter. */
  private static final String PUSH =
      """
      if ARGV[4] == '0' and redis.call('SADD', KEYS[2], ARGV[3]) == 0 then
        return 0
      end
      redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
      return 1
      """;

  /** Moves a lease back to the queue if it is still held. */
  private static final String RELEASE =
      """
      if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        return 1
      end
      return 0
      """;

  /** Extends the leases still held (ARGV[1] ms from now); returns how many were. */
  private static final String RENEW =
      """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local n = 0
      for i = 2, #ARGV do
        n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i])
      end
      return n
      """;

  private final JedisPooled redis;
  private final String requestsKey;
  private final String leasesKey;
  private final String dupefilterKey;
  private final String startUrlsKey;
  private final long leaseMillis;
  private final Consumer<String> warn;
  private final Backoff backoff;

  /**
   * @param url {@code redis://[:password@]host[:port][/db]}
   * @param spider the spider name, the keys' prefix
   * @param lease how long a taken request stays leased without {@link #renew}
   * @param warn where outages and their end are reported
   */
  public RedisFrontier(String url, String spider, Duration lease, Consumer<String> warn) {
    RedisUrl u = RedisUrl.parse(url);
    this.redis =
        new JedisPooled(
            new HostAndPort(u.host, u.port),
            DefaultJedisClientConfig.builder()
                .database(u.database)
                .password(u.password)
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(10_000)
                .build());
    this.requestsKey = spider + ":requests";
    this.leasesKey = spider + ":leases";
    this.dupefilterKey = spider + ":dupefilter";
    this.startUrlsKey = spider + ":start_urls";
    this.leaseMillis = lease.toMillis();
    this.warn = warn;
    this.backoff = new Backoff(u.display, warn);
  }

  /**
   * Checks that Redis answers at once: a wrong {@code REDIS_URL} is a start-up error, not an
   * endless wait.
   *
   * @throws IllegalArgumentException naming the URL and what Redis (or the network) said
   */
  public void verify() {
    try {
      try {
        redis.ping();
      } catch (JedisDataException e) {
        if (!unavailable(e)) {
          throw e;
        }
        backoff.call(r -> r.ping(), redis); // reachable, still loading its data: wait for it
      }
    } catch (JedisConnectionException | JedisDataException e) {
      throw new IllegalArgumentException(
          "REDIS_URL " + backoff.display + " cannot be used: " + rootMessage(e), e);
    }
  }

  /** Empties the queue, the leases and the duplicate filter (SCHEDULER_FLUSH_ON_START). */
  public void flush() {
    backoff.call(r -> r.del(requestsKey, leasesKey, dupefilterKey), redis);
  }

  @Override
  public boolean push(FrontierEntry entry) {
    Object added =
        backoff.call(
            r ->
                r.eval(
                    PUSH,
                    List.of(requestsKey, dupefilterKey),
                    List.of(
                        entry.toJson(),
                        Integer.toString(-entry.priority()),
                        entry.fingerprint(),
                        entry.dontFilter() ? "1" : "0")),
            redis);
    return ((Long) added) == 1L;
  }

  @Override
  public List<FrontierEntry> take(int max) {
    if (max <= 0) {
      return List.of();
    }
    Object popped =
        backoff.call(
            r ->
                r.eval(
                    TAKE,
                    List.of(requestsKey, leasesKey),
                    List.of(Integer.toString(max), Long.toString(leaseMillis))),
            redis);
    List<FrontierEntry> out = new ArrayList<>();
    for (Object member : (List<?>) popped) {
      String json = (String) member;
      try {
        out.add(FrontierEntry.fromJson(json));
      } catch (IllegalArgumentException e) {
        // not ours to drop silently: park it where a person can see it
        backoff.call(r -> r.rpush(requestsKey + ":invalid", json), redis);
        backoff.call(r -> r.zrem(leasesKey, json), redis);
        warn.accept(
            "an entry of "
                + requestsKey
                + " is not a StreamSpider request ("
                + e.getMessage()
                + "); moved to "
                + requestsKey
                + ":invalid: "
                + abbreviate(json));
      }
    }
    return out;
  }

  /** Extends the leases of requests still in flight, so a slow download keeps its lease. */
  public long renew(List<FrontierEntry> held) {
    if (held.isEmpty()) {
      return 0;
    }
    List<String> args = new ArrayList<>(held.size() + 1);
    args.add(Long.toString(leaseMillis));
    held.forEach(e -> args.add(e.toJson()));
    return (Long) backoff.call(r -> r.eval(RENEW, List.of(leasesKey), args), redis);
  }

  @Override
  public void ack(FrontierEntry entry) {
    backoff.call(r -> r.zrem(leasesKey, entry.toJson()), redis);
  }

  @Override
  public void release(FrontierEntry entry) {
    backoff.call(
        r ->
            r.eval(
                RELEASE,
                List.of(requestsKey, leasesKey),
                List.of(entry.toJson(), Integer.toString(-entry.priority()))),
        redis);
  }

  @Override
  public long queued() {
    return backoff.call(r -> r.zcard(requestsKey), redis);
  }

  @Override
  public long leased() {
    return backoff.call(r -> r.zcard(leasesKey), redis);
  }

  /** Takes the next entry a user pushed to {@code <spider>:start_urls}, or null. */
  public StartUrl nextStartUrl() {
    String raw = backoff.call(r -> r.lpop(startUrlsKey), redis);
    if (raw == null) {
      return null;
    }
    try {
      return StartUrl.parse(raw);
    } catch (IllegalArgumentException e) {
      backoff.call(r -> r.rpush(startUrlsKey + ":invalid", raw), redis);
      warn.accept(
          "ignored an entry of "
              + startUrlsKey
              + ": "
              + e.getMessage()
              + "; kept in "
              + startUrlsKey
              + ":invalid: "
              + abbreviate(raw));
      return nextStartUrl();
    }
  }

  /** Deletes this spider's keys (the end of a crawl without SCHEDULER_PERSIST). */
  public void deleteKeys() {
    backoff.call(r -> r.del(requestsKey, leasesKey, dupefilterKey), redis);
  }

  @Override
  public void close() {
    redis.close();
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " chars)";
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t == e || m == null ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + m + ")";
  }

  /** Retries a Redis call while the connection is down, with back-off, reporting the outage. */
  static final class Backoff {
    private final String display;
    private final Consumer<String> warn;
    private final long maxMillis;
    private boolean down;

    Backoff(String display, Consumer<String> warn) {
      this(display, warn, 5_000);
    }

    Backoff(String display, Consumer<String> warn, long maxMillis) {
      this.display = display;
      this.warn = warn;
      this.maxMillis = maxMillis;
    }

    <T> T call(Function<JedisPooled, T> op, JedisPooled redis) {
      long wait = 100;
      long since = 0;
      while (true) {
        try {
          T result = op.apply(redis);
          synchronized (this) {
            if (down) {
              down = false;
              warn.accept("Redis at " + display + " answers again; going on where the crawl was");
            }
          }
          return result;
        } catch (JedisConnectionException | JedisDataException e) {
          if (e instanceof JedisDataException && !unavailable(e)) {
            throw e; // a real error (a script's, a wrong key type): not an outage
          }
          synchronized (this) {
            if (!down) {
              down = true;
              warn.accept(
                  "Redis at "
                      + display
                      + " cannot be reached ("
                      + rootMessage(e)
                      + "); waiting for it, retrying with back-off up to every "
                      + maxMillis / 1000
                      + " s");
            }
          }
          if (since == 0) {
            since = System.nanoTime();
          }
          try {
            Thread.sleep(wait);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                "interrupted while waiting for Redis at " + display, interrupted);
          }
          wait = Math.min(maxMillis, wait * 2);
        }
      }
    }
  }

  /**
   * Redis answers but cannot serve yet: {@code LOADING} while a restarted server reads its
   * append-only file, {@code BUSY} while a script runs too long, {@code MASTERDOWN} on a replica.
   */
  static boolean unavailable(RuntimeException e) {
    String m = e.getMessage();
    return m != null
        && (m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("MASTERDOWN"));
  }

  /** A parsed {@code REDIS_URL}. */
  record RedisUrl(String host, int port, int database, String password, String display) {
    static RedisUrl parse(String url) {
      URI u;
      try {
        u = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "REDIS_URL '" + url + "' is not a URL: " + e.getMessage(), e);
      }
      if (!"redis".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException(
            "REDIS_URL '" + url + "' is not of the form redis://host[:port][/db]");
      }
      int db = 0;
      String path = u.getPath();
      if (path != null && path.length() > 1) {
        try {
          db = Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "REDIS_URL '"
                  + url
                  + "': database '"
                  + path.substring(1)
                  + "' is not a whole number");
        }
      }
      String password = null;
      String info = u.getUserInfo();
      if (info != null) {
        password = info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
      }
      int port = u.getPort() == -1 ? 6379 : u.getPort();
      return new RedisUrl(
          u.getHost(), port, db, password, "redis://" + u.getHost() + ":" + port + "/" + db);
    }
  }
}
