package io.streamspider.processor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether parsel would accept a CSS selector. parsel parses CSS with cssselect and translates
 * it to XPath, adding the pseudo-elements {@code ::text} and {@code ::attr(name)}; this follows
 * the same grammar (cssselect 1.2) and the same translation-time checks (unknown
 * pseudo-classes, {@code :nth-*} series, {@code *:first-of-type}, undefined namespace
 * prefixes), so that a selector the host would reject fails compilation instead of the crawl.
 */
public final class CssCheck {
  private static final Set<String> PSEUDO_CLASSES =
      Set.of(
          "active", "checked", "disabled", "empty", "enabled", "first_child", "first_of_type",
          "focus", "hover", "last_child", "last_of_type", "link", "only_child", "only_of_type",
          "root", "scope", "target", "visited");
  private static final Set<String> FUNCTIONS =
      Set.of("contains", "lang", "nth_child", "nth_last_child", "nth_of_type",
          "nth_last_of_type");
  // the prefixes a parsel selector has bound: its defaults and xml
  private static final Set<String> PREFIXES = Set.of("re", "set", "xml");

  private static final String ESCAPE = "\\\\(?:[0-9a-f]{1,6}(?:\\r\\n|[ \\n\\r\\t\\f])?|[^\\n\\r\\f0-9a-f])";
  private static final String NONASCII = "[^\\x00-\\x7f]";
  private static final String NMCHAR = "(?:[_a-z0-9-]|" + ESCAPE + "|" + NONASCII + ")";
  private static final String NMSTART = "(?:[_a-z]|" + ESCAPE + "|" + NONASCII + ")";
  private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n\\f]+");
  private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]*\\.[0-9]+|[0-9]+)");
  private static final Pattern HASH = Pattern.compile("#" + NMCHAR + "+", Pattern.CASE_INSENSITIVE);
  private static final Pattern IDENT =
      Pattern.compile("-?" + NMSTART + NMCHAR + "*", Pattern.CASE_INSENSITIVE);
  private static final String STRING_ESCAPE = "\\\\(?:\\n|\\r\\n|\\r|\\f)|" + ESCAPE;
  private static final Pattern STRING_SINGLE =
      Pattern.compile("(?:[^\\n\\r\\f\\\\']|" + STRING_ESCAPE + ")*", Pattern.CASE_INSENSITIVE);
  private static final Pattern STRING_DOUBLE =
      Pattern.compile("(?:[^\\n\\r\\f\\\\\"]|" + STRING_ESCAPE + ")*", Pattern.CASE_INSENSITIVE);
  private static final Pattern UNICODE_ESCAPE =
      Pattern.compile("\\\\([0-9a-f]{1,6})(?:\\r\\n|[ \\n\\r\\t\\f])?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIMPLE_ESCAPE = Pattern.compile("\\\\(.)", Pattern.DOTALL);
  private static final Pattern NEWLINE_ESCAPE = Pattern.compile("\\\\(?:\\n|\\r\\n|\\r|\\f)");
  private static final Pattern SAFE_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.-]*");

  private CssCheck() {}

  /** Null when parsel accepts {@code css}, else why not. */
  public static String check(String css) {
    try {
      new Parser(tokenize(css)).selectorGroup();
      return null;
    } catch (Invalid e) {
      return e.getMessage();
    }
  }

  /** Why a selector is refused; messages follow cssselect's where it has one. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private enum Type {
    IDENT, HASH, STRING, NUMBER, S, DELIM, EOF
  }

  private record Token(Type type, String value, int pos) {
    boolean isDelim(String... values) {
      if (type != Type.DELIM) {
        return false;
      }
      for (String v : values) {
        if (v.equals(value)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return type == Type.EOF ? "end of selector" : "'" + value + "' at " + pos;
    }
  }

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int pos = 0;
    int len = s.length();
    while (pos < len) {
      Matcher m;
      if ((m = at(WHITESPACE, s, pos)) != null) {
        tokens.add(new Token(Type.S, " ", pos));
        pos = m.end();
      } else if ((m = at(IDENT, s, pos)) != null) {
        tokens.add(new Token(Type.IDENT, unescape(m.group()), pos));
        pos = m.end();
      } else if ((m = at(HASH, s, pos)) != null) {
        tokens.add(new Token(Type.HASH, unescape(m.group().substring(1)), pos));
        pos = m.end();
      } else if (s.charAt(pos) == '\'' || s.charAt(pos) == '"') {
        char quote = s.charAt(pos);
        m = at(quote == '\'' ? STRING_SINGLE : STRING_DOUBLE, s, pos + 1);
        int end = m == null ? pos + 1 : m.end();
        if (end == len) {
          throw new Invalid("unclosed string at " + pos);
        }
        if (s.charAt(end) != quote) {
          throw new Invalid("invalid string at " + pos + " (a newline must be escaped)");
        }
        String raw = s.substring(pos + 1, end);
        tokens.add(
            new Token(Type.STRING, unescape(NEWLINE_ESCAPE.matcher(raw).replaceAll("")), pos));
        pos = end + 1;
      } else if ((m = at(NUMBER, s, pos)) != null) {
        tokens.add(new Token(Type.NUMBER, m.group(), pos));
        pos = m.end();
      } else if (s.startsWith("/*", pos)) {
        int end = s.indexOf("*/", pos + 2);
        pos = end < 0 ? len : end + 2;
      } else {
        tokens.add(new Token(Type.DELIM, String.valueOf(s.charAt(pos)), pos));
        pos++;
      }
    }
    tokens.add(new Token(Type.EOF, null, len));
    return tokens;
  }

  private static Matcher at(Pattern p, String s, int pos) {
    Matcher m = p.matcher(s);
    m.region(pos, s.length());
    return m.lookingAt() && m.end() > pos ? m : null;
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    Matcher m = UNICODE_ESCAPE.matcher(value);
    while (m.find()) {
      int cp = Integer.parseInt(m.group(1), 16);
      String ch = cp > Character.MAX_CODE_POINT ? "\uFFFD" : new String(Character.toChars(cp));
      m.appendReplacement(out, Matcher.quoteReplacement(ch));
    }
    m.appendTail(out);
    return SIMPLE_ESCAPE.matcher(out.toString()).replaceAll("$1");
  }

  /** One compound selector as the translator sees it: what the of-type pseudo-classes need. */
  private static final class Compound {
    String element = "*"; // cssselect's XPathExpr.element after this compound
    boolean bare = true; // nothing but an element name or '*' so far
    String pseudoElement; // lower case, null if none
    List<Token> pseudoArguments; // for ::attr(...)
  }

  private static final class Parser {
    private final List<Token> tokens;
    private int next;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    Token peek() {
      return tokens.get(next);
    }

    Token take() {
      if (next >= tokens.size()) {
        throw new Invalid("unexpected end of selector");
      }
      return tokens.get(next++);
    }

    void skipWhitespace() {
      if (peek().type == Type.S) {
        next++;
      }
    }

    String takeIdent() {
      Token t = take();
      if (t.type != Type.IDENT) {
        throw new Invalid("expected a name, got " + t);
      }
      return t.value;
    }

    /** An ident, or null for '*'. */
    String takeIdentOrStar() {
      Token t = take();
      if (t.type == Type.IDENT) {
        return t.value;
      }
      if (t.isDelim("*")) {
        return null;
      }
      throw new Invalid("expected a name or '*', got " + t);
    }

    void selectorGroup() {
      skipWhitespace();
      while (true) {
        selector();
        if (peek().isDelim(",")) {
          take();
          skipWhitespace();
        } else {
          break;
        }
      }
    }

    void selector() {
      Compound last = simpleSelector(false);
      while (true) {
        skipWhitespace();
        Token peek = peek();
        if (peek.type == Type.EOF || peek.isDelim(",")) {
          break;
        }
        if (last.pseudoElement != null) {
          throw notAtEnd(last.pseudoElement);
        }
        if (peek.isDelim("+", ">", "~")) {
          take();
          skipWhitespace();
        }
        last = simpleSelector(false);
      }
      if (last.pseudoElement != null) {
        translatePseudoElement(last);
      }
    }

    private Invalid notAtEnd(String pseudoElement) {
      return new Invalid(
          "pseudo-element ::" + pseudoElement + " must end the selector (it selects text or an"
              + " attribute, which has no children)");
    }

    Compound simpleSelector(boolean insideNegation) {
      skipWhitespace();
      int start = next;
      Compound c = new Compound();
      Token peek = peek();
      String namespace = null;
      String element = null;
      if (peek.type == Type.IDENT || peek.isDelim("*")) {
        namespace = peek.type == Type.IDENT ? take().value : starThenNull();
        if (peek().isDelim("|")) {
          take();
          element = takeIdentOrStar();
        } else {
          element = namespace;
          namespace = null;
        }
      }
      checkName(namespace, element);
      c.element = element == null ? "*" : element.toLowerCase(Locale.ROOT);
      if (namespace != null) {
        c.element = namespace + ":" + c.element;
      }
      while (true) {
        peek = peek();
        if (peek.type == Type.S
            || peek.type == Type.EOF
            || peek.isDelim(",", "+", ">", "~")
            || (insideNegation && peek.isDelim(")"))) {
          break;
        }
        if (c.pseudoElement != null) {
          throw notAtEnd(c.pseudoElement);
        }
        boolean wasBare = c.bare;
        c.bare = false;
        if (peek.type == Type.HASH) {
          take();
        } else if (peek.isDelim(".")) {
          take();
          takeIdent();
        } else if (peek.isDelim("|")) {
          take();
          c.element = takeIdent().toLowerCase(Locale.ROOT);
        } else if (peek.isDelim("[")) {
          take();
          attribute();
        } else if (peek.isDelim(":")) {
          take();
          if (peek().isDelim(":")) {
            take();
            c.pseudoElement = takeIdent().toLowerCase(Locale.ROOT);
            if (peek().isDelim("(")) {
              take();
              c.pseudoArguments = arguments();
            }
            continue;
          }
          String ident = takeIdent();
          String lower = ident.toLowerCase(Locale.ROOT);
          if (Set.of("first-line", "first-letter", "before", "after").contains(lower)) {
            c.pseudoElement = lower; // CSS 2.1 pseudo-elements may have one ':'
            continue;
          }
          if (!peek().isDelim("(")) {
            pseudoClass(c, lower, wasBare);
            continue;
          }
          take();
          skipWhitespace();
          switch (lower) {
            case "not" -> negation(insideNegation);
            case "has" -> c.element = relation(c.element);
            case "matches", "is", "where" -> selectorArguments();
            default -> function(c, lower, arguments());
          }
        } else {
          throw new Invalid("expected a selector, got " + peek);
        }
      }
      if (next == start) {
        throw new Invalid("expected a selector, got " + peek());
      }
      return c;
    }

    private String starThenNull() {
      take();
      return null;
    }

    private void pseudoClass(Compound c, String name, boolean bare) {
      if (name.equals("scope") && bare && c.element.equals("*")) {
        // a bare ":scope" must start a selector of the group
        int used = next;
        boolean atStart =
            used == 2
                || (used == 3 && tokens.get(0).type == Type.S)
                || (used >= 3 && tokens.get(used - 3).isDelim(","))
                || (used >= 4
                    && tokens.get(used - 3).type == Type.S
                    && tokens.get(used - 4).isDelim(","));
        if (!atStart) {
          throw new Invalid(":scope without an element must start the selector");
        }
      }
      String key = name.replace('-', '_');
      if (!PSEUDO_CLASSES.contains(key)) {
        throw new Invalid(
            "the pseudo-class :" + name + " is unknown to parsel (cssselect); jQuery and jsoup"
                + " extensions such as :eq() or :containsOwn() are not CSS");
      }
      if (key.endsWith("_of_type") && c.element.equals("*")) {
        throw new Invalid("*:" + name + " is not implemented: give an element name, e.g. p:"
            + name);
      }
    }

    private void function(Compound c, String name, List<Token> arguments) {
      String key = name.replace('-', '_');
      if (!FUNCTIONS.contains(key)) {
        throw new Invalid("the pseudo-class :" + name + "() is unknown to parsel (cssselect)");
      }
      switch (key) {
        case "contains", "lang" -> {
          if (!singleStringOrIdent(arguments)) {
            throw new Invalid(":" + name + "() takes a single string or name");
          }
        }
        default -> {
          if (key.endsWith("_of_type") && c.element.equals("*")) {
            throw new Invalid(
                "*:" + name + "() is not implemented: give an element name, e.g. p:" + name
                    + "(2)");
          }
          if (!validSeries(arguments)) {
            throw new Invalid(
                ":" + name + "() needs a series such as 2, odd, even, 2n+1 or -n+3");
          }
        }
      }
    }

    private void negation(boolean insideNegation) {
      if (insideNegation) {
        throw new Invalid(":not() cannot be nested");
      }
      Compound argument = simpleSelector(true);
      Token t = take();
      if (argument.pseudoElement != null) {
        throw new Invalid("pseudo-element ::" + argument.pseudoElement + " inside :not()");
      }
      if (!t.isDelim(")")) {
        throw new Invalid("expected ')' closing :not(), got " + t);
      }
    }

    /** :has(); returns the element the translated expression ends with. */
    private String relation(String element) {
      skipWhitespace();
      StringBuilder sub = new StringBuilder();
      Token t = take();
      String combinator = " ";
      if (t.isDelim("+", "-", ">", "~")) {
        combinator = t.value;
        skipWhitespace();
        t = take();
      }
      while (true) {
        if (t.type == Type.IDENT
            || t.type == Type.STRING
            || t.type == Type.NUMBER
            || t.isDelim(".", "*")) {
          sub.append(t.value);
        } else if (t.isDelim(")")) {
          break;
        } else {
          throw new Invalid(
              ":has() takes a combinator and one compound of names, classes and '*', got " + t);
        }
        t = take();
      }
      Parser inner = new Parser(tokenize(sub.toString()));
      inner.skipWhitespace();
      Compound last = inner.firstSelectorOfGroup();
      if (combinator.equals("-")) {
        throw new Invalid(":has() does not know the combinator '-'");
      }
      return combinator.equals("+") ? element : last.element;
    }

    /** Parses a group but returns the last compound of its first selector (what :has uses). */
    private Compound firstSelectorOfGroup() {
      Compound first = null;
      while (true) {
        Compound last = simpleSelector(false);
        while (true) {
          skipWhitespace();
          Token peek = peek();
          if (peek.type == Type.EOF || peek.isDelim(",")) {
            break;
          }
          if (last.pseudoElement != null) {
            throw notAtEnd(last.pseudoElement);
          }
          if (peek.isDelim("+", ">", "~")) {
            take();
            skipWhitespace();
          }
          last = simpleSelector(false);
        }
        if (first == null) {
          first = last;
        }
        if (peek().isDelim(",")) {
          take();
          skipWhitespace();
        } else {
          return first;
        }
      }
    }

    /** :is(), :matches(), :where(): simple selectors separated by ", " (with the space). */
    private void selectorArguments() {
      while (true) {
        Compound c = simpleSelector(true);
        if (c.pseudoElement != null) {
          throw new Invalid("pseudo-element ::" + c.pseudoElement + " inside a function");
        }
        skipWhitespace();
        Token t = take();
        if (t.type == Type.EOF || t.isDelim(",")) {
          // cssselect skips the token after the comma: ":is(a,b)" fails, ":is(a, b)" works
          take();
          skipWhitespace();
        } else if (t.isDelim(")")) {
          return;
        } else {
          throw new Invalid("expected ',' or ')' in a selector list, got " + t);
        }
      }
    }

    private List<Token> arguments() {
      List<Token> arguments = new ArrayList<>();
      while (true) {
        skipWhitespace();
        Token t = take();
        if (t.type == Type.IDENT
            || t.type == Type.STRING
            || t.type == Type.NUMBER
            || t.isDelim("+", "-")) {
          arguments.add(t);
        } else if (t.isDelim(")")) {
          return arguments;
        } else {
          throw new Invalid("expected an argument or ')', got " + t);
        }
      }
    }

    private void attribute() {
      skipWhitespace();
      String attribute = takeIdentOrStar();
      if (attribute == null && !peek().isDelim("|")) {
        throw new Invalid("expected '|' after '*' in an attribute selector, got " + peek());
      }
      String namespace = null;
      boolean hasOperator = false;
      if (peek().isDelim("|")) {
        take();
        if (peek().isDelim("=")) {
          take();
          hasOperator = true;
        } else {
          namespace = attribute;
          attribute = takeIdent();
        }
      }
      checkName(namespace, attribute);
      if (!hasOperator) {
        skipWhitespace();
        Token t = take();
        if (t.isDelim("]")) {
          return;
        }
        if (t.isDelim("=")) {
          hasOperator = true;
        } else if (t.isDelim("^", "$", "*", "~", "|", "!") && peek().isDelim("=")) {
          take();
        } else {
          throw new Invalid(
              "expected an operator (=, ~=, |=, ^=, $=, *=, !=) or ']', got " + t);
        }
      }
      skipWhitespace();
      Token value = take();
      if (value.type != Type.IDENT && value.type != Type.STRING) {
        throw new Invalid("expected a string or name as attribute value, got " + value
            + " (quote it)");
      }
      skipWhitespace();
      Token close = take();
      if (!close.isDelim("]")) {
        throw new Invalid("expected ']', got " + close);
      }
    }

    /** An undefined prefix makes lxml fail; names that are not XPath names are matched by name(). */
    private void checkName(String namespace, String name) {
      if (namespace == null || PREFIXES.contains(namespace)) {
        return;
      }
      boolean safe =
          SAFE_NAME.matcher(namespace).matches()
              && (name == null || SAFE_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches());
      if (safe) {
        throw new Invalid(
            "namespace prefix " + namespace + "| is undefined: parsel binds only re, set and xml");
      }
    }

    private void translatePseudoElement(Compound c) {
      String name = c.pseudoElement.replace('-', '_');
      if (c.pseudoArguments != null) {
        if (!name.equals("attr")) {
          throw new Invalid(
              "the functional pseudo-element ::" + c.pseudoElement + "() is unknown; parsel has"
                  + " ::text and ::attr(name)");
        }
        if (!singleStringOrIdent(c.pseudoArguments)) {
          throw new Invalid("::attr() takes a single attribute name");
        }
        String attribute = c.pseudoArguments.get(0).value;
        String problem = XPathCheck.check("descendant-or-self::*/@" + attribute);
        if (problem != null) {
          throw new Invalid("::attr(" + attribute + ") does not name an attribute: " + problem);
        }
      } else if (!name.equals("text")) {
        throw new Invalid(
            "the pseudo-element ::" + c.pseudoElement + " is unknown; parsel has ::text and"
                + " ::attr(name)");
      }
    }
  }

  private static boolean singleStringOrIdent(List<Token> arguments) {
    return arguments.size() == 1
        && (arguments.get(0).type == Type.STRING || arguments.get(0).type == Type.IDENT);
  }

  /** cssselect's parse_series, with Python's int() for the numbers. */
  static boolean validSeries(List<Token> arguments) {
    StringBuilder b = new StringBuilder();
    for (Token t : arguments) {
      if (t.type == Type.STRING) {
        return false;
      }
      b.append(t.value);
    }
    String s = b.toString().strip();
    if (s.equals("odd") || s.equals("even") || s.equals("n")) {
      return true;
    }
    int n = s.indexOf('n');
    if (n < 0) {
      return isPythonInt(s);
    }
    String a = s.substring(0, n);
    String rest = s.substring(n + 1);
    boolean aValid = a.isEmpty() || a.equals("-") || a.equals("+") || isPythonInt(a);
    return aValid && (rest.isEmpty() || isPythonInt(rest));
  }

  private static boolean isPythonInt(String s) {
    return s.strip().matches("[+-]?[0-9]+(_[0-9]+)*");
  }
}
