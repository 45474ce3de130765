package io.streamspider.host.select.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What libxml2's HTML parser (2.9, the one under lxml and parsel) knows about elements. */
public final class LibxmlTables {
  private LibxmlTables() {}

  /** Elements with no content and no end tag (html40ElementTable, {@code empty = 1}). */
  public static final Set<String> VOID =
      Set.of(
          "area",
          "base",
          "basefont",
          "br",
          "col",
          "frame",
          "hr",
          "img",
          "input",
          "isindex",
          "link",
          "meta",
          "param");

  /**
   * Elements HTML5 (and jsoup) treat as void but libxml2 does not know as empty: libxml2 keeps them
   * open, so they swallow what follows until their parent ends.
   */
  public static final Set<String> OPEN_IN_LIBXML =
      Set.of(
          "wbr", "embed", "keygen", "command", "device", "bgsound", "menuitem", "source", "track");

  /** Attributes written without a value whatever their value (htmlIsBooleanAttr). */
  public static final Set<String> BOOLEAN_ATTRIBUTES =
      Set.of(
          "checked",
          "compact",
          "declare",
          "defer",
          "disabled",
          "ismap",
          "multiple",
          "nohref",
          "noresize",
          "noshade",
          "nowrap",
          "readonly",
          "selected");

  /** Elements whose text is raw: no references, no markup, written unescaped. */
  public static final Set<String> RAW_TEXT = Set.of("script", "style");

  /** htmlStartClose: a start tag (key) closes the current element when it is one of these. */
  private static final Map<String, Set<String>> START_CLOSE = new HashMap<>();

  static {
    close(
        "form", "form", "p", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "ul", "ol", "menu",
        "dir", "address", "pre", "listing", "xmp", "head");
    close("head", "p");
    close("title", "p");
    close("body", "head", "style", "link", "title", "p");
    close("frameset", "head", "style", "link", "title", "p");
    close(
        "li", "p", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "address", "pre", "listing", "xmp",
        "head", "li");
    for (String h : new String[] {"hr", "h1", "h2", "h3", "h4", "h5", "h6", "dir"}) {
      close(h, "p", "head");
    }
    close("address", "p", "head", "ul");
    close("pre", "p", "head", "ul");
    close("listing", "p", "head");
    close("xmp", "p", "head");
    close("blockquote", "p", "head");
    close("dl", "p", "dt", "menu", "dir", "address", "pre", "listing", "xmp", "head");
    close("dt", "p", "menu", "dir", "address", "pre", "listing", "xmp", "head", "dd");
    close("dd", "p", "menu", "dir", "address", "pre", "listing", "xmp", "head", "dt");
    close("ul", "p", "head", "ol", "menu", "dir", "address", "pre", "listing", "xmp");
    close("ol", "p", "head", "ul");
    close("menu", "p", "head", "ul");
    close(
        "p", "p", "head", "h1", "h2", "h3", "h4", "h5", "h6", "tt", "i", "b", "u", "s", "strike",
        "big", "small");
    close("div", "p", "head");
    close("center", "font", "b", "i", "p", "head");
    close("a", "a");
    close("caption", "p");
    close("colgroup", "caption", "colgroup", "col", "p");
    close("col", "caption", "col", "p");
    close("table", "p", "head", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "xmp", "a");
    close("th", "th", "td", "p", "span", "font", "a", "b", "i", "u");
    close("td", "th", "td", "p", "span", "font", "a", "b", "i", "u");
    close("tr", "th", "td", "tr", "caption", "col", "colgroup", "p");
    close("thead", "caption", "col", "colgroup");
    close("tfoot", "th", "td", "tr", "caption", "col", "colgroup", "thead", "tbody", "p");
    close("tbody", "th", "td", "tr", "caption", "col", "colgroup", "thead", "tfoot", "tbody", "p");
    close("optgroup", "option");
    close("option", "option");
    close(
        "fieldset",
        "legend",
        "p",
        "head",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "listing",
        "xmp",
        "a");
  }

  private static void close(String newTag, String... oldTags) {
    START_CLOSE.put(newTag, Set.of(oldTags));
  }

  /** The start tags that close some element (htmlStartClose's keys). */
  static Set<String> startClosers() {
    return START_CLOSE.keySet();
  }

  /** Whether a start tag {@code newTag} closes an open {@code oldTag} that is the current node. */
  public static boolean startCloses(String newTag, String oldTag) {
    Set<String> closed = START_CLOSE.get(newTag);
    return closed != null && closed.contains(oldTag);
  }

  /**
   * The name libxml2 reads where {@code raw} starts (htmlParseHTMLName): ASCII letters, digits,
   * {@code : - _ .}, lower-cased; empty when the first character cannot start a name.
   */
  public static String htmlName(String raw) {
    return htmlName(raw, 0);
  }

  /** {@link #htmlName(String)} of the text starting at {@code from}. */
  public static String htmlName(String s, int from) {
    int n = s.length();
    if (from < 0 || from >= n) {
      return "";
    }
    char first = s.charAt(from);
    if (!(isAsciiLetter(first) || first == '_' || first == ':' || first == '.')) {
      return "";
    }
    int i = from;
    while (i < n && i - from < 100) {
      char c = s.charAt(i);
      if (isAsciiLetter(c)
          || (c >= '0' && c <= '9')
          || c == ':'
          || c == '-'
          || c == '_'
          || c == '.') {
        i++;
      } else {
        break;
      }
    }
    return s.substring(from, i).toLowerCase(Locale.ROOT);
  }

  /** {@link #htmlName(String)} gives {@code name} back unchanged, and it has no prefix. */
  static boolean isPlainName(String name) {
    int n = name.length();
    if (n == 0 || n >= 100 || !(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #htmlName(String, int)} would read the character at {@code i} into a name. */
  static boolean isNameChar(String s, int i) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return isAsciiLetter(c)
        || (c >= '0' && c <= '9')
        || c == ':'
        || c == '-'
        || c == '_'
        || c == '.';
  }

  /** An ASCII letter, the only letters libxml2's HTML names start with. */
  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
