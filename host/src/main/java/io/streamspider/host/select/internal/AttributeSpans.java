package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.parser.OffsetRecordingTreeBuilder;

/**
 * The attribute ranges jsoup's tracking records for one start tag, re-read from the source: a small
 * scanner for well-formed tags ({@code name="value"}, {@code name='value'}, {@code name=value},
 * {@code name}, separated by white space), and jsoup's own tokeniser ({@link
 * OffsetRecordingTreeBuilder#attributeRanges}, which builds a whole tree builder per tag) for any
 * other tag. The scanner gives up (null) on anything jsoup reads with an error: a quote, {@code <}
 * or {@code =} in a name, an unquoted value with a quote, {@code <}, {@code =}, a backtick or a
 * reference, a quoted value not followed by white space, {@code /} or {@code >}, control or
 * non-ASCII characters outside values; {@code PositionParserTest} compares both readings.
 */
final class AttributeSpans {
  private AttributeSpans() {}

  /** The tag at {@code src[from, ...)}: lower-cased name -> {name from, to, value from, to}. */
  static Map<String, int[]> of(String src, int from, int to) {
    int start = from;
    if (start > 0
        && start < src.length()
        && src.charAt(start) != '<'
        && src.charAt(start - 1) == '<') {
      start--; // as OffsetRecordingTreeBuilder.attributeRanges
    }
    Map<String, int[]> scanned = scan(src, start);
    return scanned != null ? scanned : OffsetRecordingTreeBuilder.attributeRanges(src, from, to);
  }

  /** The well-formed reading of the start tag at {@code src[lt]} ({@code <}), or null. */
  static Map<String, int[]> scan(String src, int lt) {
    int n = src.length();
    if (lt < 0 || lt >= n || src.charAt(lt) != '<') {
      return null;
    }
    int i = lt + 1;
    if (i >= n || !LibxmlTables.isAsciiLetter(src.charAt(i))) {
      return null;
    }
    while (i < n && !isSpace(src.charAt(i)) && src.charAt(i) != '/' && src.charAt(i) != '>') {
      char c = src.charAt(i);
      if (c == '<' || c < 0x20 || c >= 0x7F) {
        return null;
      }
      i++;
    }
    Map<String, int[]> ranges = new HashMap<>();
    List<String> keys = new ArrayList<>();
    while (true) {
      while (i < n && isSpace(src.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return null; // runs to the end of input: jsoup drops the tag
      }
      char c = src.charAt(i);
      if (c == '>') {
        return ranges;
      }
      if (c == '/') {
        if (i + 1 < n && src.charAt(i + 1) == '>') {
          return ranges;
        }
        return null;
      }
      int nameFrom = i;
      while (i < n) {
        c = src.charAt(i);
        if (isSpace(c) || c == '/' || c == '>' || c == '=') {
          break;
        }
        if (c == '"' || c == '\'' || c == '<' || c < 0x20 || c >= 0x7F) {
          return null;
        }
        i++;
      }
      int nameTo = i;
      if (nameTo == nameFrom) {
        return null; // '=' where a name should start
      }
      int valueFrom = nameTo;
      int valueTo = nameTo;
      int j = i;
      while (j < n && isSpace(src.charAt(j))) {
        j++;
      }
      if (j < n && src.charAt(j) == '=') {
        j++;
        while (j < n && isSpace(src.charAt(j))) {
          j++;
        }
        if (j >= n) {
          return null;
        }
        char q = src.charAt(j);
        if (q == '"' || q == '\'') {
          int close = src.indexOf(q, j + 1);
          if (close < 0) {
            return null;
          }
          if (close > j + 1) {
            valueFrom = j + 1;
            valueTo = close;
          } // an empty value: jsoup's range stays at the name's end
          i = close + 1;
          if (i < n && !isSpace(src.charAt(i)) && src.charAt(i) != '/' && src.charAt(i) != '>') {
            return null;
          }
        } else if (q == '>') {
          return null; // "name=>": jsoup reads an error there
        } else {
          int k = j;
          while (k < n && !isSpace(src.charAt(k)) && src.charAt(k) != '>') {
            char v = src.charAt(k);
            if (v == '"' || v == '\'' || v == '<' || v == '=' || v == '`' || v == '&' || v == 0) {
              return null;
            }
            k++;
          }
          valueFrom = j;
          valueTo = k;
          i = k;
        }
      } else {
        i = nameTo; // no value: what follows the white space is the next name
      }
      String raw = src.substring(nameFrom, nameTo);
      String key = lowerAscii(raw);
      keys.add(raw);
      if (keys.size() >= 500) {
        return null; // near jsoup's limit of attributes per tag
      }
      // jsoup keeps the first range of a name, unless no attribute so far is spelt in lower case
      if (!(keys.contains(key) && ranges.containsKey(key))) {
        ranges.put(key, new int[] {nameFrom, nameTo, valueFrom, valueTo});
      }
    }
  }

  private static String lowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return s.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return s;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
