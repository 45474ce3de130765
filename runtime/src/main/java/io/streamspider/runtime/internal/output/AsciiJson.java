package io.streamspider.runtime.internal.output;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * The Scrapy Cloud encoder's fast path: maps with string keys, collections, strings, boxed
 * numbers, booleans and null written straight into a {@link FifoWriter.Line}, byte for byte as
 * {@link ItemJson#ASCII} writes them (a test compares the two). Anything else (records, POJOs,
 * dates, arrays, Jackson trees) makes {@link #write} return false, and Jackson writes the item.
 */
final class AsciiJson {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /**
   * Per ASCII char: 0 written as is, else the letter after the backslash (Jackson's short
   * escapes \b \t \n \f \r \" \\), or 'u' for \\u00XX.
   */
  private static final byte[] ESCAPE = new byte[128];
  private static final int MAX_DEPTH = 100;
  static final int CHUNK = 1024;

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPE[c] = 'u';
    }
    ESCAPE['\b'] = 'b';
    ESCAPE['\t'] = 't';
    ESCAPE['\n'] = 'n';
    ESCAPE['\f'] = 'f';
    ESCAPE['\r'] = 'r';
    ESCAPE['"'] = '"';
    ESCAPE['\\'] = '\\';
  }

  private AsciiJson() {}

  /** Not a fast-path value; preallocated, the fast path gives up often for records. */
  private static final class NotFast extends Exception {
    NotFast() {
      super(null, null, false, false);
    }
  }

  private static final NotFast NOT_FAST = new NotFast();

  /**
   * Writes {@code value} at the end of {@code line}. Returns false, with the line as it was, if
   * the value holds a type only Jackson knows.
   */
  static boolean write(FifoWriter.Line line, Object value) throws IOException {
    int mark = line.size;
    try {
      value(line, value, 0);
      return true;
    } catch (NotFast e) {
      line.size = mark;
      return false;
    }
  }

  private static void value(FifoWriter.Line out, Object v, int depth) throws IOException, NotFast {
    if (v instanceof String s) {
      string(out, s);
    } else if (v instanceof Map<?, ?> m) {
      if (depth >= MAX_DEPTH) {
        throw NOT_FAST;
      }
      out.ensure(1);
      out.buf[out.size++] = '{';
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw NOT_FAST; // Jackson's key serializers decide what a non-string key becomes
        }
        out.ensure(1);
        if (!first) {
          out.buf[out.size++] = ',';
        }
        first = false;
        string(out, k);
        out.ensure(1);
        out.buf[out.size++] = ':';
        value(out, e.getValue(), depth + 1);
      }
      out.ensure(1);
      out.buf[out.size++] = '}';
    } else if (v instanceof Collection<?> c) {
      if (depth >= MAX_DEPTH) {
        throw NOT_FAST;
      }
      out.ensure(1);
      out.buf[out.size++] = '[';
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          out.ensure(1);
          out.buf[out.size++] = ',';
        }
        first = false;
        value(out, e, depth + 1);
      }
      out.ensure(1);
      out.buf[out.size++] = ']';
    } else if (v == null) {
      ascii(out, "null");
    } else if (v instanceof Boolean b) {
      ascii(out, b ? "true" : "false");
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      ascii(out, v.toString());
    } else if (v instanceof Double d) {
      number(out, d, Double.toString(d));
    } else if (v instanceof Float f) {
      number(out, f, Float.toString(f));
    } else {
      throw NOT_FAST;
    }
  }

  /** Jackson writes NaN and the infinities as strings (WRITE_NAN_AS_STRINGS, its default). */
  private static void number(FifoWriter.Line out, double d, String text) throws IOException {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      string(out, text);
    } else {
      ascii(out, text);
    }
  }

  private static void ascii(FifoWriter.Line out, String s) throws IOException {
    int n = s.length();
    out.ensure(n);
    byte[] b = out.buf;
    int p = out.size;
    for (int i = 0; i < n; i++) {
      b[p++] = (byte) s.charAt(i);
    }
    out.size = p;
  }

  /** A JSON string, ASCII only: \" \\ short control escapes, \\u00XX, \\uXXXX (lower case). */
  static void string(FifoWriter.Line out, String s) throws IOException {
    int n = s.length();
    out.ensure(1);
    out.buf[out.size++] = '"';
    char[] chars = out.chars;
    for (int start = 0; start < n; start += CHUNK) {
      int len = Math.min(n - start, CHUNK);
      s.getChars(start, start + len, chars, 0); // one bulk copy instead of charAt per char
      out.ensure(6 * len); // the worst case, \\uXXXX per char
      byte[] b = out.buf;
      int p = out.size;
      for (int i = 0; i < len; i++) {
        char c = chars[i];
        if (c < 0x80) {
          byte e = ESCAPE[c];
          if (e == 0) {
            b[p++] = (byte) c;
            continue;
          }
          if (e != 'u') {
            b[p++] = '\\';
            b[p++] = e;
            continue;
          }
        }
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xf];
        b[p++] = HEX[(c >> 8) & 0xf];
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
      }
      out.size = p;
    }
    out.ensure(1);
    out.buf[out.size++] = '"';
  }
}
