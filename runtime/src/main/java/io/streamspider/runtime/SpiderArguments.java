package io.streamspider.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spider arguments ({@code -a NAME=VALUE}) with conversions that fail with a message naming
 * the argument. Used by generated code to fill {@code @SpiderArg} fields.
 */
public final class SpiderArguments {
  private final Map<String, String> values;

  public SpiderArguments(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
