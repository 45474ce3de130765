package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

/**
 * A setting's value read as Scrapy's {@code Settings.getbool}, {@code getint}, {@code getfloat} and
 * {@code getlist} read it, whether it came from {@code -s NAME=VALUE} (text) or from a spider's
 * {@code custom_settings} (JSON: numbers, booleans, lists). The runtime and the host's engine share
 * it; each wraps the {@link IllegalArgumentException} in a message naming the setting and where its
 * value came from.
 */
public final class SettingValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SettingValues() {}

  /**
   * {@code getbool}: a boolean, a whole number (0 is false), or the text of one, {@code
   * True}/{@code true}, {@code False}/{@code false}.
   *
   * @throws IllegalArgumentException with Scrapy's text
   */
  public static boolean getbool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof Number) {
      return getint(raw) != 0;
    }
    if (raw instanceof String s) {
      String t = s.strip();
      if (t.equals("True") || t.equals("true")) {
        return true;
      }
      if (t.equals("False") || t.equals("false")) {
        return false;
      }
      try {
        return Long.parseLong(t) != 0;
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
    }
    throw new IllegalArgumentException(
        "Supported values for boolean settings are 0/1, True/False, '0'/'1', 'True'/'False' and"
            + " 'true'/'false'");
  }

  /**
   * {@code getint}: a whole number, a float with no fraction, or the text of a whole number ({@code
   * _} between digits allowed).
   *
   * @throws IllegalArgumentException {@code expected a whole number}
   */
  public static long getint(Object raw) {
    if (raw instanceof Integer
        || raw instanceof Long
        || raw instanceof Short
        || raw instanceof Byte) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e15) {
        return (long) d;
      }
      throw new IllegalArgumentException("expected a whole number");
    }
    if (raw instanceof String s) {
      try {
        return Long.parseLong(s.strip().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a whole number");
      }
    }
    throw new IllegalArgumentException("expected a whole number");
  }

  /**
   * {@code getfloat}: a finite number or its text (Python's {@code float()} spellings).
   *
   * @throws IllegalArgumentException {@code expected a number} or {@code expected a finite number}
   */
  public static double getfloat(Object raw) {
    double d;
    if (raw instanceof Number n && !(raw instanceof Boolean)) {
      d = n.doubleValue();
    } else if (raw instanceof String s) {
      String t = s.strip().toLowerCase(Locale.ROOT).replace("_", "");
      try {
        // Python's float() spellings of the specials
        d =
            t.matches("[+-]?nan")
                ? Double.NaN
                : t.matches("[+-]?inf(inity)?") ? Double.POSITIVE_INFINITY : Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number");
      }
    } else {
      throw new IllegalArgumentException("expected a number");
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("expected a finite number");
    }
    return d;
  }

  /**
   * {@code getlist}: a list, a JSON list as text, or comma-separated text (empty text is the empty
   * list).
   *
   * @throws IllegalArgumentException {@code expected a list} or, for text starting with {@code [}
   *     that is no JSON list, {@code expected a JSON list or comma-separated values}
   */
  public static List<?> getlist(Object raw) {
    if (raw instanceof List<?> l) {
      return l;
    }
    if (raw instanceof String s) {
      String t = s.strip();
      if (t.startsWith("[")) {
        try {
          return JSON.readValue(t, List.class);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("expected a JSON list or comma-separated values");
        }
      }
      if (t.isEmpty()) {
        return List.of();
      }
      return List.of(t.split(","));
    }
    throw new IllegalArgumentException("expected a list");
  }
}
