package io.streamspider.runtime.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The crawl's counters, with Scrapy's key names where Scrapy has one. */
public final class Stats {
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  public void increment(String key) {
    add(key, 1);
  }

  public void add(String key, long n) {
    counters.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
  }

  public long get(String key) {
    AtomicLong v = counters.get(key);
    return v == null ? 0 : v.get();
  }

  /** A sorted copy. */
  public Map<String, Object> snapshot() {
    Map<String, Object> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }
}
