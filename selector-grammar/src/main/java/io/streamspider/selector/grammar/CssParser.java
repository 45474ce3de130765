package io.streamspider.selector.grammar;

import io.streamspider.selector.grammar.CssToken.Type;
import io.streamspider.selector.grammar.SelectorNode.Attrib;
import io.streamspider.selector.grammar.SelectorNode.ClassName;
import io.streamspider.selector.grammar.SelectorNode.Combined;
import io.streamspider.selector.grammar.SelectorNode.Element;
import io.streamspider.selector.grammar.SelectorNode.Function;
import io.streamspider.selector.grammar.SelectorNode.Hash;
import io.streamspider.selector.grammar.SelectorNode.Matching;
import io.streamspider.selector.grammar.SelectorNode.Negation;
import io.streamspider.selector.grammar.SelectorNode.Pseudo;
import io.streamspider.selector.grammar.SelectorNode.PseudoElement;
import io.streamspider.selector.grammar.SelectorNode.Relation;
import io.streamspider.selector.grammar.SelectorNode.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cssselect 1.2's parser, quirks included (so that what parses, and the message when it does not,
 * are parsel's): {@code :is(a,b)} needs the space after its comma, {@code :has()} takes one
 * combinator and one compound, a bare {@code :scope} must start a selector.
 */
public final class CssParser {
  private static final Pattern EL_RE =
      Pattern.compile("^[ \\t\\r\\n\\f]*([a-zA-Z]+)[ \\t\\r\\n\\f]*$");
  private static final Pattern ID_RE =
      Pattern.compile("^[ \\t\\r\\n\\f]*([a-zA-Z]*)#([a-zA-Z0-9_-]+)[ \\t\\r\\n\\f]*$");
  private static final Pattern CLASS_RE =
      Pattern.compile("^[ \\t\\r\\n\\f]*([a-zA-Z]*)\\.([a-zA-Z][a-zA-Z0-9_-]*)[ \\t\\r\\n\\f]*$");

  private final TokenStream stream;

  private CssParser(String css) {
    this.stream = new TokenStream(css);
  }

  /** The selectors of a group ({@code a, b}); a {@link SelectorError} if it does not parse. */
  public static List<Selector> parse(String css) {
    // cssselect's fast paths for a lone name, #id or .class
    Matcher m = EL_RE.matcher(css);
    if (m.matches()) {
      return List.of(new Selector(new Element(null, m.group(1)), null));
    }
    m = ID_RE.matcher(css);
    if (m.matches()) {
      String el = m.group(1).isEmpty() ? null : m.group(1);
      return List.of(new Selector(new Hash(new Element(null, el), m.group(2)), null));
    }
    m = CLASS_RE.matcher(css);
    if (m.matches()) {
      String el = m.group(1).isEmpty() ? null : m.group(1);
      return List.of(new Selector(new ClassName(new Element(null, el), m.group(2)), null));
    }
    return new CssParser(css).group();
  }

  private List<Selector> group() {
    List<Selector> out = new ArrayList<>();
    stream.skipWhitespace();
    while (true) {
      out.add(selector());
      if (stream.peek().isDelim(",")) {
        stream.next();
        stream.skipWhitespace();
      } else {
        break;
      }
    }
    return out;
  }

  /** A compound selector and the pseudo-element that ended it (or null). */
  private record Compound(SelectorNode tree, PseudoElement pseudo) {}

  private Selector selector() {
    Compound first = simpleSelector(false);
    SelectorNode result = first.tree();
    PseudoElement pseudo = first.pseudo();
    while (true) {
      stream.skipWhitespace();
      CssToken peek = stream.peek();
      if (peek.is(Type.EOF) || peek.isDelim(",")) {
        break;
      }
      if (pseudo != null) {
        throw notAtEnd(pseudo, peek);
      }
      String combinator;
      if (peek.isDelim("+", ">", "~")) {
        combinator = stream.next().value();
        stream.skipWhitespace();
      } else {
        combinator = " ";
      }
      Compound next = simpleSelector(false);
      pseudo = next.pseudo();
      result = new Combined(result, combinator, next.tree());
    }
    return new Selector(result, pseudo == null ? null : normalise(pseudo));
  }

  private static SelectorError notAtEnd(PseudoElement pseudo, CssToken at) {
    return SelectorError.syntax(
        "Got pseudo-element ::" + pseudo.shown() + " not at the end of a selector", at.pos());
  }

  /** cssselect's Selector() lower-cases (ASCII) a simple pseudo-element's name. */
  private static PseudoElement normalise(PseudoElement p) {
    return p.arguments() == null ? new PseudoElement(asciiLower(p.name()), null, p.pos()) : p;
  }

