package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The crawl's stats under Scrapy's key names ({@code downloader/request_count}, {@code
 * downloader/response_status_count/200}, {@code scheduler/enqueued}, {@code retry/count}, {@code
 * finish_reason}, {@code log_count/INFO}, ...), thread-safe. {@link #dump()} renders them as
 * Scrapy's stats collector logs them: {@code Dumping Scrapy stats:} and a pretty-printed dict.
 */
public final class Stats {
  private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

  public void inc(String key) {
    inc(key, 1);
  }

  public void inc(String key, long by) {
    values.merge(key, by, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
  }

  public void set(String key, Object value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.put(key, value);
    }
  }

  /** Keeps the larger of the current value and {@code value}. */
  public void max(String key, long value) {
    values.merge(
        key, value, (a, b) -> Math.max(((Number) a).longValue(), ((Number) b).longValue()));
  }

  /** Keeps the smaller of the current value and {@code value}. */
  public void min(String key, long value) {
    values.merge(
        key, value, (a, b) -> Math.min(((Number) a).longValue(), ((Number) b).longValue()));
  }

  /** The value, or null. */
  public Object get(String key) {
    return values.get(key);
  }

  /** A numeric value, 0 when absent. */
  public long getLong(String key) {
    Object v = values.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** A sorted copy. */
  public Map<String, Object> snapshot() {
    return Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /**
   * Counts every line the log writes as {@code log_count/LEVEL}, as Scrapy does.
   *
   * @return stops the counting
   */
  Runnable countLogs(HostLog log) {
    HostLog.Listener l = (component, level, message) -> inc("log_count/" + level.name());
    log.addListener(l);
    return () -> log.removeListener(l);
  }

  /** Scrapy's stats dump text: {@code Dumping Scrapy stats:} then {@code pprint.pformat(stats)}. */
  public String dump() {
    return "Dumping Scrapy stats:\n" + PyFormat.pformat(snapshot());
  }

  @Override
  public String toString() {
    return PyFormat.pformat(snapshot());
  }
}
