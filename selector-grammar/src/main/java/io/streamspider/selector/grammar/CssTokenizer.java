package io.streamspider.selector.grammar;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cssselect's tokenizer. Lazy, like cssselect's generator: a bad string is reported only when the
 * parser reaches it, so an earlier syntax error wins as it does in parsel.
 */
public final class CssTokenizer {
  private static final String UNICODE_ESCAPE = "\\\\([0-9a-f]{1,6})(?:\\r\\n|[ \\n\\r\\t\\f])?";
  private static final String ESCAPE = UNICODE_ESCAPE + "|\\\\[^\\n\\r\\f0-9a-f]";
  private static final String STRING_ESCAPE = "\\\\(?:\\n|\\r\\n|\\r|\\f)|" + ESCAPE;
  private static final String NONASCII = "[^\\x00-\\x7F]";
  private static final String NMCHAR = "[_a-z0-9-]|" + ESCAPE + "|" + NONASCII;
  private static final String NMSTART = "[_a-z]|" + ESCAPE + "|" + NONASCII;

  private static final Pattern WHITESPACE = compile("[ \\t\\r\\n\\f]+");
  private static final Pattern NUMBER = compile("[+-]?(?:[0-9]*\\.[0-9]+|[0-9]+)");
  private static final Pattern HASH = compile("#(?:" + NMCHAR + ")+");
  private static final Pattern IDENT = compile("-?(?:" + NMSTART + ")(?:" + NMCHAR + ")*");
  private static final Pattern STRING_SQ = compile("(?:[^\\n\\r\\f\\\\']|" + STRING_ESCAPE + ")*");
  private static final Pattern STRING_DQ = compile("(?:[^\\n\\r\\f\\\\\"]|" + STRING_ESCAPE + ")*");
  private static final Pattern SIMPLE_ESCAPE = Pattern.compile("\\\\(.)");
  private static final Pattern UNICODE_ESCAPE_P = compile(UNICODE_ESCAPE);
  private static final Pattern NEWLINE_ESCAPE = Pattern.compile("\\\\(?:\\n|\\r\\n|\\r|\\f)");

  private final String s;
  private int pos;
  private boolean eofDone;

  public CssTokenizer(String selector) {
    this.s = selector;
  }

  private static Pattern compile(String p) {
    return Pattern.compile(p, Pattern.CASE_INSENSITIVE);
  }

  private Matcher at(Pattern p) {
    Matcher m = p.matcher(s);
    m.region(pos, s.length());
    return m.lookingAt() ? m : null;
  }

  /**
   * The next token; after {@code EOF} a {@link SelectorError}, as cssselect's stream raises
   * "Unexpected end of selector" when read past its end.
   */
  public CssToken next() {
    while (pos < s.length()) {
      Matcher m = at(WHITESPACE);
      if (m != null) {
        return token(CssToken.Type.S, " ", m.end());
      }
      m = at(IDENT);
      if (m != null) {
        return token(CssToken.Type.IDENT, unescape(m.group()), m.end());
      }
      m = at(HASH);
      if (m != null) {
        return token(CssToken.Type.HASH, unescape(m.group().substring(1)), m.end());
      }
      char quote = s.charAt(pos);
      if (quote == '\'' || quote == '"') {
        Matcher sm = (quote == '\'' ? STRING_SQ : STRING_DQ).matcher(s);
        sm.region(pos + 1, s.length());
        sm.lookingAt();
        int end = sm.end();
        if (end == s.length()) {
          throw SelectorError.syntax("Unclosed string at " + pos, pos);
        }
        if (s.charAt(end) != quote) {
          throw SelectorError.syntax("Invalid string at " + pos, pos);
        }
        String raw = NEWLINE_ESCAPE.matcher(sm.group()).replaceAll("");
        return token(CssToken.Type.STRING, unescape(raw), end + 1);
      }
      m = at(NUMBER);
      if (m != null) {
        return token(CssToken.Type.NUMBER, m.group(), m.end());
      }
      if (s.startsWith("/*", pos)) {
        int close = s.indexOf("*/", pos + 2);
        pos = close < 0 ? s.length() : close + 2;
        continue;
      }
      return token(CssToken.Type.DELIM, s.substring(pos, pos + 1), pos + 1);
    }
    if (eofDone) {
      throw SelectorError.syntax("Unexpected end of selector", s.length());
    }
    eofDone = true;
    return new CssToken(CssToken.Type.EOF, null, pos);
  }

  private CssToken token(CssToken.Type type, String value, int end) {
    CssToken t = new CssToken(type, value, pos);
    pos = end;
    return t;
  }

  /** CSS escapes resolved: {@code \26 } and {@code \&} both give {@code &}. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    Matcher m = UNICODE_ESCAPE_P.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      long cp = Long.parseLong(m.group(1), 16);
      if (cp > 0x10FFFF) {
        cp = 0xFFFD;
      }
      m.appendReplacement(b, Matcher.quoteReplacement(new String(Character.toChars((int) cp))));
    }
    m.appendTail(b);
    Matcher s2 = SIMPLE_ESCAPE.matcher(b.toString());
    StringBuilder c = new StringBuilder();
    while (s2.find()) {
      s2.appendReplacement(c, Matcher.quoteReplacement(s2.group(1)));
    }
    s2.appendTail(c);
    return c.toString();
  }
}