  static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  private Compound simpleSelector(boolean insideNegation) {
    stream.skipWhitespace();
    int selectorStart = stream.used.size();
    CssToken peek = stream.peek();
    String namespace;
    String element;
    if (peek.is(Type.IDENT) || peek.isDelim("*")) {
      if (peek.is(Type.IDENT)) {
        namespace = stream.next().value();
      } else {
        stream.next();
        namespace = null;
      }
      if (stream.peek().isDelim("|")) {
        stream.next();
        element = stream.nextIdentOrStar();
      } else {
        element = namespace;
        namespace = null;
      }
    } else {
      element = null;
      namespace = null;
    }
    SelectorNode result = new Element(namespace, element);
    PseudoElement pseudo = null;
    while (true) {
      peek = stream.peek();
      if (peek.is(Type.S)
          || peek.is(Type.EOF)
          || peek.isDelim(",", "+", ">", "~")
          || (insideNegation && peek.isDelim(")"))) {
        break;
      }
      if (pseudo != null) {
        throw notAtEnd(pseudo, peek);
      }
      if (peek.is(Type.HASH)) {
        result = new Hash(result, stream.next().value());
      } else if (peek.isDelim(".")) {
        stream.next();
        result = new ClassName(result, stream.nextIdent());
      } else if (peek.isDelim("|")) {
        stream.next();
        result = new Element(null, stream.nextIdent());
      } else if (peek.isDelim("[")) {
        stream.next();
        result = attrib(result);
      } else if (peek.isDelim(":")) {
        int colon = stream.next().pos();
        if (stream.peek().isDelim(":")) {
          stream.next();
          String name = stream.nextIdent();
          if (stream.peek().isDelim("(")) {
            stream.next();
            pseudo = new PseudoElement(asciiLower(name), arguments(), colon);
          } else {
            pseudo = new PseudoElement(name, null, colon);
          }
          continue;
        }
        String ident = stream.nextIdent();
        String lower = ident.toLowerCase(Locale.ROOT);
        if (lower.equals("first-line")
            || lower.equals("first-letter")
            || lower.equals("before")
            || lower.equals("after")) {
          // CSS 2.1's pseudo-elements may be written with one colon
          pseudo = new PseudoElement(ident, null, colon);
          continue;
        }
        if (!stream.peek().isDelim("(")) {
          result = new Pseudo(result, asciiLower(ident), colon);
          if (isBareScope(result) && !scopeStartsSelector()) {
            throw SelectorError.syntax(
                "Got immediate child pseudo-element \":scope\" not at the start of a selector",
                colon);
          }
          continue;
        }
        stream.next();
        stream.skipWhitespace();
        if (lower.equals("not")) {
          if (insideNegation) {
            throw SelectorError.syntax("Got nested :not()", colon);
          }
          Compound argument = simpleSelector(true);
          CssToken next = stream.next();
          if (argument.pseudo() != null) {
            throw SelectorError.syntax(
                "Got pseudo-element ::"
                    + argument.pseudo().shown()
                    + " inside :not() at "
                    + next.pos(),
                next.pos());
          }
          if (!next.isDelim(")")) {
            throw expected("Expected ')', got ", next);
          }
          result = new Negation(result, argument.tree());
        } else if (lower.equals("has")) {
          result = relativeSelector(result, colon);
        } else if (lower.equals("matches") || lower.equals("is") || lower.equals("where")) {
          result = new Matching(result, simpleSelectorArguments());
        } else {
          result = new Function(result, asciiLower(ident), arguments(), colon);
        }
      } else {
        throw expected("Expected selector, got ", peek);
      }
    }
    if (stream.used.size() == selectorStart) {
      throw expected("Expected selector, got ", stream.peek());
    }
    return new Compound(result, pseudo);
  }

  private static SelectorError expected(String message, CssToken got) {
    return SelectorError.syntax(message + got, got.pos());
  }

  private static boolean isBareScope(SelectorNode t) {
    return t instanceof Pseudo p
        && p.ident().equals("scope")
        && p.selector() instanceof Element e
        && e.namespace() == null
        && (e.element() == null || e.element().isEmpty());
  }

  /** Whether the {@code : scope} just read is the first thing of a selector of the group. */
  private boolean scopeStartsSelector() {
    List<CssToken> u = stream.used;
    int n = u.size();
    return n == 2
        || (n == 3 && u.get(0).is(Type.S))
        || (n >= 3 && u.get(n - 3).isDelim(","))
        || (n >= 4 && u.get(n - 3).is(Type.S) && u.get(n - 4).isDelim(","));
  }

