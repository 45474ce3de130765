package io.streamspider.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a spider keeps across a pause and resume: Scrapy's {@code spider.state}. With {@code -s
 * JOBDIR=DIR} the runtime loads it from {@code DIR/spider.state.json} before the spider is created
 * and saves it there when the crawl ends (whatever the reason); without a JOBDIR it lives in memory
 * only. A spider reaches it through the constructor that takes {@link SpiderArguments}: {@code
 * arguments.state()}.
 *
 * <p>Values are JSON values: {@code String}, {@code Boolean}, whole numbers (kept as {@code Long}),
 * finite floating-point numbers (kept as {@code Double}), {@code null}, and {@code List}s and
 * {@code Map<String, ?>}s of them. A value is copied when it is put (lists and maps become
 * unmodifiable): change it by putting it again. After a resume a value reads back as it was put (an
 * {@code Integer} put reads back as a {@code Long}). Safe to use from several threads.
 */
public final class SpiderState {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** An empty state. */
  public SpiderState() {}

  /**
   * A state holding {@code initial}'s entries (as {@link #put} would store them).
   *
   * @throws IllegalArgumentException naming the key of a value that is not a JSON value
   */
  public SpiderState(Map<String, ?> initial) {
    for (Map.Entry<String, ?> e : initial.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  /** The value of {@code key}, or null. */
  public synchronized Object get(String key) {
    return values.get(key);
  }

  public synchronized boolean has(String key) {
    return values.containsKey(key);
  }

  /** The value of {@code key} as a string, or {@code fallback} when absent or null. */
  public synchronized String getString(String key, String fallback) {
    Object v = values.get(key);
    return v == null ? fallback : v.toString();
  }

  /**
   * The value of {@code key} as a long, or {@code fallback} when absent or null.
   *
   * @throws IllegalStateException naming the key when the value is not a whole number
   */
  public synchronized long getLong(String key, long fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw notA(key, v, "whole number");
  }

  /**
   * The value of {@code key} as a double, or {@code fallback} when absent or null.
   *
   * @throws IllegalStateException naming the key when the value is not a number
   */
  public synchronized double getDouble(String key, double fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw notA(key, v, "number");
  }

  /**
   * The value of {@code key} as a boolean, or {@code fallback} when absent or null.
   *
   * @throws IllegalStateException naming the key when the value is not a boolean
   */
  public synchronized boolean getBoolean(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw notA(key, v, "boolean");
  }

  /**
   * Sets {@code key} to a copy of {@code value}.
   *
   * @return the previous value, or null
   * @throws IllegalArgumentException naming the key (and the place inside the value) when it is not
   *     a JSON value
   */
  public synchronized Object put(String key, Object value) {
    if (key == null) {
      throw new IllegalArgumentException("spider state: the key is null");
    }
    return values.put(key, copy(value, key));
  }

  /**
   * Adds 1 to the whole number at {@code key} (absent or null counts as 0).
   *
   * @return the new value
   * @throws IllegalStateException naming the key when the value is not a whole number
   */
  public synchronized long increment(String key) {
    long n = getLong(key, 0) + 1;
    values.put(key, n);
    return n;
  }

  /** Removes {@code key}; returns its value, or null. */
  public synchronized Object remove(String key) {
    return values.remove(key);
  }

  /** A snapshot of every entry, in the order they were first put; unmodifiable. */
  public synchronized Map<String, Object> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  @Override
  public synchronized String toString() {
    return values.toString();
  }

  private static IllegalStateException notA(String key, Object v, String what) {
    return new IllegalStateException(
        "spider state "
            + key
            + " is "
            + v
            + " ("
            + v.getClass().getSimpleName()
            + "), not a "
            + what);
  }

  /** An immutable copy of a JSON value, numbers normalised to Long and Double. */
  private static Object copy(Object v, String path) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(
            "spider state " + path + ": " + d + " is not a JSON number");
      }
      return d;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException(
              "spider state " + path + ": map keys must be strings, got " + e.getKey());
        }
        out.put(k, copy(e.getValue(), path + "." + k));
      }
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof Iterable<?> it) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Object o : it) {
        out.add(copy(o, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        "spider state "
            + path
            + ": a "
            + v.getClass().getName()
            + " is not a JSON value (String, Boolean, whole or finite number, null, List, Map)");
  }
}
