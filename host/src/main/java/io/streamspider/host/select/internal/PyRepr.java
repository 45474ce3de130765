package io.streamspider.host.select.internal;

import io.streamspider.selector.grammar.PythonRepr;
import java.util.Map;

/** Python's {@code repr()} of the values that appear in parsel's and Scrapy's messages. */
public final class PyRepr {
  private PyRepr() {}

  /** {@code repr(str)}: single quotes unless the text has one and no double quote. */
  public static String str(String s) {
    if (s == null) {
      return "None";
    }
    return PythonRepr.str(s);
  }

  /** {@code repr()} of a value: str, int, list or dict of those. */
  public static String value(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof String) {
      return str((String) v);
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? "True" : "False";
    }
    if (v instanceof Number) {
      return v.toString();
    }
    if (v instanceof Iterable<?>) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : (Iterable<?>) v) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(value(o));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?>) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(value(e.getKey())).append(": ").append(value(e.getValue()));
      }
      return b.append('}').toString();
    }
    return str(v.toString());
  }
}
