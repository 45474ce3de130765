package io.streamspider.host.internal.engine;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamspider.runtime.internal.PythonJson;
import io.streamspider.selector.grammar.PythonRepr;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python's {@code repr()} and {@code pprint.pformat()} for the values Scrapy prints (stats dumps,
 * timeout texts), so our log lines read exactly like Scrapy's.
 */
public final class PyFormat {
  private static final int WIDTH = 80;

  private PyFormat() {}

  /** Python's truthiness of a JSON value: null, false, 0, "", [] and {} are false. */
  public static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** {@code repr(float)}: shortest round-trip digits, fixed unless the exponent is far out. */
  public static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String sign = d.signum() < 0 ? "-" : "";
    String digits = d.unscaledValue().abs().toString();
    // value = 0.digits * 10^decpt
    int decpt = digits.length() - d.scale();
    if (decpt > 16 || decpt <= -4) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int exp = decpt - 1;
      String e = String.format("%02d", Math.abs(exp));
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }
    String text;
    if (decpt <= 0) {
      text = "0." + "0".repeat(-decpt) + digits;
    } else if (decpt >= digits.length()) {
      text = digits + "0".repeat(decpt - digits.length()) + ".0";
    } else {
      text = digits.substring(0, decpt) + "." + digits.substring(decpt);
    }
    return sign + text;
  }

  /**
   * {@code repr(str)}: the selector grammar's {@link PythonRepr#str}, one rule for every message.
   */
  public static String strRepr(String s) {
    return PythonRepr.str(s);
  }

  private static final ObjectWriter SORTED_JSON =
      new ObjectMapper(PythonJson.ensureAscii(new JsonFactoryBuilder()).build())
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writer(PythonJson.SPACED);

  /**
   * {@code json.dumps(value, sort_keys=True)} of a dict of str (or of dicts of them): the runtime's
   * one JSON policy ({@link PythonJson}: {@code ensure_ascii} escapes, {@code ", "} and {@code ":
   * "}). Not {@link #strRepr}: the rules differ on purpose, as json.dumps and repr do (JSON escapes
   * every non-ASCII character as a backslash-u escape inside double quotes; repr keeps printable
   * characters and picks its quotes by the text).
   */
  public static String jsonDumpsSorted(Map<String, ?> value) {
    try {
      return SORTED_JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dict of str always serializes", e);
    }
  }

  /** {@code repr(datetime.datetime(...))} of a naive datetime, trailing zero fields dropped. */
  public static String datetimeRepr(LocalDateTime t) {
    StringBuilder b =
        new StringBuilder("datetime.datetime(")
            .append(t.getYear())
            .append(", ")
            .append(t.getMonthValue())
            .append(", ")
            .append(t.getDayOfMonth())
            .append(", ")
            .append(t.getHour())
            .append(", ")
            .append(t.getMinute());
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      b.append(", ").append(t.getSecond()).append(", ").append(micros);
    } else if (t.getSecond() != 0) {
      b.append(", ").append(t.getSecond());
    }
    return b.append(')').toString();
  }

  /** {@code repr()} of a stats value. */
  public static String repr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    if (v instanceof Double || v instanceof Float) {
      return floatRepr(((Number) v).doubleValue());
    }
    if (v instanceof Number) {
      return v.toString();
    }
    if (v instanceof String s) {
      return strRepr(s);
    }
    if (v instanceof LocalDateTime t) {
      return datetimeRepr(t);
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : sorted(m).entrySet()) {
        parts.add(repr(e.getKey()) + ": " + repr(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof Collection<?> c) {
      List<String> parts = new ArrayList<>();
      for (Object o : c) {
        parts.add(repr(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return strRepr(v.toString());
  }

  /** {@code pprint.pformat(dict)} with its default width of 80 and sorted keys. */
  public static String pformat(Map<String, ?> map) {
    Map<String, Object> sorted = sorted(map);
    String oneLine = repr(sorted);
    if (oneLine.length() <= WIDTH) {
      return oneLine;
    }
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (!first) {
        b.append(",\n ");
      }
      first = false;
      b.append(strRepr(e.getKey())).append(": ").append(repr(e.getValue()));
    }
    return b.append('}').toString();
  }

  @SuppressWarnings("unchecked")
  private static <K> Map<K, Object> sorted(Map<?, ?> m) {
    TreeMap<K, Object> t = new TreeMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      t.put((K) e.getKey(), e.getValue());
    }
    return t;
  }
}
