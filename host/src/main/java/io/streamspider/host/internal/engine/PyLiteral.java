package io.streamspider.host.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Python literals Scrapy's cache writes with {@code repr()}: a dict of strings, ints,
 * floats, booleans and None (the {@code meta} file of {@code FilesystemCacheStorage}).
 */
final class PyLiteral {
  private final String s;
  private int i;

  private PyLiteral(String s) {
    this.s = s;
  }

  /** {@code {'key': value, ...}}. */
  static Map<String, Object> dict(String text) {
    PyLiteral p = new PyLiteral(text);
    Object v = p.value();
    p.space();
    if (p.i != text.length() || !(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("not a dict literal at offset " + p.i);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return m;
  }

  private Object value() {
    space();
    if (i >= s.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    char c = s.charAt(i);
    if (c == '{') {
      i++;
      Map<String, Object> m = new LinkedHashMap<>();
      space();
      if (peek('}')) {
        i++;
        return m;
      }
      while (true) {
        Object k = value();
        space();
        expect(':');
        m.put(String.valueOf(k), value());
        space();
        if (peek(',')) {
          i++;
          space();
          if (peek('}')) {
            i++;
            return m;
          }
          continue;
        }
        expect('}');
        return m;
      }
    }
    if (c == '\'' || c == '"') {
      return string(c);
    }
    if (s.startsWith("True", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("False", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    if (s.startsWith("None", i)) {
      i += 4;
      return null;
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String num = s.substring(start, i);
    if (num.isEmpty()) {
      throw new IllegalArgumentException("unexpected '" + c + "' at offset " + start);
    }
    if (num.matches("[+-]?\\d+")) {
      return Long.parseLong(num);
    }
    return Double.parseDouble(num);
  }

  private String string(char quote) {
    i++;
    StringBuilder b = new StringBuilder();
    while (i < s.length() && s.charAt(i) != quote) {
      char c = s.charAt(i++);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'x' -> b.append((char) hex(2));
        case 'u' -> b.append((char) hex(4));
        case 'U' -> b.appendCodePoint(hex(8));
        default -> b.append(e); // \\ \' \"
      }
    }
    expect(quote);
    return b.toString();
  }

  private int hex(int n) {
    int v = Integer.parseInt(s.substring(i, i + n), 16);
    i += n;
    return v;
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw new IllegalArgumentException("expected '" + c + "' at offset " + i);
    }
    i++;
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
