package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A setting's value read as Scrapy's {@code Settings.getbool}, {@code getint}, {@code getfloat} and
 * {@code getlist} read it, whether it came from {@code -s NAME=VALUE} (text) or from a spider's
 * {@code custom_settings} (JSON: numbers, booleans, lists). The runtime and the host's engine share
 * it; each wraps the {@link IllegalArgumentException} in a message naming the setting and where its
 * value came from.
 */
public final class SettingValues {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PY_INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern PY_FLOAT =
      Pattern.compile(
          "[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");

  private SettingValues() {}

  /**
   * {@code getbool}: Scrapy's {@code bool(int(value))}, else exactly {@code True}/{@code true} or
   * {@code False}/{@code false}. A number is read as {@link #getint} reads it.
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
      BigInteger n = pyInt(s);
      if (n != null) {
        return n.signum() != 0;
      }
      // compared as given, as Scrapy compares them: " True" is none of them
      if (s.equals("True") || s.equals("true")) {
        return true;
      }
      if (s.equals("False") || s.equals("false")) {
        return false;
      }
    }
    throw new IllegalArgumentException(
        "Supported values for boolean settings are 0/1, True/False, '0'/'1', 'True'/'False' and"
            + " 'true'/'false'");
  }

  /**
   * {@code getint}: a whole number (a boolean is 0 or 1, as in Python), a float with no fraction,
   * or the text Python's {@code int()} reads: decimal digits of any script, an optional sign,
   * single {@code _} between digits, Python's white space around. Unlike Scrapy, a fraction is
   * refused rather than truncated, and so is a number beyond 64 bits.
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
    if (raw instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e15) {
        return (long) d;
      }
      throw new IllegalArgumentException("expected a whole number");
    }
    if (raw instanceof String s) {
      BigInteger n = pyInt(s);
      if (n != null && n.bitLength() < 64) {
        return n.longValue();
      }
    }
    throw new IllegalArgumentException("expected a whole number");
  }

  /**
   * {@code getfloat}: a finite number (a boolean is 0.0 or 1.0) or the text Python's {@code
   * float()} reads (digits of any script, single {@code _} between digits, an exponent; no Java
   * suffixes or hexadecimal). Unlike Scrapy, {@code inf} and {@code nan} are refused.
   *
   * @throws IllegalArgumentException {@code expected a number} or {@code expected a finite number}
   */
  public static double getfloat(Object raw) {
    double d;
    if (raw instanceof Boolean b) {
      d = b ? 1 : 0;
    } else if (raw instanceof Number n) {
      d = n.doubleValue();
    } else if (raw instanceof String s) {
      String t = pyNumber(s);
      if (t == null || !PY_FLOAT.matcher(t).matches()) {
        throw new IllegalArgumentException("expected a number");
      }
      String lower = t.toLowerCase(Locale.ROOT);
      d =
          lower.endsWith("nan")
              ? Double.NaN
              : lower.endsWith("inf") || lower.endsWith("infinity")
                  ? Double.POSITIVE_INFINITY
                  : Double.parseDouble(t);
    } else {
      throw new IllegalArgumentException("expected a number");
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("expected a finite number");
    }
    return d;
  }

  /** Python's {@code int(text)} in base 10, or null where it raises. */
  private static BigInteger pyInt(String text) {
    String t = pyNumber(text);
    if (t == null || !PY_INT.matcher(t).matches()) {
      return null;
    }
    return new BigInteger(t);
  }

  /**
   * {@code text} without Python's white space around it, digits of other scripts as ASCII digits,
   * and the underscores Python allows (one, between two digits) removed; null if an underscore
   * stands anywhere else.
   */
  private static String pyNumber(String text) {
    String t = PyStrings.strip(text);
    int n = t.length();
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c == '_') {
        if (i == 0
            || i + 1 >= n
            || !Character.isDigit(t.charAt(i - 1))
            || !Character.isDigit(t.charAt(i + 1))) {
          return null;
        }
        continue;
      }
      out.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
    }
    return out.toString();
  }

  /**
   * {@code getlist}: a list, or text split at every comma as Scrapy splits it. Beyond Scrapy: text
   * that starts with {@code [} is read as a JSON array, and blank text is the empty list (Scrapy
   * gives a list of that one blank string).
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
      return List.of(s.split(",", -1));
    }
    throw new IllegalArgumentException("expected a list");
  }
}
