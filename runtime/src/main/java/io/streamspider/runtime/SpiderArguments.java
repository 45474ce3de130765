package io.streamspider.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spider arguments ({@code -a NAME=VALUE}) with conversions that fail with a message naming the
 * argument. Used by generated code to fill {@code @SpiderArg} fields. A spider whose constructor
 * takes them also reaches its {@link #state() state} through them.
 */
public final class SpiderArguments {
  private final Map<String, String> values;
  private final SpiderState state;

  /** Arguments with an empty state that is kept in memory only. */
  public SpiderArguments(Map<String, String> values) {
    this(values, new SpiderState());
  }

  /** Arguments with the state the runtime loaded (from {@code JOBDIR}) and will save. */
  public SpiderArguments(Map<String, String> values, SpiderState state) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.state = java.util.Objects.requireNonNull(state, "state");
  }

  /**
   * The spider's state, Scrapy's {@code spider.state}: with {@code -s JOBDIR=DIR} loaded from the
   * previous run of the job and saved when this one ends, so it survives a pause and resume;
   * otherwise in memory only.
   */
  public SpiderState state() {
    return state;
  }

  public Map<String, String> asMap() {
    return values;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return values.get(name);
  }

  /** The value of a required argument; a usage error naming it when missing. */
  public String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing required spider argument -a " + name + "=...");
    }
    return v;
  }

  public int intValue(String name) {
    String v = required(name);
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  public long longValue(String name) {
    String v = required(name);
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  public double doubleValue(String name) {
    String v = required(name);
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw bad(name, v, "a number");
    }
  }

  public boolean booleanValue(String name) {
    String v = required(name).strip().toLowerCase(java.util.Locale.ROOT);
    switch (v) {
      case "true", "1", "yes", "on":
        return true;
      case "false", "0", "no", "off":
        return false;
      default:
        throw bad(name, values.get(name), "true or false");
    }
  }

  private static IllegalArgumentException bad(String name, String value, String what) {
    return new IllegalArgumentException(
        "spider argument -a " + name + "=" + value + ": expected " + what);
  }
}
