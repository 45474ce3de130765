package io.streamspider.host.select.internal;

import java.util.Map;

/** Python's {@code repr()} of the values that appear in parsel's and Scrapy's messages. */
public final class PyRepr {
  private PyRepr() {}

  /** {@code repr(str)}: single quotes unless the text has one and no double quote. */
  public static String str(String s) {
    if (s == null) {
      return "None";
    }
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == q || cp == '\\') {
        b.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        b.append("\\t");
      } else if (cp == '\n') {
        b.append("\\n");
      } else if (cp == '\r') {
        b.append("\\r");
      } else if (isPrintable(cp)) {
        b.appendCodePoint(cp);
      } else if (cp < 0x100) {
        b.append(String.format("\\x%02x", cp));
      } else if (cp < 0x10000) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.append(String.format("\\U%08x", cp));
      }
    }
    return b.append(q).toString();
  }

  /** Python's {@code str.isprintable()} for one character. */
  static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (cp < 0x20 || cp == 0x7F) {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
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
