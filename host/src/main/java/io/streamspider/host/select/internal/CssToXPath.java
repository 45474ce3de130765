package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSS selectors to XPath 1.0 as parsel does it: cssselect 1.2's tokenizer, parser and
 * {@code HTMLTranslator} (lower-cased element and attribute names), plus parsel's
 * pseudo-elements {@code ::text} and {@code ::attr(name)}. The XPath strings are the ones
 * cssselect produces, so results and error messages match.
 */
public final class CssToXPath {
  // a spider's selectors are few and asked of every page; failures are not cached (they throw)
  private static final int CACHE_MAX = 1024;
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private CssToXPath() {}

  /** Translates a group of selectors, each prefixed with {@code descendant-or-self::}. */
  public static String translate(String css) {
    return translate(css, false);
  }

  /**
   * As {@link #translate(String)}; with {@code xml}, as parsel's translator for XML documents
   * ({@code GenericTranslator}): element and attribute names keep their case, and the
   * pseudo-classes that only mean something in HTML ({@code :checked}, {@code :link},
   * {@code :enabled}, {@code :disabled}) match nothing.
   */
  public static String translate(String css, boolean xml) {
    Map<String, String> cache = xml ? XML_CACHE : CACHE;
    String cached = cache.get(css);
    if (cached != null) {
      return cached;
    }
    String xpath;
    GENERIC.set(xml);
    try {
      xpath = translateUncached(css);
    } finally {
      GENERIC.set(false);
    }
    if (cache.size() >= CACHE_MAX) {
      cache.clear();
    }
    cache.put(css, xpath);
    return xpath;
  }

  private static final Map<String, String> XML_CACHE = new ConcurrentHashMap<>();
  /** Whether the translation running on this thread is GenericTranslator's (for XML). */
  private static final ThreadLocal<Boolean> GENERIC = ThreadLocal.withInitial(() -> false);

  private static String translateUncached(String css) {
    List<Selector> selectors = parse(css);
    StringBuilder out = new StringBuilder();
    for (Selector s : selectors) {
      if (out.length() > 0) {
        out.append(" | ");
      }
      XPathExpr xp = xpath(s.tree);
      if (s.pseudoElement != null) {
        xp = pseudoElement(xp, s.pseudoElement);
      }
      out.append("descendant-or-self::").append(xp);
    }
    return out.toString();
  }

  private static QueryException syntax(String message) {
    return new QueryException("SelectorSyntaxError", message);
  }

  private static QueryException expression(String message) {
    return new QueryException("ExpressionError", message);
  }

  // ---- tokens ----------------------------------------------------------------------------

  static final class Token {
    final String type;
    final String value;
    final int pos;

    Token(String type, String value, int pos) {
      this.type = type;
      this.value = value;
      this.pos = pos;
    }

    boolean is(String t, String v) {
      return type.equals(t) && (v == null ? value == null : v.equals(value));
    }

    boolean isDelim(String... values) {
      if (!type.equals("DELIM")) {
        return false;
      }
      for (String v : values) {
        if (v.equals(value)) {
          return true;
        }
      }
      return false;
    }

    String css() {
      return type.equals("STRING") ? PyRepr.str(value) : value;
    }

    @Override
    public String toString() {
      return type.equals("EOF") ? "<EOF at " + pos + ">" : "<" + type + " '" + value + "' at " + pos + ">";
    }
  }

