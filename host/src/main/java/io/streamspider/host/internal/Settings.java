package io.streamspider.host.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The crawl's settings as Scrapy layers them: the spider's {@code custom_settings} under the
 * command line's {@code -s NAME=VALUE}, read with Scrapy's {@code getbool}/{@code getint}/
 * {@code getfloat}/{@code getlist} conversions.
 */
public final class Settings {
  private final Map<String, Object> values = new LinkedHashMap<>();

  public Settings(Map<String, ?> customSettings, Map<String, String> commandLine) {
    if (customSettings != null) {
      values.putAll(customSettings);
    }
    values.putAll(commandLine);
  }

  public boolean has(String name) {
    return values.get(name) != null;
  }

  public Object raw(String name) {
    return values.get(name);
  }

  /** Scrapy's {@code getbool}. */
  public boolean getBool(String name, boolean dflt) {
    Object v = values.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v);
    return switch (s) {
      case "1", "True", "true" -> true;
      case "0", "False", "false" -> false;
      default -> throw new IllegalArgumentException(
          "Invalid value for setting " + name + ": " + s + " (supported values for boolean settings"
              + " are 0/1, True/False, '0'/'1', 'True'/'False' and 'true'/'false')");
    };
  }

  /** Scrapy's {@code getfloat}. */
  public double getFloat(String name, double dflt) {
    Object v = values.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid value for setting " + name + ": " + v + " (expected a number)");
    }
  }

  /** Scrapy's {@code getlist} of integers (a list, or a comma-separated string). */
  public List<Integer> getIntList(String name) {
    Object v = values.get(name);
    List<Integer> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    List<?> items = v instanceof List<?> l ? l : List.of(String.valueOf(v).split(",", -1));
    for (Object item : items) {
      try {
        out.add(item instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(item).strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Invalid value for setting " + name + ": " + v + " (expected integers, as in 404,500)");
      }
    }
    return out;
  }

  /** The value as a string, or {@code dflt}. */
  public String getString(String name, String dflt) {
    Object v = values.get(name);
    return v == null ? dflt : String.valueOf(v);
  }
}
