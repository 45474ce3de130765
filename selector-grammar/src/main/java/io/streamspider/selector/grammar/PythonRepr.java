package io.streamspider.selector.grammar;

/**
 * Python's {@code repr()} of a str, as cssselect's messages show pseudo-element arguments; the
 * host's messages (parsel, Scrapy's forms) use the same one.
 */
public final class PythonRepr {
  private PythonRepr() {}

  /** Python's {@code repr()} of a str: single quotes unless it has one and no double quote. */
  public static String str(String s) {
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
  private static boolean isPrintable(int cp) {
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
}