  private static String repr(List<Token> tokens) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(tokens.get(i));
    }
    return b.append(']').toString();
  }

  private static final String UNICODE_ESCAPE = "\\\\([0-9a-f]{1,6})(?:\\r\\n|[ \\n\\r\\t\\f])?";
  private static final String ESCAPE = UNICODE_ESCAPE + "|\\\\[^\\n\\r\\f0-9a-f]";
  private static final String STRING_ESCAPE = "\\\\(?:\\n|\\r\\n|\\r|\\f)|" + ESCAPE;
  private static final String NONASCII = "[^\\x00-\\x7F]";
  private static final String NMCHAR = "[_a-z0-9-]|" + ESCAPE + "|" + NONASCII;
  private static final String NMSTART = "[_a-z]|" + ESCAPE + "|" + NONASCII;

  private static Pattern compile(String p) {
    return Pattern.compile(p, Pattern.CASE_INSENSITIVE);
  }

  private static final Pattern WHITESPACE = compile("[ \\t\\r\\n\\f]+");
  private static final Pattern NUMBER = compile("[+-]?(?:[0-9]*\\.[0-9]+|[0-9]+)");
  private static final Pattern HASH = compile("#(?:" + NMCHAR + ")+");
  private static final Pattern IDENT = compile("-?(?:" + NMSTART + ")(?:" + NMCHAR + ")*");
  private static final Pattern STRING_SQ = compile("(?:[^\\n\\r\\f\\\\']|" + STRING_ESCAPE + ")*");
  private static final Pattern STRING_DQ = compile("(?:[^\\n\\r\\f\\\\\"]|" + STRING_ESCAPE + ")*");
  private static final Pattern SIMPLE_ESCAPE = Pattern.compile("\\\\(.)");
  private static final Pattern UNICODE_ESCAPE_P = compile(UNICODE_ESCAPE);
  private static final Pattern NEWLINE_ESCAPE = Pattern.compile("\\\\(?:\\n|\\r\\n|\\r|\\f)");

  private static String unescape(String s) {
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

  /** Lazy, like cssselect's generator: a bad string is reported only when it is reached. */
  static final class Tokenizer {
    private final String s;
    private int pos;
    private boolean eofDone;

    Tokenizer(String s) {
      this.s = s;
    }

    private Matcher at(Pattern p) {
      Matcher m = p.matcher(s);
      m.region(pos, s.length());
      return m.lookingAt() ? m : null;
    }

    Token next() {
      while (pos < s.length()) {
        Matcher m = at(WHITESPACE);
        if (m != null) {
          Token t = new Token("S", " ", pos);
          pos = m.end();
          return t;
        }
        m = at(IDENT);
        if (m != null) {
          Token t = new Token("IDENT", unescape(m.group()), pos);
          pos = m.end();
          return t;
        }
        m = at(HASH);
        if (m != null) {
          Token t = new Token("HASH", unescape(m.group().substring(1)), pos);
          pos = m.end();
          return t;
        }
        char quote = s.charAt(pos);
        if (quote == '\'' || quote == '"') {
          Matcher sm = (quote == '\'' ? STRING_SQ : STRING_DQ).matcher(s);
          sm.region(pos + 1, s.length());
          sm.lookingAt();
          int end = sm.end();
          if (end == s.length()) {
            throw syntax("Unclosed string at " + pos);
          }
          if (s.charAt(end) != quote) {
            throw syntax("Invalid string at " + pos);
          }
          String raw = NEWLINE_ESCAPE.matcher(sm.group()).replaceAll("");
          Token t = new Token("STRING", unescape(raw), pos);
          pos = end + 1;
          return t;
        }
        m = at(NUMBER);
        if (m != null) {
          Token t = new Token("NUMBER", m.group(), pos);
          pos = m.end();
          return t;
        }
        if (s.startsWith("/*", pos)) {
          int close = s.indexOf("*/", pos + 2);
          pos = close < 0 ? s.length() : close + 2;
          continue;
        }
        Token t = new Token("DELIM", s.substring(pos, pos + 1), pos);
        pos++;
        return t;
      }
      if (eofDone) {
        throw syntax("Unexpected end of selector");
      }
      eofDone = true;
      return new Token("EOF", null, pos);
    }
  }

  static final class TokenStream {
    final List<Token> used = new ArrayList<>();
    private final Tokenizer tokens;
    private Token peeked;

    TokenStream(String css) {
      this.tokens = new Tokenizer(css);
    }

    Token next() {
      Token t;
      if (peeked != null) {
        t = peeked;
        peeked = null;
      } else {
        t = tokens.next();
      }
      used.add(t);
      return t;
    }

    Token peek() {
      if (peeked == null) {
        peeked = tokens.next();
      }
      return peeked;
    }

    String nextIdent() {
      Token t = next();
      if (!t.type.equals("IDENT")) {
        throw syntax("Expected ident, got " + t);
      }
      return t.value;
    }

    /** The ident, or null for {@code *}. */
    String nextIdentOrStar(boolean[] star) {
      Token t = next();
      if (t.type.equals("IDENT")) {
        return t.value;
      }
      if (t.is("DELIM", "*")) {
        star[0] = true;
        return null;
      }
      throw syntax("Expected ident or '*', got " + t);
    }

    void skipWhitespace() {
      if (peek().type.equals("S")) {
        next();
      }
    }
  }

  // ---- parsed objects --------------------------------------------------------------------

  abstract static class Tree {}

  static final class ElementSel extends Tree {
    final String namespace;
    final String element;

    ElementSel(String namespace, String element) {
      this.namespace = namespace;
      this.element = element;
    }
  }

  static final class HashSel extends Tree {
    final Tree selector;
    final String id;

    HashSel(Tree selector, String id) {
      this.selector = selector;
      this.id = id;
    }
  }

  static final class ClassSel extends Tree {
    final Tree selector;
    final String className;

    ClassSel(Tree selector, String className) {
      this.selector = selector;
      this.className = className;
    }
  }

  static final class FunctionSel extends Tree {
    final Tree selector;
    final String name;
    final List<Token> arguments;

    FunctionSel(Tree selector, String name, List<Token> arguments) {
      this.selector = selector;
      this.name = asciiLower(name);
      this.arguments = arguments;
    }
  }

  static final class PseudoSel extends Tree {
    final Tree selector;
    final String ident;

    PseudoSel(Tree selector, String ident) {
      this.selector = selector;
      this.ident = asciiLower(ident);
    }
  }

  static final class AttribSel extends Tree {
    final Tree selector;
    final String namespace;
    final String attrib;
    final String operator;
    final Token value;

    AttribSel(Tree selector, String namespace, String attrib, String operator, Token value) {
      this.selector = selector;
      this.namespace = namespace;
      this.attrib = attrib;
      this.operator = operator;
      this.value = value;
    }
  }

  static final class NegationSel extends Tree {
    final Tree selector;
    final Tree subselector;

    NegationSel(Tree selector, Tree subselector) {
      this.selector = selector;
      this.subselector = subselector;
    }
  }

  static final class RelationSel extends Tree {
    final Tree selector;
    final Token combinator;
    final Selector subselector;

    RelationSel(Tree selector, Token combinator, Selector subselector) {
      this.selector = selector;
      this.combinator = combinator;
      this.subselector = subselector;
    }
  }

  /** {@code :is()}, {@code :matches()} and {@code :where()} translate alike. */
  static final class MatchingSel extends Tree {
    final Tree selector;
    final List<Tree> selectorList;

    MatchingSel(Tree selector, List<Tree> selectorList) {
      this.selector = selector;
      this.selectorList = selectorList;
    }
  }

  static final class CombinedSel extends Tree {
    final Tree selector;
    final String combinator;
    final Tree subselector;

    CombinedSel(Tree selector, String combinator, Tree subselector) {
      this.selector = selector;
      this.combinator = combinator;
      this.subselector = subselector;
    }
  }

  /** A pseudo-element: a name, and arguments when functional ({@code ::attr(x)}). */
  static final class PseudoElement {
    final String name;
    final List<Token> arguments;

    PseudoElement(String name, List<Token> arguments) {
      this.name = name;
      this.arguments = arguments;
    }
  }

  static final class Selector {
    final Tree tree;
    final PseudoElement pseudoElement;

    Selector(Tree tree, PseudoElement pseudoElement) {
      this.tree = tree;
      this.pseudoElement = pseudoElement;
    }
  }

  static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  // ---- parser ----------------------------------------------------------------------------

  private static final Pattern EL_RE = Pattern.compile("^[ \\t\\r\\n\\f]*([a-zA-Z]+)[ \\t\\r\\n\\f]*$");
  private static final Pattern ID_RE =
      Pattern.compile("^[ \\t\\r\\n\\f]*([a-zA-Z]*)#([a-zA-Z0-9_-]+)[ \\t\\r\\n\\f]*$");
  private static final Pattern CLASS_RE =
      Pattern.compile("^[ \\t\\r\\n\\f]*([a-zA-Z]*)\\.([a-zA-Z][a-zA-Z0-9_-]*)[ \\t\\r\\n\\f]*$");

  static List<Selector> parse(String css) {
    Matcher m = EL_RE.matcher(css);
    if (m.matches()) {
      return List.of(new Selector(new ElementSel(null, m.group(1)), null));
    }
    m = ID_RE.matcher(css);
    if (m.matches()) {
      String el = m.group(1).isEmpty() ? null : m.group(1);
      return List.of(new Selector(new HashSel(new ElementSel(null, el), m.group(2)), null));
    }
    m = CLASS_RE.matcher(css);
    if (m.matches()) {
      String el = m.group(1).isEmpty() ? null : m.group(1);
      return List.of(new Selector(new ClassSel(new ElementSel(null, el), m.group(2)), null));
    }
    TokenStream stream = new TokenStream(css);
    List<Selector> out = new ArrayList<>();
    stream.skipWhitespace();
    while (true) {
      out.add(parseSelector(stream));
      if (stream.peek().is("DELIM", ",")) {
        stream.next();
        stream.skipWhitespace();
      } else {
        break;
      }
    }
    return out;
  }

  private static Selector parseSelector(TokenStream stream) {
    Object[] first = parseSimpleSelector(stream, false);
    Tree result = (Tree) first[0];
    PseudoElement pseudo = (PseudoElement) first[1];
    while (true) {
      stream.skipWhitespace();
      Token peek = stream.peek();
      if (peek.type.equals("EOF") || peek.is("DELIM", ",")) {
        break;
      }
      if (pseudo != null) {
        throw syntax(
            "Got pseudo-element ::" + pseudoName(pseudo) + " not at the end of a selector");
      }
      String combinator;
      if (peek.isDelim("+", ">", "~")) {
        combinator = stream.next().value;
        stream.skipWhitespace();
      } else {
        combinator = " ";
      }
      Object[] next = parseSimpleSelector(stream, false);
      pseudo = (PseudoElement) next[1];
      result = new CombinedSel(result, combinator, (Tree) next[0]);
    }
    return new Selector(result, pseudo == null ? null : normalise(pseudo));
  }

  /** Selector() lower-cases (ASCII) a simple pseudo-element's name. */
  private static PseudoElement normalise(PseudoElement p) {
    return p.arguments == null ? new PseudoElement(asciiLower(p.name), null) : p;
  }

  /** How Python's %s shows a pseudo-element: its name, or the functional repr. */
  private static String pseudoName(PseudoElement p) {
    if (p.arguments == null) {
      return p.name;
    }
    List<String> values = new ArrayList<>();
    for (Token t : p.arguments) {
      values.add(PyRepr.str(t.value));
    }
    return "FunctionalPseudoElement[::" + p.name + "([" + String.join(", ", values) + "])]";
  }

  private static Object[] parseSimpleSelector(TokenStream stream, boolean insideNegation) {
    stream.skipWhitespace();
    int selectorStart = stream.used.size();
    Token peek = stream.peek();
    String namespace;
    String element;
    if (peek.type.equals("IDENT") || peek.is("DELIM", "*")) {
      if (peek.type.equals("IDENT")) {
        namespace = stream.next().value;
      } else {
        stream.next();
        namespace = null;
      }
      if (stream.peek().is("DELIM", "|")) {
        stream.next();
        element = stream.nextIdentOrStar(new boolean[1]);
      } else {
        element = namespace;
        namespace = null;
      }
    } else {
      element = null;
      namespace = null;
    }
    Tree result = new ElementSel(namespace, element);
    PseudoElement pseudo = null;
    while (true) {
      peek = stream.peek();
      if (peek.type.equals("S")
          || peek.type.equals("EOF")
          || peek.isDelim(",", "+", ">", "~")
          || (insideNegation && peek.is("DELIM", ")"))) {
        break;
      }
      if (pseudo != null) {
        throw syntax(
            "Got pseudo-element ::" + pseudoName(pseudo) + " not at the end of a selector");
      }
      if (peek.type.equals("HASH")) {
        result = new HashSel(result, stream.next().value);
      } else if (peek.is("DELIM", ".")) {
        stream.next();
        result = new ClassSel(result, stream.nextIdent());
      } else if (peek.is("DELIM", "|")) {
        stream.next();
        result = new ElementSel(null, stream.nextIdent());
      } else if (peek.is("DELIM", "[")) {
        stream.next();
        result = parseAttrib(result, stream);
      } else if (peek.is("DELIM", ":")) {
        stream.next();
        if (stream.peek().is("DELIM", ":")) {
          stream.next();
          String name = stream.nextIdent();
          if (stream.peek().is("DELIM", "(")) {
            stream.next();
            pseudo = new PseudoElement(asciiLower(name), parseArguments(stream));
          } else {
            pseudo = new PseudoElement(name, null);
          }
          continue;
        }
        String ident = stream.nextIdent();
        String lower = ident.toLowerCase(Locale.ROOT);
        if (lower.equals("first-line") || lower.equals("first-letter") || lower.equals("before")
            || lower.equals("after")) {
          pseudo = new PseudoElement(ident, null);
          continue;
        }
        if (!stream.peek().is("DELIM", "(")) {
          result = new PseudoSel(result, ident);
          if (isBareScope(result)) {
            List<Token> u = stream.used;
            int n = u.size();
            boolean atStart =
                n == 2
                    || (n == 3 && u.get(0).type.equals("S"))
                    || (n >= 3 && u.get(n - 3).isDelim(","))
                    || (n >= 4 && u.get(n - 3).type.equals("S") && u.get(n - 4).isDelim(","));
            if (!atStart) {
              throw syntax(
                  "Got immediate child pseudo-element \":scope\" not at the start of a selector");
            }
          }
          continue;
        }
        stream.next();
        stream.skipWhitespace();
        if (lower.equals("not")) {
          if (insideNegation) {
            throw syntax("Got nested :not()");
          }
          Object[] arg = parseSimpleSelector(stream, true);
          Token next = stream.next();
          if (arg[1] != null) {
            throw syntax(
                "Got pseudo-element ::"
                    + pseudoName((PseudoElement) arg[1])
                    + " inside :not() at "
                    + next.pos);
          }
          if (!next.is("DELIM", ")")) {
            throw syntax("Expected ')', got " + next);
          }
          result = new NegationSel(result, (Tree) arg[0]);
        } else if (lower.equals("has")) {
          Object[] rel = parseRelativeSelector(stream);
          result = new RelationSel(result, (Token) rel[0], (Selector) rel[1]);
        } else if (lower.equals("matches") || lower.equals("is") || lower.equals("where")) {
          result = new MatchingSel(result, parseSimpleSelectorArguments(stream));
        } else {
          result = new FunctionSel(result, ident, parseArguments(stream));
        }
      } else {
        throw syntax("Expected selector, got " + peek);
      }
    }
    if (stream.used.size() == selectorStart) {
      throw syntax("Expected selector, got " + stream.peek());
    }
    return new Object[] {result, pseudo};
  }

  private static boolean isBareScope(Tree t) {
    if (!(t instanceof PseudoSel)) {
      return false;
    }
    PseudoSel p = (PseudoSel) t;
    if (!p.ident.equals("scope") || !(p.selector instanceof ElementSel)) {
      return false;
    }
    ElementSel e = (ElementSel) p.selector;
    return e.namespace == null && (e.element == null || e.element.isEmpty());
  }

  private static List<Token> parseArguments(TokenStream stream) {
    List<Token> args = new ArrayList<>();
    while (true) {
      stream.skipWhitespace();
      Token next = stream.next();
      if (next.type.equals("IDENT") || next.type.equals("STRING") || next.type.equals("NUMBER")
          || next.isDelim("+", "-")) {
        args.add(next);
      } else if (next.is("DELIM", ")")) {
        return args;
      } else {
        throw syntax("Expected an argument, got " + next);
      }
    }
  }

  private static Object[] parseRelativeSelector(TokenStream stream) {
    stream.skipWhitespace();
    StringBuilder sub = new StringBuilder();
    Token next = stream.next();
    Token combinator;
    if (next.isDelim("+", "-", ">", "~")) {
      combinator = next;
      stream.skipWhitespace();
      next = stream.next();
    } else {
      combinator = new Token("DELIM", " ", 0);
    }
    while (true) {
      if (next.type.equals("IDENT") || next.type.equals("STRING") || next.type.equals("NUMBER")
          || next.isDelim(".", "*")) {
        sub.append(next.value);
      } else if (next.is("DELIM", ")")) {
        return new Object[] {combinator, parse(sub.toString()).get(0)};
      } else {
        throw syntax("Expected an argument, got " + next);
      }
      next = stream.next();
    }
  }

  private static List<Tree> parseSimpleSelectorArguments(TokenStream stream) {
    List<Tree> args = new ArrayList<>();
    while (true) {
      Object[] r = parseSimpleSelector(stream, true);
      if (r[1] != null) {
        throw syntax(
            "Got pseudo-element ::" + pseudoName((PseudoElement) r[1]) + " inside function");
      }
      stream.skipWhitespace();
      Token next = stream.next();
      if (next.type.equals("EOF") || next.is("DELIM", ",")) {
        stream.next();
        stream.skipWhitespace();
        args.add((Tree) r[0]);
      } else if (next.is("DELIM", ")")) {
        args.add((Tree) r[0]);
        break;
      } else {
        throw syntax("Expected an argument, got " + next);
      }
    }
    return args;
  }

  private static AttribSel parseAttrib(Tree selector, TokenStream stream) {
    stream.skipWhitespace();
    boolean[] star = new boolean[1];
    String attrib = stream.nextIdentOrStar(star);
    if (attrib == null && !stream.peek().is("DELIM", "|")) {
      throw syntax("Expected '|', got " + stream.peek());
    }
    String namespace;
    String op;
    if (stream.peek().is("DELIM", "|")) {
      stream.next();
      if (stream.peek().is("DELIM", "=")) {
        namespace = null;
        stream.next();
        op = "|=";
      } else {
        namespace = attrib;
        attrib = stream.nextIdent();
        op = null;
      }
    } else {
      namespace = null;
      op = null;
    }
    if (op == null) {
      stream.skipWhitespace();
      Token next = stream.next();
      if (next.is("DELIM", "]")) {
        return new AttribSel(selector, namespace, attrib, "exists", null);
      } else if (next.is("DELIM", "=")) {
        op = "=";
      } else if (next.isDelim("^", "$", "*", "~", "|", "!") && stream.peek().is("DELIM", "=")) {
        op = next.value + "=";
        stream.next();
      } else {
        throw syntax("Operator expected, got " + next);
      }
    }
    stream.skipWhitespace();
    Token value = stream.next();
    if (!(value.type.equals("IDENT") || value.type.equals("STRING"))) {
      throw syntax("Expected string or ident, got " + value);
    }
    stream.skipWhitespace();
    Token next = stream.next();
    if (!next.is("DELIM", "]")) {
      throw syntax("Expected ']', got " + next);
    }
    return new AttribSel(selector, namespace, attrib, op, value);
  }

  /** parse_series: {@code an+b}; null when Python's int() would refuse it. */
  private static long[] parseSeries(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (Token t : tokens) {
      if (t.type.equals("STRING")) {
        return null;
      }
      b.append(t.value);
    }
    String s = b.toString().strip();
    if (s.equals("odd")) {
      return new long[] {2, 1};
    }
    if (s.equals("even")) {
      return new long[] {2, 0};
    }
    if (s.equals("n")) {
      return new long[] {1, 0};
    }
    int n = s.indexOf('n');
    if (n < 0) {
      Long v = pyInt(s);
      return v == null ? null : new long[] {0, v};
    }
    String a = s.substring(0, n);
    String bs = s.substring(n + 1);
    Long av;
    if (a.isEmpty()) {
      av = 1L;
    } else if (a.equals("-") || a.equals("+")) {
      av = pyInt(a + "1");
    } else {
      av = pyInt(a);
    }
    Long bv = bs.isEmpty() ? Long.valueOf(0) : pyInt(bs);
    return av == null || bv == null ? null : new long[] {av, bv};
  }

  private static Long pyInt(String s) {
    String t = s.strip().replace("_", "");
    if (t.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
      return null;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---- translator ------------------------------------------------------------------------

  /** cssselect's XPathExpr with parsel's {@code textnode} and {@code attribute}. */
  static final class XPathExpr {
    String path;
    String element;
    String condition;
    boolean textnode;
    String attribute;

    XPathExpr(String path, String element, String condition) {
      this.path = path;
      this.element = element;
      this.condition = condition;
    }

    private String base() {
      String p = path + element;
      if (!condition.isEmpty()) {
        p += "[" + condition + "]";
      }
      return p;
    }

    @Override
    public String toString() {
      String p = base();
      if (textnode) {
        if (p.equals("*")) {
          p = "text()";
        } else if (p.endsWith("::*/*")) {
          p = p.substring(0, p.length() - 3) + "text()";
        } else {
          p += "/text()";
        }
      }
      if (attribute != null) {
        if (p.endsWith("::*/*")) {
          p = p.substring(0, p.length() - 2);
        }
        p += "/@" + attribute;
      }
      return p;
    }

    XPathExpr addCondition(String c) {
      return addCondition(c, "and");
    }

    XPathExpr addCondition(String c, String conjunction) {
      if (!condition.isEmpty()) {
        condition = "(" + condition + ") " + conjunction + " (" + c + ")";
      } else {
        condition = c;
      }
      return this;
    }

    void addNameTest() {
      if (element.equals("*")) {
        return;
      }
      addCondition("name() = " + literal(element));
      element = "*";
    }

    XPathExpr join(String combiner, XPathExpr other, String closing, boolean innerCondition) {
      String p = this + combiner;
      if (!other.path.equals("*/")) {
        p += other.path;
      }
      path = p;
      if (!innerCondition) {
        element = closing != null ? other.element + closing : other.element;
        condition = other.condition;
      } else {
        element = other.element;
        if (!other.condition.isEmpty()) {
          element += "[" + other.condition + "]";
        }
        if (closing != null) {
          element += closing;
        }
      }
      textnode = other.textnode;
      attribute = other.attribute;
      return this;
    }

    XPathExpr join(String combiner, XPathExpr other) {
      return join(combiner, other, null, false);
    }
  }

  private static final Pattern SAFE_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_.-]*$");
  private static final Pattern NON_WHITESPACE = Pattern.compile("^[^ \\t\\r\\n\\f]+$");
  private static final Pattern QUOTE_RUNS = Pattern.compile("('+)");

  static String literal(String s) {
    if (s.indexOf('\'') < 0) {
      return "'" + s + "'";
    }
    if (s.indexOf('"') < 0) {
      return "\"" + s + "\"";
    }
    List<String> parts = new ArrayList<>();
    Matcher m = QUOTE_RUNS.matcher(s);
    int last = 0;
    while (m.find()) {
      parts.add(s.substring(last, m.start()));
      parts.add(m.group());
      last = m.end();
    }
    parts.add(s.substring(last));
    List<String> quoted = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      quoted.add(part.indexOf('\'') >= 0 ? "\"" + part + "\"" : "'" + part + "'");
    }
    return "concat(" + String.join(",", quoted) + ")";
  }

  private static XPathExpr xpath(Tree t) {
    if (t instanceof CombinedSel) {
      CombinedSel c = (CombinedSel) t;
      XPathExpr left = xpath(c.selector);
      XPathExpr right = xpath(c.subselector);
      switch (c.combinator) {
        case " ":
          return left.join("/descendant-or-self::*/", right);
        case ">":
          return left.join("/", right);
        case "+":
          {
            XPathExpr x = left.join("/following-sibling::", right);
            x.addNameTest();
            return x.addCondition("position() = 1");
          }
        default:
          return left.join("/following-sibling::", right);
      }
    }
    if (t instanceof NegationSel) {
      NegationSel n = (NegationSel) t;
      XPathExpr x = xpath(n.selector);
      XPathExpr sub = xpath(n.subselector);
      sub.addNameTest();
      return x.addCondition(sub.condition.isEmpty() ? "0" : "not(" + sub.condition + ")");
    }
    if (t instanceof RelationSel) {
      RelationSel r = (RelationSel) t;
      XPathExpr left = xpath(r.selector);
      XPathExpr right = xpath(r.subselector.tree);
      switch (r.combinator.value) {
        case " ":
          return left.join("[descendant::", right, "]", true);
        case ">":
          return left.join("[./", right, "]", false);
        case "+":
          return left.addCondition(
              "following-sibling::*[(name() = '" + right.element + "') and (position() = 1)]");
        case "~":
          return left.join("[following-sibling::", right, "]", false);
        default:
          throw expression("Unsupported combinator in :has(): " + r.combinator.value);
      }
    }
    if (t instanceof MatchingSel) {
      MatchingSel m = (MatchingSel) t;
      XPathExpr x = xpath(m.selector);
      for (Tree s : m.selectorList) {
        XPathExpr e = xpath(s);
        e.addNameTest();
        if (!e.condition.isEmpty()) {
          x.addCondition(e.condition, "or");
        }
      }
      return x;
    }
    if (t instanceof FunctionSel) {
      return function((FunctionSel) t);
    }
    if (t instanceof PseudoSel) {
      return pseudo((PseudoSel) t);
    }
    if (t instanceof AttribSel) {
      return attrib((AttribSel) t);
    }
    if (t instanceof ClassSel) {
      ClassSel c = (ClassSel) t;
      return includes(xpath(c.selector), "@class", c.className);
    }
    if (t instanceof HashSel) {
      HashSel h = (HashSel) t;
      return xpath(h.selector).addCondition("@id = " + literal(h.id));
    }
    ElementSel e = (ElementSel) t;
    String element = e.element;
    boolean safe;
    if (element == null || element.isEmpty()) {
      element = "*";
      safe = true;
    } else {
      safe = SAFE_NAME.matcher(element).find();
      if (!GENERIC.get()) {
        element = element.toLowerCase(Locale.ROOT);
      }
    }
    if (e.namespace != null && !e.namespace.isEmpty()) {
      element = e.namespace + ":" + element;
      safe = safe && SAFE_NAME.matcher(e.namespace).find();
    }
    XPathExpr x = new XPathExpr("", element, "");
    if (!safe) {
      x.addNameTest();
    }
    return x;
  }

  private static XPathExpr function(FunctionSel f) {
    XPathExpr x = xpath(f.selector);
    switch (f.name.replace('-', '_')) {
      case "nth_child":
        return nthChild(x, f, false, true);
      case "nth_last_child":
        return nthChild(x, f, true, true);
      case "nth_of_type":
        if (x.element.equals("*")) {
          throw expression("*:nth-of-type() is not implemented");
        }
        return nthChild(x, f, false, false);
      case "nth_last_of_type":
        if (x.element.equals("*")) {
          throw expression("*:nth-of-type() is not implemented");
        }
        return nthChild(x, f, true, false);
      case "contains":
        {
          String v = singleArgument(f.arguments, ":contains()");
          return x.addCondition("contains(., " + literal(v) + ")");
        }
      case "lang":
        {
          String v = singleArgument(f.arguments, ":lang()");
          if (GENERIC.get()) {
            return x.addCondition("lang(" + literal(v) + ")");
          }
          return x.addCondition(
              "ancestor-or-self::*[@lang][1][starts-with(concat("
                  + "translate(@lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                  + "'abcdefghijklmnopqrstuvwxyz'), "
                  + "'-'), "
                  + literal(v.toLowerCase(Locale.ROOT) + "-")
                  + ")]");
        }
      default:
        throw expression("The pseudo-class :" + f.name + "() is unknown");
    }
  }

  private static String singleArgument(List<Token> args, String what) {
    if (args.size() != 1
        || !(args.get(0).type.equals("STRING") || args.get(0).type.equals("IDENT"))) {
      throw expression("Expected a single string or ident for " + what + ", got " + repr(args));
    }
    return args.get(0).value;
  }

  private static XPathExpr nthChild(XPathExpr x, FunctionSel f, boolean last, boolean nameTest) {
    long[] ab = parseSeries(f.arguments);
    if (ab == null) {
      throw expression("Invalid series: '" + repr(f.arguments) + "'");
    }
    long a = ab[0];
    long bMin1 = ab[1] - 1;
    if (a == 1 && bMin1 <= 0) {
      return x;
    }
    if (a < 0 && bMin1 < 0) {
      return x.addCondition("0");
    }
    String nodetest = nameTest ? "*" : x.element;
    String count =
        (last ? "count(following-sibling::" : "count(preceding-sibling::") + nodetest + ")";
    if (a == 0) {
      return x.addCondition(count + " = " + bMin1);
    }
    List<String> exprs = new ArrayList<>();
    if (a > 0) {
      if (bMin1 > 0) {
        exprs.add(count + " >= " + bMin1);
      }
    } else {
      exprs.add(count + " <= " + bMin1);
    }
    if (Math.abs(a) != 1) {
      String left = count;
      long bNeg = Math.floorMod(-bMin1, Math.abs(a));
      if (bNeg != 0) {
        left = "(" + left + " +" + bNeg + ")";
      }
      exprs.add(left + " mod " + a + " = 0");
    }
    StringBuilder cond = new StringBuilder();
    for (String e : exprs) {
      if (cond.length() > 0) {
        cond.append(" and ");
      }
      cond.append(exprs.size() > 1 ? "(" + e + ")" : e);
    }
    return x.addCondition(cond.toString());
  }

  private static final String DISABLED =
      "\n        (\n            @disabled and\n            (\n"
          + "                (name(.) = 'input' and @type != 'hidden') or\n"
          + "                name(.) = 'button' or\n                name(.) = 'select' or\n"
          + "                name(.) = 'textarea' or\n                name(.) = 'command' or\n"
          + "                name(.) = 'fieldset' or\n                name(.) = 'optgroup' or\n"
          + "                name(.) = 'option'\n            )\n        ) or (\n            (\n"
          + "                (name(.) = 'input' and @type != 'hidden') or\n"
          + "                name(.) = 'button' or\n                name(.) = 'select' or\n"
          + "                name(.) = 'textarea'\n            )\n"
          + "            and ancestor::fieldset[@disabled]\n        )\n        ";

  private static final String ENABLED =
      "\n        (\n            @href and (\n                name(.) = 'a' or\n"
          + "                name(.) = 'link' or\n                name(.) = 'area'\n            )\n"
          + "        ) or (\n            (\n                name(.) = 'command' or\n"
          + "                name(.) = 'fieldset' or\n                name(.) = 'optgroup'\n"
          + "            )\n            and not(@disabled)\n        ) or (\n            (\n"
          + "                (name(.) = 'input' and @type != 'hidden') or\n"
          + "                name(.) = 'button' or\n                name(.) = 'select' or\n"
          + "                name(.) = 'textarea' or\n                name(.) = 'keygen'\n"
          + "            )\n            and not (@disabled or ancestor::fieldset[@disabled])\n"
          + "        ) or (\n            name(.) = 'option' and not(\n"
          + "                @disabled or ancestor::optgroup[@disabled]\n            )\n"
          + "        )\n        ";

  private static XPathExpr pseudo(PseudoSel p) {
    XPathExpr x = xpath(p.selector);
    switch (p.ident.replace('-', '_')) {
      case "root":
        return x.addCondition("not(parent::*)");
      case "scope":
        return x.addCondition("1");
      case "first_child":
        return x.addCondition("count(preceding-sibling::*) = 0");
      case "last_child":
        return x.addCondition("count(following-sibling::*) = 0");
      case "first_of_type":
        if (x.element.equals("*")) {
          throw expression("*:first-of-type is not implemented");
        }
        return x.addCondition("count(preceding-sibling::" + x.element + ") = 0");
      case "last_of_type":
        if (x.element.equals("*")) {
          throw expression("*:last-of-type is not implemented");
        }
        return x.addCondition("count(following-sibling::" + x.element + ") = 0");
      case "only_child":
        return x.addCondition("count(parent::*/child::*) = 1");
      case "only_of_type":
        if (x.element.equals("*")) {
          throw expression("*:only-of-type is not implemented");
        }
        return x.addCondition("count(parent::*/child::" + x.element + ") = 1");
      case "empty":
        return x.addCondition("not(*) and not(string-length())");
      case "link":
        if (GENERIC.get()) {
          return x.addCondition("0");
        }
        return x.addCondition("@href and (name(.) = 'a' or name(.) = 'link' or name(.) = 'area')");
      case "visited":
      case "hover":
      case "active":
      case "focus":
      case "target":
        return x.addCondition("0");
      case "enabled":
        return x.addCondition(GENERIC.get() ? "0" : ENABLED);
      case "disabled":
        return x.addCondition(GENERIC.get() ? "0" : DISABLED);
      case "checked":
        if (GENERIC.get()) {
          return x.addCondition("0");
        }
        return x.addCondition(
            "(@selected and name(.) = 'option') or "
                + "(@checked "
                + "and (name(.) = 'input' or name(.) = 'command')"
                + "and (@type = 'checkbox' or @type = 'radio'))");
      default:
        throw expression("The pseudo-class :" + p.ident + " is unknown");
    }
  }

  private static XPathExpr attrib(AttribSel s) {
    String name = GENERIC.get() ? s.attrib : s.attrib.toLowerCase(Locale.ROOT);
    boolean safe = SAFE_NAME.matcher(name).find();
    if (s.namespace != null && !s.namespace.isEmpty()) {
      name = s.namespace + ":" + name;
      safe = safe && SAFE_NAME.matcher(s.namespace).find();
    }
    String attr = safe ? "@" + name : "attribute::*[name() = " + literal(name) + "]";
    String value = s.value == null ? null : s.value.value;
    XPathExpr x = xpath(s.selector);
    switch (s.operator) {
      case "exists":
        return x.addCondition(attr);
      case "=":
        return x.addCondition(attr + " = " + literal(value));
      case "!=":
        return x.addCondition(
            value.isEmpty()
                ? attr + " != " + literal(value)
                : "not(" + attr + ") or " + attr + " != " + literal(value));
      case "~=":
        return includes(x, attr, value);
      case "|=":
        return x.addCondition(
            attr + " and (" + attr + " = " + literal(value) + " or starts-with(" + attr + ", "
                + literal(value + "-") + "))");
      case "^=":
        return x.addCondition(
            value.isEmpty() ? "0" : attr + " and starts-with(" + attr + ", " + literal(value) + ")");
      case "$=":
        return x.addCondition(
            value.isEmpty()
                ? "0"
                : attr + " and substring(" + attr + ", string-length(" + attr + ")-"
                    + (value.codePointCount(0, value.length()) - 1) + ") = " + literal(value));
      default: // "*="
        return x.addCondition(
            value.isEmpty() ? "0" : attr + " and contains(" + attr + ", " + literal(value) + ")");
    }
  }

  private static XPathExpr includes(XPathExpr x, String name, String value) {
    if (value != null && !value.isEmpty() && NON_WHITESPACE.matcher(value).find()) {
      return x.addCondition(
          name + " and contains(concat(' ', normalize-space(" + name + "), ' '), "
              + literal(" " + value + " ") + ")");
    }
    return x.addCondition("0");
  }

  private static XPathExpr pseudoElement(XPathExpr x, PseudoElement p) {
    if (p.arguments != null) {
      if (!p.name.replace('-', '_').equals("attr")) {
        throw expression("The functional pseudo-element ::" + p.name + "() is unknown");
      }
      if (p.arguments.size() != 1
          || !(p.arguments.get(0).type.equals("STRING")
              || p.arguments.get(0).type.equals("IDENT"))) {
        throw expression(
            "Expected a single string or ident for ::attr(), got " + repr(p.arguments));
      }
      x.attribute = p.arguments.get(0).value;
      return x;
    }
    if (!p.name.replace('-', '_').equals("text")) {
      throw expression("The pseudo-element ::" + p.name + " is unknown");
    }
    x.textnode = true;
    return x;
  }
}
