package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XComment;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.host.select.internal.tree.XParent;
import io.streamspider.host.select.internal.tree.XText;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of {@link LxmlTreeBuilder}: reads the page once, tokenising and building the tree
 * directly, for pages where libxml2's HTML parser, jsoup's HTML5 parser and the reshaping passes
 * all agree on a simple tree: a doctype, explicit {@code <html>}, an optional explicit head, an
 * explicit {@code <body>}, elements closed by their own end tags in the order they were opened (or,
 * for a few, by the end tags libxml2 and HTML5 both imply the same way), void elements, well-formed
 * attributes, text and comments, raw-text script and style, and inline svg.
 *
 * <p>It gives up ({@link #parse} returns null, and the caller runs the jsoup pipeline) at the first
 * thing outside that class: an end tag that is not the current element's, a start tag that either
 * parser would let close an open element, content where one of them moves it (text in head, body
 * content in head, table content outside its cells, tags inside select), anything after {@code
 * </html>} other than white space and comments, odd tokens ({@code <!x>}, {@code <?}, CDATA, a
 * {@code <} that starts no tag), control characters, names libxml2 reads otherwise than the source
 * spells them, an element still open at the end of the input. {@code DirectParserTest} compares its
 * tree with the pipeline's on the conformance corpora, realistic pages and random pages, wherever
 * it does not give up.
 */
final class DirectParser {
  /** Thrown (without a stack trace) to give up; caught in {@link #parse}. */
  private static final class Bail extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bail(boolean trace) {
      super(null, null, false, trace);
    }
  }

  private static final Bail BAIL = new Bail(false);

  /** For tests: when set, a bail-out records where it happened in {@link #lastBail}. */
  static boolean debug;

  /** For tests: the line of this class that gave up last (with {@link #debug} set), or -1. */
  static int lastBail = -1;

  // insertion modes, as far as the fast path needs them
  private static final int BEFORE_HTML = 0;
  private static final int BEFORE_HEAD = 1;
  private static final int IN_HEAD = 2;
  private static final int AFTER_HEAD = 3;
  private static final int IN_BODY = 4;
  private static final int AFTER_BODY = 5;
  private static final int AFTER_HTML = 6;

  /** Start tags the fast path leaves to the pipeline wherever they appear in the body. */
  private static final Set<String> BAIL_TAGS =
      Set.of(
          "html",
          "head",
          "body",
          "frameset",
          "frame",
          "plaintext",
          "xmp",
          "listing",
          "iframe",
          "noembed",
          "noframes",
          "noscript",
          "template",
          "math",
          "image",
          "isindex",
          "nobr",
          "ruby",
          "rb",
          "rt",
          "rp",
          "rtc",
          "keygen",
          "menuitem",
          "command",
          "device",
          "bgsound",
          "marquee",
          "applet",
          "object",
          "selectedcontent");

  /** HTML5 start tags that close a {@code p} in button scope. */
  private static final Set<String> P_CLOSERS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "center",
          "details",
          "dialog",
          "dir",
          "div",
          "dl",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "header",
          "hgroup",
          "main",
          "menu",
          "nav",
          "ol",
          "p",
          "search",
          "section",
          "summary",
          "ul",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "pre",
          "listing",
          "form",
          "plaintext",
          "xmp",
          "table",
          "hr",
          "li",
          "dd",
          "dt");

  /** HTML5's special elements (for the {@code li}, {@code dd} and {@code dt} start tags). */
  private static final Set<String> SPECIAL =
      Set.of(
          "address",
          "applet",
          "area",
          "article",
          "aside",
          "base",
          "basefont",
          "bgsound",
          "blockquote",
          "body",
          "br",
          "button",
          "caption",
          "center",
          "col",
          "colgroup",
          "dd",
          "details",
          "dir",
          "div",
          "dl",
          "dt",
          "embed",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "frame",
          "frameset",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "head",
          "header",
          "hgroup",
          "hr",
          "html",
          "iframe",
          "img",
          "input",
          "keygen",
          "li",
          "link",
          "listing",
          "main",
          "marquee",
          "menu",
          "meta",
          "nav",
          "noembed",
          "noframes",
          "noscript",
          "object",
          "ol",
          "p",
          "param",
          "plaintext",
          "pre",
          "script",
          "search",
          "section",
          "select",
          "source",
          "style",
          "summary",
          "table",
          "tbody",
          "td",
          "template",
          "textarea",
          "tfoot",
          "th",
          "thead",
          "title",
          "tr",
          "track",
          "ul",
          "wbr",
          "xmp",
          "svg");

  /** Elements that end HTML5's button scope (foreign ones are handled apart). */
  private static final Set<String> BUTTON_SCOPE =
      Set.of(
          "applet",
          "caption",
          "html",
          "table",
          "td",
          "th",
          "marquee",
          "object",
          "template",
          "button");

  /** HTML tags that end svg content in HTML5 (the parser leaves the foreign element). */
  private static final Set<String> SVG_BREAKOUT =
      Set.of(
          "b",
          "big",
          "blockquote",
          "body",
          "br",
          "center",
          "code",
          "dd",
          "div",
          "dl",
          "dt",
          "em",
          "embed",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "head",
          "hr",
          "i",
          "img",
          "li",
          "listing",
          "menu",
          "meta",
          "nobr",
          "ol",
          "p",
          "pre",
          "ruby",
          "s",
          "small",
          "span",
          "strong",
          "strike",
          "sub",
          "sup",
          "table",
          "tt",
          "u",
          "ul",
          "var",
          "font",
          "script",
          "style",
          "foreignobject",
          "desc",
          "title",
          "svg",
          "math");

  /** Table structure: which element may hold which (anything else in them gives up). */
  private static final Map<String, Set<String>> TABLE_CHILDREN =
      Map.of(
          "table", Set.of("caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"),
          "thead", Set.of("tr"),
          "tbody", Set.of("tr"),
          "tfoot", Set.of("tr"),
          "tr", Set.of("td", "th"),
          "colgroup", Set.of("col"));

  private static final Set<String> TABLE_PARTS =
      Set.of("caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th");

  // what the rules below ask of a tag name, in one look-up per tag
  private static final int F_BAIL = 1;
  private static final int F_VOID = 2;
  private static final int F_OPEN = 4;
  private static final int F_TABLE_PART = 8;
  private static final int F_P_CLOSER = 16;
  private static final int F_TABLE_PARENT = 32;
  private static final int F_CLOSES = 64;

  private static final Map<String, Integer> FLAGS = new HashMap<>();

  private static void flag(Set<String> names, int bit) {
    for (String n : names) {
      FLAGS.merge(n, bit, (a, b) -> a | b);
    }
  }

  static {
    flag(BAIL_TAGS, F_BAIL);
    flag(LibxmlTables.VOID, F_VOID);
    flag(LibxmlTables.OPEN_IN_LIBXML, F_OPEN);
    flag(TABLE_PARTS, F_TABLE_PART);
    flag(P_CLOSERS, F_P_CLOSER);
    flag(TABLE_CHILDREN.keySet(), F_TABLE_PARENT);
    flag(LibxmlTables.startClosers(), F_CLOSES);
  }

  /**
   * Names seen on most pages and every name the rules above know, shared rather than copied from
   * every tag, with their flags: an open-addressing table looked up straight from the source.
   */
  private static final String[] KEYS = new String[1024];

  private static final int[] KEY_FLAGS = new int[1024];

  static {
    String common =
        "html head body title meta link script style base div span a p ul ol li dl dt dd table"
            + " thead tbody tfoot tr td th caption colgroup col form input select option optgroup"
            + " button label textarea fieldset legend img br hr h1 h2 h3 h4 h5 h6 b i u s em"
            + " strong small code pre blockquote section article nav header footer main aside"
            + " figure figcaption picture source time del ins sup sub abbr cite q mark svg path g"
            + " circle rect line polyline polygon use defs symbol"
            + " class id href src alt type name value content rel charset width height style"
            + " title lang role action method for placeholder data-id aria-label aria-hidden"
            + " loading srcset sizes target itemprop itemscope itemtype property colspan rowspan"
            + " selected checked disabled viewbox fill stroke d xmlns";
    java.util.Set<String> all = new java.util.HashSet<>(Arrays.asList(common.split(" ")));
    all.addAll(FLAGS.keySet());
    all.addAll(SPECIAL);
    for (String k : all) {
      int h = slot(k.hashCode());
      while (KEYS[h] != null) {
        h = (h + 1) & (KEYS.length - 1);
      }
      KEYS[h] = k;
      KEY_FLAGS[h] = FLAGS.getOrDefault(k, 0);
    }
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (KEYS.length - 1);
  }

  /** The flags of a name, 0 for one the rules do not know. */
  private static int flagsOf(String name) {
    for (int h = slot(name.hashCode()); KEYS[h] != null; h = (h + 1) & (KEYS.length - 1)) {
      if (KEYS[h].equals(name)) {
        return KEY_FLAGS[h];
      }
    }
    return 0;
  }

  private final String s;

  /**
   * The source's characters: read one by one through an array, as {@code String.charAt} on a page
   * held in UTF-16 (any character beyond Latin-1) costs a call and a check per character under C1.
   */
  private final char[] cs;

  private final int n;
  private int pos;
  private int mode = BEFORE_HTML;
  private boolean doctype;

  /** Comments after {@code </body>} and whether each came after {@code </html>}. */
  private java.util.List<XComment> trailing;

  private final java.util.List<Boolean> trailingInDocument = new java.util.ArrayList<>(0);

  private final XDocument doc = new XDocument(false);
  private XElement html;
  private XElement head;
  private XElement body;

  private XElement[] stack = new XElement[32];
  private String[] names = new String[32];

  /**
   * Elements libxml2 keeps open and HTML5 does not (wbr, source, embed... without {@code />}): they
   * hold what follows up to their parent's end, and HTML5's rules look past them.
   */
  private boolean[] held = new boolean[32];

  private int depth;

  /** How many open elements of a kind the HTML5 rules below care about. */
  private int openA;

  private int openForm;
  private int openButton;
  private int openSelect;
  private int openSvg;
  private int openP;

  /** The start tag being read: its name, attributes (name, value, valueless) and end. */
  private String tagName;

  private String[] attrs = new String[16];
  private String[] attrValues = new String[16];
  private boolean[] attrValueless = new boolean[16];
  private int attrCount;
  private boolean selfClosing;
  private int tagFlags;

  private DirectParser(String src) {
    this.s = src;
    this.cs = src.toCharArray();
    this.n = src.length();
  }

  /**
   * The finished-to-be tree of {@code src} (already stripped, as {@link LxmlTreeBuilder#run}
   * receives it), or null when the page is outside what the fast path reads.
   */
  static XDocument parse(String src) {
    try {
      return new DirectParser(src).run();
    } catch (Bail b) {
      if (debug) {
        lastBail = b.getStackTrace()[1].getLineNumber();
      }
      return null;
    }
  }

  private static Bail bail() {
    return debug ? new Bail(true) : BAIL;
  }

  private XDocument run() {
    while (pos < n) {
      char c = cs[pos];
      if (c != '<') {
        text();
        continue;
      }
      char d = pos + 1 < n ? cs[pos + 1] : 0;
      if (LibxmlTables.isAsciiLetter(d)) {
        startTag();
      } else if (d == '/') {
        endTag();
      } else if (d == '!' && s.startsWith("<!--", pos)) {
        comment();
      } else if (d == '!' && s.regionMatches(true, pos, "<!doctype", 0, 9)) {
        doctype();
      } else {
        throw bail();
      }
    }
    if (!(mode == AFTER_BODY || mode == AFTER_HTML || (mode == IN_BODY && depth == 2))) {
      throw bail();
    }
    if (trailing != null) {
      for (int k = 0; k < trailing.size(); k++) {
        (trailingInDocument.get(k) ? doc : html).append(trailing.get(k));
      }
    }
    return doc;
  }

  // ---------------------------------------------------------------- text

  private void text() {
    int i = pos;
    boolean blank = true;
    boolean amp = false;
    while (i < n) {
      char c = cs[i];
      if (c == '<') {
        break;
      }
      if (c == '&') {
        amp = true;
        blank = false;
      } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
        blank = false;
        if (c < 0x20 || c >= 0x7F) {
          checkChar(c, i);
        }
      }
      i++;
    }
    int from = pos;
    pos = i;
    switch (mode) {
      case BEFORE_HTML -> {
        if (!blank) {
          throw bail();
        }
      }
      case BEFORE_HEAD -> {
        if (!blank) {
          throw bail();
        }
        appendText(html, s.substring(from, i));
      }
      case IN_HEAD -> {
        if (!blank) {
          throw bail();
        }
        appendText(head, s.substring(from, i));
      }
      case AFTER_HEAD -> {
        if (!blank) {
          throw bail();
        }
        appendText(html, s.substring(from, i));
      }
      case IN_BODY -> {
        String cur = names[depth - 1];
        if (!blank && (TABLE_CHILDREN.containsKey(cur))) {
          throw bail(); // HTML5 moves it in front of the table
        }
        String raw = s.substring(from, i);
        appendText(stack[depth - 1], amp ? decodeText(raw) : raw);
      }
      default -> {
        if (!blank) {
          throw bail();
        }
        if (mode == AFTER_BODY) {
          appendText(html, s.substring(from, i)); // after </html>: none (jsoup's document text)
        }
      }
    }
  }

  /**
   * libxml2's reading of the references in {@code raw}; gives up on a numeric one libxml2 drops
   * (where the pipeline may keep HTML5's replacement character).
   */
  private static String decodeText(String raw) {
    for (int a = raw.indexOf("&#"); a >= 0; a = raw.indexOf("&#", a + 2)) {
      long val = 0;
      int j = a + 2;
      boolean hex = j < raw.length() && (raw.charAt(j) == 'x' || raw.charAt(j) == 'X');
      if (hex) {
        j++;
      }
      int digits = 0;
      while (j < raw.length() && digits < 8) {
        char d = raw.charAt(j);
        int v = Character.digit(d, hex ? 16 : 10);
        if (v < 0 || d > 'z') {
          break;
        }
        val = val * (hex ? 16 : 10) + v;
        digits++;
        j++;
      }
      if (digits == 0 || digits >= 8 || !LibxmlEntities.isXmlChar(val)) {
        throw bail();
      }
    }
    for (int a = raw.indexOf('&'); a >= 0; a = raw.indexOf('&', a + 1)) {
      int j = a + 1;
      while (j < raw.length() && j - a < 40 && isAsciiLetterOrDigit(raw.charAt(j))) {
        j++;
      }
      if (j == a + 1 || !LibxmlTables.isAsciiLetter(raw.charAt(a + 1))) {
        continue;
      }
      boolean known =
          j < raw.length() && raw.charAt(j) == ';' && LibxmlEntities.isKnown(raw, a + 1, j);
      if (!known) {
        // HTML5 reads a legacy name without its ';' (&copy, &notit); the pipeline may keep that
        for (int k = a + 3; k <= j; k++) {
          if (org.jsoup.nodes.Entities.isBaseNamedEntity(raw.substring(a + 1, k))) {
            throw bail();
          }
        }
      }
    }
    return LibxmlEntities.decodeText(raw);
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return LibxmlTables.isAsciiLetter(c) || (c >= '0' && c <= '9');
  }

  /**
   * Gives up on characters the parsers treat differently: controls, non-characters, lone halves.
   */
  private void checkChar(char c, int i) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      throw bail();
    }
    if (c >= 0xD800) {
      if (c <= 0xDBFF) {
        if (i + 1 >= n || !Character.isLowSurrogate(cs[i + 1])) {
          throw bail();
        }
      } else if (c <= 0xDFFF) {
        if (i == 0 || !Character.isHighSurrogate(cs[i - 1])) {
          throw bail();
        }
      } else if (c == 0xFFFE || c == 0xFFFF) {
        throw bail();
      }
    }
  }

  private void checkChars(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = cs[i];
      if (c < 0x20 ? c != '\n' && c != '\t' && c != '\r' : c >= 0x7F) {
        checkChar(c, i);
      }
    }
  }

  private static void appendText(XParent target, String text) {
    if (text.isEmpty()) {
      return;
    }
    XNode last = target.lastChild();
    if (last instanceof XText t) {
      t.appendData(text);
    } else {
      target.append(new XText(text));
    }
  }

  // ---------------------------------------------------------------- comments and doctype

  private void comment() {
    int end = s.indexOf("-->", pos + 4);
    if (end < 0) {
      throw bail();
    }
    int from = pos + 4;
    if (s.startsWith(">", from) || s.startsWith("->", from)) {
      throw bail(); // <!--> and <!---> end at once in HTML5
    }
    String data = s.substring(from, end);
    if (data.contains("--!>")) {
      throw bail();
    }
    checkChars(from, end);
    pos = end + 3;
    XComment c = new XComment(data);
    switch (mode) {
      case BEFORE_HTML -> doc.append(c);
      case AFTER_BODY, AFTER_HTML -> {
        // they end up after the white space that follows them (the pipeline moves them last)
        if (trailing == null) {
          trailing = new java.util.ArrayList<>();
        }
        trailing.add(c);
        trailingInDocument.add(mode == AFTER_HTML);
      }
      case BEFORE_HEAD, AFTER_HEAD -> html.append(c);
      case IN_HEAD -> head.append(c);
      default -> stack[depth - 1].append(c);
    }
  }

  private void doctype() {
    if (mode != BEFORE_HTML || doctype) {
      throw bail();
    }
    int end = s.indexOf('>', pos);
    if (end < 0 || s.lastIndexOf('<', end) != pos) {
      throw bail();
    }
    checkChars(pos, end);
    doctype = true;
    pos = end + 1;
  }

  // ---------------------------------------------------------------- tags

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  /** Characters libxml2 reads into a name (htmlParseHTMLName), except the colon. */
  private static boolean isNameChar(char c) {
    return LibxmlTables.isAsciiLetter(c)
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.';
  }

  /** The flags of the name {@link #name} read last. */
  private int nameFlags;

  /** The name in {@code s[from, to)}, lower-cased; shared when the table knows it. */
  private String name(int from, int to) {
    int hash = 0;
    boolean upper = false;
    for (int i = from; i < to; i++) {
      char c = cs[i];
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
        upper = true;
      }
      hash = 31 * hash + c;
    }
    int len = to - from;
    for (int h = slot(hash); KEYS[h] != null; h = (h + 1) & (KEYS.length - 1)) {
      String k = KEYS[h];
      if (k.length() == len && s.regionMatches(upper, from, k, 0, len)) {
        nameFlags = KEY_FLAGS[h];
        return k;
      }
    }
    nameFlags = 0;
    String raw = s.substring(from, to);
    return upper ? raw.toLowerCase(java.util.Locale.ROOT) : raw;
  }

  /** Reads the start tag at {@code pos} into {@link #tagName} and the attribute arrays. */
  private void readStartTag() {
    int i = pos + 1;
    int from = i;
    while (i < n && isNameChar(cs[i])) {
      i++;
    }
    if (i >= n) {
      throw bail();
    }
    char c = cs[i];
    if (!(isSpace(c) || c == '>' || c == '/')) {
      throw bail(); // a colon, quote, non-ASCII... in the name
    }
    tagName = name(from, i);
    tagFlags = nameFlags;
    attrCount = 0;
    selfClosing = false;
    while (true) {
      while (i < n && isSpace(cs[i])) {
        i++;
      }
      if (i >= n) {
        throw bail();
      }
      c = cs[i];
      if (c == '>') {
        pos = i + 1;
        return;
      }
      if (c == '/') {
        if (i + 1 < n && cs[i + 1] == '>') {
          selfClosing = true;
          pos = i + 2;
          return;
        }
        throw bail();
      }
      // an attribute name: what libxml2 reads as a name, ending where HTML5's ends too
      int nameFrom = i;
      if (!(LibxmlTables.isAsciiLetter(c) || c == '_')) {
        throw bail();
      }
      while (i < n && (isNameChar(cs[i]) || cs[i] == ':')) {
        i++;
      }
      if (i >= n) {
        throw bail();
      }
      c = cs[i];
      if (!(isSpace(c) || c == '>' || c == '/' || c == '=')) {
        throw bail();
      }
      String attr = name(nameFrom, i);
      int j = i;
      while (j < n && isSpace(cs[j])) {
        j++;
      }
      String value = null;
      if (j < n && cs[j] == '=') {
        j++;
        while (j < n && isSpace(cs[j])) {
          j++;
        }
        if (j >= n) {
          throw bail();
        }
        char q = cs[j];
        if (q == '"' || q == '\'') {
          int close = s.indexOf(q, j + 1);
          if (close < 0) {
            throw bail();
          }
          value = attributeValue(j + 1, close);
          i = close + 1;
          if (i >= n) {
            throw bail();
          }
          char after = cs[i];
          if (!(isSpace(after) || after == '>' || after == '/')) {
            throw bail();
          }
        } else {
          int k = j;
          while (k < n) {
            char v = cs[k];
            if (isSpace(v) || v == '>') {
              break;
            }
            if (v == '"' || v == '\'' || v == '<' || v == '=' || v == '`' || v == '&') {
              throw bail();
            }
            k++;
          }
          if (k == j) {
            throw bail();
          }
          value = attributeValue(j, k);
          i = k;
        }
      } else {
        i = j;
      }
      addAttribute(attr, value);
    }
  }

  private String attributeValue(int from, int to) {
    boolean amp = false;
    for (int i = from; i < to; i++) {
      char c = cs[i];
      if (c == '&') {
        amp = true;
      } else if (c < 0x20 ? c != '\n' && c != '\t' && c != '\r' : c >= 0x7F) {
        checkChar(c, i);
      }
    }
    String raw = s.substring(from, to);
    return amp ? LibxmlEntities.decodeAttribute(raw) : raw;
  }

  private void addAttribute(String name, String value) {
    for (int k = 0; k < attrCount; k++) {
      if (attrs[k].equals(name)) {
        throw bail(); // the pipeline's reading of duplicates depends on their spelling
      }
    }
    if (attrCount == attrValues.length) {
      int size = attrCount * 2;
      attrs = Arrays.copyOf(attrs, size);
      attrValues = Arrays.copyOf(attrValues, size);
      attrValueless = Arrays.copyOf(attrValueless, size);
    }
    attrs[attrCount] = name;
    attrValues[attrCount] = value;
    attrValueless[attrCount] = value == null;
    attrCount++;
  }

  /**
   * A new element for the tag just read, with its attributes as {@code DomConversion} makes them.
   */
  private XElement element() {
    XElement e = new XElement(tagName);
    for (int k = 0; k < attrCount; k++) {
      String name = attrs[k];
      boolean valueless = attrValueless[k];
      String value =
          valueless ? (LibxmlTables.BOOLEAN_ATTRIBUTES.contains(name) ? name : "") : attrValues[k];
      // without a colon the name (ASCII letter or _, then letters, digits, - _ .) is an XML name
      XAttribute a =
          name.indexOf(':') < 0
              ? new XAttribute(name, value, valueless)
              : DomConversion.attribute(name, value, valueless);
      if (a == null) {
        throw bail();
      }
      e.addAttribute(a);
      if (name.equals("id") || (name.equals("name") && tagName.equals("a"))) {
        doc.registerId(value, e);
      }
    }
    return e;
  }

  private void push(XElement e, String name) {
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
      names = Arrays.copyOf(names, depth * 2);
      held = Arrays.copyOf(held, depth * 2);
    }
    stack[depth] = e;
    names[depth] = name;
    held[depth] = (flagsOf(name) & F_OPEN) != 0;
    depth++;
    switch (name) {
      case "a" -> openA++;
      case "form" -> openForm++;
      case "button" -> openButton++;
      case "select" -> openSelect++;
      case "svg" -> openSvg++;
      case "p" -> openP++;
      default -> {}
    }
  }

  private void pop() {
    depth--;
    String name = names[depth];
    stack[depth] = null;
    switch (name) {
      case "a" -> openA--;
      case "form" -> openForm--;
      case "button" -> openButton--;
      case "select" -> openSelect--;
      case "svg" -> openSvg--;
      case "p" -> openP--;
      default -> {}
    }
  }

  private void startTag() {
    int tagStart = pos;
    readStartTag();
    String name = tagName;
    switch (mode) {
      case BEFORE_HTML -> {
        if (!name.equals("html") || selfClosing) {
          throw bail();
        }
        html = element();
        doc.append(html);
        push(html, name);
        mode = BEFORE_HEAD;
      }
      case BEFORE_HEAD -> {
        if (selfClosing) {
          throw bail();
        }
        if (name.equals("head")) {
          head = element();
          html.append(head);
          push(head, name);
          mode = IN_HEAD;
        } else if (name.equals("body")) {
          openBody();
        } else {
          throw bail();
        }
      }
      case IN_HEAD -> {
        if (name.equals("body") && !selfClosing) {
          pop(); // the head
          openBody();
        } else if (name.equals("meta") || name.equals("link") || name.equals("base")) {
          head.append(element());
        } else if ((name.equals("title") || name.equals("script") || name.equals("style"))
            && !selfClosing) {
          XElement e = element();
          head.append(e);
          textOnly(e, name, tagStart);
        } else {
          throw bail();
        }
      }
      case AFTER_HEAD -> {
        if (!name.equals("body") || selfClosing) {
          throw bail();
        }
        openBody();
      }
      case IN_BODY -> inBody(name, tagStart);
      default -> throw bail();
    }
  }

  private void openBody() {
    body = element();
    html.append(body);
    push(body, "body");
    mode = IN_BODY;
  }

  private void inBody(String name, int tagStart) {
    XElement parent = stack[depth - 1];
    String cur = names[depth - 1];
    if (openSvg > 0) {
      if (SVG_BREAKOUT.contains(name)) {
        throw bail();
      }
      XElement e = element();
      parent.append(e);
      if (!selfClosing) {
        push(e, name);
      }
      return;
    }
    int f = tagFlags;
    if ((f & F_BAIL) != 0) {
      throw bail();
    }
    // the end tags both parsers imply the same way: li before li, p before a block, td before td
    while ((f & F_CLOSES) != 0 && LibxmlTables.startCloses(name, cur) && closedByBoth(name, cur)) {
      pop();
      parent = stack[depth - 1];
      cur = names[depth - 1];
    }
    boolean isVoid = (f & F_VOID) != 0;
    if (selfClosing && !isVoid && !name.equals("svg") && (f & F_OPEN) == 0) {
      throw bail(); // HTML5 keeps <div/> open, libxml2 closes it
    }
    boolean tableParent = (flagsOf(cur) & F_TABLE_PARENT) != 0;
    if (tableParent ? !TABLE_CHILDREN.get(cur).contains(name) : (f & F_TABLE_PART) != 0) {
      throw bail();
    }
    if (openSelect > 0) {
      boolean ok =
          name.equals("option") && (cur.equals("select") || cur.equals("optgroup"))
              || name.equals("optgroup") && cur.equals("select");
      if (!ok) {
        throw bail();
      }
    } else if (name.equals("option") || name.equals("optgroup")) {
      throw bail();
    }
    if (LibxmlTables.startCloses(name, cur)) {
      throw bail(); // libxml2 closes the current element here
    }
    if ((f & F_P_CLOSER) != 0 && openP > 0 && inButtonScope("p")) {
      throw bail(); // HTML5 closes the paragraph here
    }
    switch (name) {
      case "li" -> listItem(false);
      case "dd", "dt" -> listItem(true);
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        String cur5 = names[html5Current()];
        if (cur5.length() == 2
            && cur5.charAt(0) == 'h'
            && cur5.charAt(1) >= '1'
            && cur5.charAt(1) <= '6') {
          throw bail();
        }
      }
      case "a" -> {
        if (openA > 0) {
          throw bail();
        }
      }
      case "form" -> {
        if (openForm > 0) {
          throw bail();
        }
      }
      case "button" -> {
        if (openButton > 0) {
          throw bail();
        }
      }
      case "select" -> {
        if (openSelect > 0) {
          throw bail();
        }
      }
      case "pre", "textarea" -> {
        if (pos < n && (cs[pos] == '\n' || cs[pos] == '\r')) {
          throw bail(); // HTML5 drops a newline right after the start tag
        }
      }
      default -> {}
    }
    XElement e = element();
    parent.append(e);
    if (isVoid || selfClosing) {
      return;
    }
    switch (name) {
      case "script", "style", "title", "textarea" -> textOnly(e, name, tagStart);
      default -> push(e, name);
    }
  }

  /**
   * A start tag {@code name} closes the current element {@code cur} in libxml2 (its table says so)
   * and in HTML5 alike: only these pairs, where both close just that one element.
   */
  private boolean closedByBoth(String name, String cur) {
    if (held[depth - 1]) {
      return false;
    }
    return switch (cur) {
      // not table: jsoup leaves the paragraph open in quirks mode
      case "p" ->
          (P_CLOSERS.contains(name) && !name.equals("table"))
              || ((name.equals("td") || name.equals("th") || name.equals("tr")) && inCell());
      case "li" -> name.equals("li");
      case "option" -> name.equals("option") || name.equals("optgroup");
      case "td", "th" -> name.equals("td") || name.equals("th") || name.equals("tr");
      case "tr" -> name.equals("tr");
      case "dd" -> name.equals("dt");
      case "dt" -> name.equals("dd");
      default -> false;
    };
  }

  /** The paragraph on top is in a table cell (HTML5 closes it with the cell). */
  private boolean inCell() {
    String below = depth >= 2 ? names[depth - 2] : "";
    return below.equals("td") || below.equals("th");
  }

  /** Where HTML5's current element is on the stack: the top one that is not held. */
  private int html5Current() {
    int k = depth - 1;
    while (held[k]) {
      k--;
    }
    return k;
  }

  /** HTML5's {@code li} (or {@code dd}/{@code dt}) start tag closes an open one it can reach. */
  private void listItem(boolean definition) {
    for (int k = depth - 1; k >= 0; k--) {
      if (held[k]) {
        continue;
      }
      String m = names[k];
      if (definition ? m.equals("dd") || m.equals("dt") : m.equals("li")) {
        throw bail();
      }
      if (SPECIAL.contains(m) && !m.equals("address") && !m.equals("div") && !m.equals("p")) {
        return;
      }
    }
  }

  private boolean inButtonScope(String target) {
    for (int k = depth - 1; k >= 0; k--) {
      if (held[k]) {
        continue;
      }
      String m = names[k];
      if (m.equals(target)) {
        return true;
      }
      if (BUTTON_SCOPE.contains(m)) {
        return false;
      }
    }
    return false;
  }

  /**
   * The content of script and style (raw text) or title and textarea (text with references, which
   * libxml2 would parse as markup: give up on a {@code <} there), up to the element's end tag.
   */
  private void textOnly(XElement e, String name, int tagStart) {
    boolean raw = name.equals("script") || name.equals("style");
    int from = pos;
    int i = from;
    int end;
    while (true) {
      int lt = s.indexOf('<', i);
      if (lt < 0) {
        throw bail();
      }
      if (!raw) {
        if (!s.startsWith("</", lt)) {
          throw bail();
        }
      } else if (s.startsWith("<!--", lt) && name.equals("script") && escapes(lt)) {
        throw bail(); // HTML5's double-escaped script
      } else if (!s.startsWith("</", lt)) {
        i = lt + 1;
        continue;
      }
      if (!s.regionMatches(true, lt + 2, name, 0, name.length())) {
        if (raw) {
          // both read on: libxml2 (recovering, as lxml parses) ends raw text only at "</" and its
          // own name, HTML5 only at its own end tag ("</div>" in a script string is text)
          i = lt + 2;
          continue;
        }
        throw bail();
      }
      int k = lt + 2 + name.length();
      while (k < n && isSpace(cs[k])) {
        k++;
      }
      if (k >= n || cs[k] != '>') {
        throw bail();
      }
      end = lt;
      pos = k + 1;
      break;
    }
    checkChars(from, end);
    if (end > from) {
      String content = s.substring(from, end);
      if (!raw && content.indexOf('&') >= 0) {
        content = decodeText(content);
      }
      appendText(e, content);
    }
  }

  /**
   * An end tag for an element below the current one: both parsers close the elements above it when
   * they are ones whose end tags HTML5 implies (p, li, dd, dt, option, td, th, tr) or libxml2 keeps
   * open, libxml2's end priorities allow it, and HTML5 closes the implied ones for this end tag;
   * anything else gives up.
   */
  private void closeImplied(String name) {
    if (openSvg > 0 || name.equals("body") || name.equals("html")) {
      throw bail();
    }
    int priority = endPriority(name);
    int k = depth - 1;
    boolean implied = false;
    while (k > 1 && !names[k].equals(name)) {
      if (!(held[k] || IMPLIED_END.contains(names[k])) || endPriority(names[k]) > priority) {
        throw bail();
      }
      implied |= !held[k];
      k--;
    }
    // with only held elements above it, the end tag is HTML5's current element's
    if (k <= 1 || held[k] || (implied && !IMPLYING_END_TAGS.contains(name))) {
      throw bail();
    }
    while (depth > k) {
      pop();
    }
  }

  /** End tags after which HTML5 closes the elements of {@link #IMPLIED_END} above its element. */
  private static final Set<String> IMPLYING_END_TAGS =
      Set.of(
          // jsoup's InBodyEndClosers (not main, dialog, search: it ignores those end tags there)
          "address",
          "article",
          "aside",
          "blockquote",
          "button",
          "center",
          "details",
          "dir",
          "div",
          "dl",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "header",
          "hgroup",
          "listing",
          "menu",
          "nav",
          "ol",
          "pre",
          "section",
          "summary",
          "ul",
          // and the ones with their own rules that close the same elements
          "li",
          "dd",
          "dt",
          "p",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "td",
          "th",
          "tr",
          "tbody",
          "thead",
          "tfoot",
          "table",
          "select");

  private static final Set<String> IMPLIED_END =
      Set.of("p", "li", "dd", "dt", "option", "td", "th", "tr");

  /** libxml2's htmlGetEndPriority. */
  private static int endPriority(String name) {
    return switch (name) {
      case "div" -> 150;
      case "td", "th" -> 160;
      case "tr" -> 170;
      case "thead", "tbody", "tfoot" -> 180;
      case "table" -> 190;
      case "head", "body" -> 200;
      case "html" -> 220;
      default -> 100;
    };
  }

  /** After {@code <!--} in a script, HTML5 reads {@code <script} as the start of an escape. */
  private boolean escapes(int from) {
    int end = s.indexOf("</", from);
    for (int i = s.indexOf('<', from + 4);
        i >= 0 && (end < 0 || i < end);
        i = s.indexOf('<', i + 1)) {
      if (s.regionMatches(true, i + 1, "script", 0, 6)) {
        return true;
      }
    }
    return false;
  }

  private void endTag() {
    int i = pos + 2;
    int from = i;
    if (i >= n || !LibxmlTables.isAsciiLetter(cs[i])) {
      throw bail();
    }
    while (i < n && isNameChar(cs[i])) {
      i++;
    }
    int to = i;
    while (i < n && isSpace(cs[i])) {
      i++;
    }
    if (i >= n || cs[i] != '>') {
      throw bail();
    }
    String name = name(from, to);
    pos = i + 1;
    switch (mode) {
      case IN_HEAD -> {
        if (!name.equals("head")) {
          throw bail();
        }
        pop();
        mode = AFTER_HEAD;
      }
      case IN_BODY -> {
        String cur = names[depth - 1];
        if (name.equals(cur) && !held[depth - 1]) {
          if (name.equals("body")) {
            mode = AFTER_BODY;
          } else {
            pop();
          }
        } else if (name.equals("html") && cur.equals("body")) {
          mode = AFTER_HTML;
        } else {
          closeImplied(name);
        }
      }
      case AFTER_BODY -> {
        if (!name.equals("html")) {
          throw bail();
        }
        mode = AFTER_HTML;
      }
      default -> throw bail();
    }
  }
}
