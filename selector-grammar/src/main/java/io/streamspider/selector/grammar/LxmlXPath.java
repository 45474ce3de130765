package io.streamspider.selector.grammar;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An XPath 1.0 expression as lxml reads it (under parsel), rewritten for Jaxen, the engine the
 * embedded host evaluates XPath with: what the two read differently is made explicit, so the host
 * evaluates, and the annotation processor checks, the same text.
 */
public final class LxmlXPath {
  private LxmlXPath() {}

  private static SelectorError value(String message) {
    return new SelectorError(SelectorError.Kind.VALUE, message, -1);
  }

  /**
   * libxml2 reads a leading run of slashes as {@code //} ({@code ///a} is {@code //a}); Jaxen
   * refuses three.
   */
  private static String collapseLeadingSlashes(String q) {
    int i = 0;
    while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
      i++;
    }
    int j = i;
    while (j < q.length() && q.charAt(j) == '/') {
      j++;
    }
    return j - i > 2 ? q.substring(0, i) + "//" + q.substring(j) : q;
  }

  /**
   * {@code q} as Jaxen should compile it; a {@link SelectorError} ({@code ValueError}, message as
   * lxml's) for what lxml refuses before evaluating: a variable, an unfinished literal, a malformed
   * {@code has-class()}.
   */
  public static String forJaxen(String q) {
    return collapseLeadingSlashes(prepare(q));
  }

  /**
   * Rewrites parsel's {@code has-class("a", ...)} into plain XPath and number literals into the
   * value libxml2 reads, and rejects variables up front.
   */
  private static String prepare(String q) {
    StringBuilder out = new StringBuilder(q.length());
    int i = 0;
    int n = q.length();
    while (i < n) {
      char c = q.charAt(i);
      if (c == '"' || c == '\'') {
        int close = q.indexOf(c, i + 1);
        if (close < 0) {
          throw value("XPath error: Unfinished literal in " + q);
        }
        out.append(q, i, close + 1);
        i = close + 1;
        continue;
      }
      if (c == '$') {
        throw value("XPath error: Undefined variable in " + q);
      }
      if ((isDigit(c) || (c == '.' && i + 1 < n && isDigit(q.charAt(i + 1))))
          && startsToken(q, i)) {
        int[] end = new int[1];
        double d = libxmlNumber(q, i, end);
        out.append(new BigDecimal(d).toPlainString());
        i = end[0];
        continue;
      }
      if (q.startsWith("has-class", i) && (i == 0 || !isNameChar(q.charAt(i - 1)))) {
        int j = i + "has-class".length();
        while (j < n && Character.isWhitespace(q.charAt(j))) {
          j++;
        }
        if (j < n && q.charAt(j) == '(') {
          int[] end = new int[1];
          List<String> args = arguments(q, j + 1, end);
          if (args == null) {
            throw value("XPath error: Invalid expression in " + q);
          }
          if (args.isEmpty()) {
            throw value("XPath error: has-class must have at least 1 argument");
          }
          StringBuilder cond = new StringBuilder("(@class");
          for (String a : args) {
            if (!isLiteral(a.strip())) {
              throw value("XPath error: has-class arguments must be strings");
            }
            cond.append(" and contains(concat(' ', translate(@class, '\t\n\r\f', '    '), ' '), ")
                .append("concat(' ', ")
                .append(prepare(a))
                .append(", ' '))");
          }
          out.append(cond).append(')');
          i = end[0];
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Whether position {@code i} starts a token rather than continuing a name such as h1. */
  private static boolean startsToken(String q, int i) {
    if (i == 0) {
      return true;
    }
    char p = q.charAt(i - 1);
    if (p == '-' || p == '.') {
      // a minus or dot continues a name only when a name character comes before it
      return i < 2 || !isNameChar(q.charAt(i - 2));
    }
    return !isNameChar(p);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A number literal read as libxml2's xmlXPathCompNumber reads it (digit by digit in double
   * arithmetic, at most 20 fraction digits, an optional exponent), written out exactly so the JDK's
   * parser lands on the same double.
   */
  private static double libxmlNumber(String q, int i, int[] end) {
    int n = q.length();
    double ret = 0;
    while (i < n && isDigit(q.charAt(i))) {
      ret = ret * 10 + (q.charAt(i) - '0');
      i++;
    }
    if (i < n && q.charAt(i) == '.') {
      i++;
      double fraction = 0;
      int frac = 0;
      while (i < n && isDigit(q.charAt(i)) && frac < 20) {
        fraction = fraction * 10 + (q.charAt(i) - '0');
        frac++;
        i++;
      }
      while (i < n && isDigit(q.charAt(i))) {
        i++;
      }
      ret = ret + fraction / Math.pow(10.0, frac);
    }
    if (i < n && (q.charAt(i) == 'e' || q.charAt(i) == 'E')) {
      int j = i + 1;
      boolean negative = false;
      if (j < n && (q.charAt(j) == '-' || q.charAt(j) == '+')) {
        negative = q.charAt(j) == '-';
        j++;
      }
      if (j < n && isDigit(q.charAt(j))) {
        int exponent = 0;
        while (j < n && isDigit(q.charAt(j))) {
          if (exponent < 1000000) {
            exponent = exponent * 10 + (q.charAt(j) - '0');
          }
          j++;
        }
        ret *= Math.pow(10.0, negative ? -exponent : exponent);
        i = j;
      }
    }
    end[0] = i;
    return ret;
  }

  private static boolean isLiteral(String s) {
    return s.length() >= 2
        && (s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.charAt(s.length() - 1) == s.charAt(0)
        && s.indexOf(s.charAt(0), 1) == s.length() - 1;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c)
        || c == '-'
        || c == '_'
        || c == '.'
        || c == ':'
        || c == '@'
        || c == '$';
  }

  /** Splits top-level arguments starting after an opening parenthesis; null if unbalanced. */
  private static List<String> arguments(String q, int from, int[] end) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '"' || c == '\'') {
        int close = q.indexOf(c, i + 1);
        if (close < 0) {
          return null;
        }
        i = close;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ')') {
        if (depth == 0) {
          String last = q.substring(start, i);
          if (!last.isBlank() || !args.isEmpty()) {
            args.add(last);
          }
          end[0] = i + 1;
          return args;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(q.substring(start, i));
        start = i + 1;
      }
    }
    return null;
  }
}
