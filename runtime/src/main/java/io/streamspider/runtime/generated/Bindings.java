package io.streamspider.runtime.generated;

import io.streamspider.runtime.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Conversions of {@code response_selector} values to callback parameters, used by generated
 * dispatch code. Each takes the values of one selector field and says, on bad input, which spider,
 * callback and field it was converting and the text it could not read.
 */
public final class Bindings {
  private Bindings() {}

  /** The first value, or null when the selector matched nothing. */
  public static String first(List<String> values) {
    return values.isEmpty() ? null : values.get(0);
  }

  /** The first value, if any. */
  public static Optional<String> optional(List<String> values) {
    return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  /** The first value as an int; an error when there is none or it is not an integer. */
  public static int intValue(Response response, String spider, String field) {
    return parseInt(required(response, spider, field, "int"), response, spider, field);
  }

  /** The first value as an Integer, or null when the selector matched nothing. */
  public static Integer integerOrNull(Response response, String spider, String field) {
    String v = first(response.values(field));
    return v == null ? null : parseInt(v, response, spider, field);
  }

  public static long longValue(Response response, String spider, String field) {
    return parseLong(required(response, spider, field, "long"), response, spider, field);
  }

  public static Long longOrNull(Response response, String spider, String field) {
    String v = first(response.values(field));
    return v == null ? null : parseLong(v, response, spider, field);
  }

  public static double doubleValue(Response response, String spider, String field) {
    return parseDouble(required(response, spider, field, "double"), response, spider, field);
  }

  public static Double doubleOrNull(Response response, String spider, String field) {
    String v = first(response.values(field));
    return v == null ? null : parseDouble(v, response, spider, field);
  }

  /** true/false, also 1/0, yes/no, on/off, in any case. */
  public static boolean booleanValue(Response response, String spider, String field) {
    return parseBoolean(required(response, spider, field, "boolean"), response, spider, field);
  }

  public static Boolean booleanOrNull(Response response, String spider, String field) {
    String v = first(response.values(field));
    return v == null ? null : parseBoolean(v, response, spider, field);
  }

  /** The first value as a BigDecimal, or null when the selector matched nothing. */
  public static BigDecimal bigDecimalOrNull(Response response, String spider, String field) {
    String v = first(response.values(field));
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v.strip());
    } catch (NumberFormatException e) {
      throw bad(response, spider, field, v, "a decimal number");
    }
  }

  private static String required(Response response, String spider, String field, String type) {
    String v = first(response.values(field));
    if (v == null) {
      throw new IllegalArgumentException(
          where(response, spider, field)
              + ": the selector matched nothing, so there is no value for a "
              + type
              + " parameter (use a boxed type or Optional<String> to allow a missing value)");
    }
    return v;
  }

  private static int parseInt(String v, Response response, String spider, String field) {
    try {
      return integral(v).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw bad(response, spider, field, v, "an integer");
    }
  }

  private static long parseLong(String v, Response response, String spider, String field) {
    try {
      return integral(v).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw bad(response, spider, field, v, "an integer");
    }
  }

  /** An integer, also as XPath writes numbers: count(//a) gives "2.0". */
  private static BigDecimal integral(String v) {
    String s = v.strip();
    if (!s.matches("[+-]?\\d+(\\.0*)?")) {
      throw new NumberFormatException(s);
    }
    return new BigDecimal(s);
  }

  private static double parseDouble(String v, Response response, String spider, String field) {
    String s = v.strip();
    // Double.parseDouble also reads "NaN", "Infinity" and "1d": page text that says so is bad
    if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw bad(response, spider, field, v, "a number");
    }
    return Double.parseDouble(s);
  }

  private static boolean parseBoolean(String v, Response response, String spider, String field) {
    switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on":
        return true;
      case "false", "0", "no", "off":
        return false;
      default:
        throw bad(response, spider, field, v, "true or false");
    }
  }

  private static IllegalArgumentException bad(
      Response response, String spider, String field, String value, String what) {
    return new IllegalArgumentException(
        where(response, spider, field) + ": expected " + what + ", got \"" + value + "\"");
  }

  private static String where(Response response, String spider, String field) {
    return "spider "
        + spider
        + ", callback "
        + response.callbackId()
        + ", field "
        + field
        + " (from "
        + response.url()
        + ")";
  }
}
