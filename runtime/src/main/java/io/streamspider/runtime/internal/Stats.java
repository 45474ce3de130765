package io.streamspider.runtime.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The crawl's counters, with Scrapy's key names where Scrapy has one. */
public final class Stats implements java.util.function.Supplier<Map<String, Object>> {
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  public void increment(String key) {
    add(key, 1);
  }

  public void add(String key, long n) {
    counter(key).addAndGet(n);
  }

  /** The counter itself, for a hot path that increments it often. */
  public AtomicLong counter(String key) {
    AtomicLong v = counters.get(key);
    if (v == null) {
      AtomicLong fresh = new AtomicLong();
      v = counters.putIfAbsent(key, fresh);
      if (v == null) {
        v = fresh;
      }
    }
    return v;
  }

  public long get(String key) {
    AtomicLong v = counters.get(key);
    return v == null ? 0 : v.get();
  }

  @Override
  public Map<String, Object> get() {
    return snapshot();
  }

  /** A sorted copy. */
  public Map<String, Object> snapshot() {
    Map<String, Object> m = new TreeMap<>();
    for (Map.Entry<String, AtomicLong> e : counters.entrySet()) {
      m.put(e.getKey(), e.getValue().get());
    }
    return m;
  }
}