  private List<CssToken> arguments() {
    List<CssToken> args = new ArrayList<>();
    while (true) {
      stream.skipWhitespace();
      CssToken next = stream.next();
      if (next.is(Type.IDENT)
          || next.is(Type.STRING)
          || next.is(Type.NUMBER)
          || next.isDelim("+", "-")) {
        args.add(next);
      } else if (next.isDelim(")")) {
        return args;
      } else {
        throw expected("Expected an argument, got ", next);
      }
    }
  }

  /**
   * {@code :has()}: cssselect joins the argument's token values into a new selector and parses
   * that, so an error inside it is placed at the {@code :has}.
   */
  private Relation relativeSelector(SelectorNode selector, int colon) {
    stream.skipWhitespace();
    StringBuilder sub = new StringBuilder();
    CssToken next = stream.next();
    CssToken combinator;
    if (next.isDelim("+", "-", ">", "~")) {
      combinator = next;
      stream.skipWhitespace();
      next = stream.next();
    } else {
      combinator = new CssToken(Type.DELIM, " ", colon);
    }
    while (true) {
      if (next.is(Type.IDENT)
          || next.is(Type.STRING)
          || next.is(Type.NUMBER)
          || next.isDelim(".", "*")) {
        sub.append(next.value());
      } else if (next.isDelim(")")) {
        Selector subselector;
        try {
          subselector = parse(sub.toString()).get(0);
        } catch (SelectorError e) {
          throw new SelectorError(e.kind(), e.getMessage(), colon);
        }
        return new Relation(selector, combinator, subselector);
      } else {
        throw expected("Expected an argument, got ", next);
      }
      next = stream.next();
    }
  }

  private List<SelectorNode> simpleSelectorArguments() {
    List<SelectorNode> args = new ArrayList<>();
    while (true) {
      Compound r = simpleSelector(true);
      if (r.pseudo() != null) {
        throw SelectorError.syntax(
            "Got pseudo-element ::" + r.pseudo().shown() + " inside function", r.pseudo().pos());
      }
      stream.skipWhitespace();
      CssToken next = stream.next();
      if (next.is(Type.EOF) || next.isDelim(",")) {
        // cssselect skips the token after the comma: ":is(a,b)" fails, ":is(a, b)" works
        stream.next();
        stream.skipWhitespace();
        args.add(r.tree());
      } else if (next.isDelim(")")) {
        args.add(r.tree());
        break;
      } else {
        throw expected("Expected an argument, got ", next);
      }
    }
    return args;
  }

  private Attrib attrib(SelectorNode selector) {
    stream.skipWhitespace();
    String attrib = stream.nextIdentOrStar();
    if (attrib == null && !stream.peek().isDelim("|")) {
      throw expected("Expected '|', got ", stream.peek());
    }
    String namespace;
    String op;
    if (stream.peek().isDelim("|")) {
      stream.next();
      if (stream.peek().isDelim("=")) {
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
      CssToken next = stream.next();
      if (next.isDelim("]")) {
        return new Attrib(selector, namespace, attrib, "exists", null);
      } else if (next.isDelim("=")) {
        op = "=";
      } else if (next.isDelim("^", "$", "*", "~", "|", "!") && stream.peek().isDelim("=")) {
        op = next.value() + "=";
        stream.next();
      } else {
        throw expected("Operator expected, got ", next);
      }
    }
    stream.skipWhitespace();
    CssToken value = stream.next();
    if (!(value.is(Type.IDENT) || value.is(Type.STRING))) {
      throw expected("Expected string or ident, got ", value);
    }
    stream.skipWhitespace();
    CssToken next = stream.next();
    if (!next.isDelim("]")) {
      throw expected("Expected ']', got ", next);
    }
    return new Attrib(selector, namespace, attrib, op, value);
  }

  /** cssselect's TokenStream: one token of look-ahead, and the tokens used so far. */
  private static final class TokenStream {
    final List<CssToken> used = new ArrayList<>();
    private final CssTokenizer tokens;
    private CssToken peeked;

    TokenStream(String css) {
      this.tokens = new CssTokenizer(css);
    }

    CssToken next() {
      CssToken t;
      if (peeked != null) {
        t = peeked;
        peeked = null;
      } else {
        t = tokens.next();
      }
      used.add(t);
      return t;
    }

    CssToken peek() {
      if (peeked == null) {
        peeked = tokens.next();
      }
      return peeked;
    }

    String nextIdent() {
      CssToken t = next();
      if (!t.is(Type.IDENT)) {
        throw expected("Expected ident, got ", t);
      }
      return t.value();
    }

    /** The ident, or null for {@code *}. */
    String nextIdentOrStar() {
      CssToken t = next();
      if (t.is(Type.IDENT)) {
        return t.value();
      }
      if (t.isDelim("*")) {
        return null;
      }
      throw expected("Expected ident or '*', got ", t);
    }

    void skipWhitespace() {
      if (peek().is(Type.S)) {
        next();
      }
    }
  }
}
