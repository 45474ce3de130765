package io.streamspider.processor.internal;

import io.streamspider.selector.grammar.LxmlXPath;
import io.streamspider.selector.grammar.SelectorError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxen.JaxenHandler;
import org.jaxen.saxpath.SAXPathException;
import org.jaxen.saxpath.XPathSyntaxException;
import org.jaxen.saxpath.base.XPathReader;

/**
 * Whether parsel (lxml, XPath 1.0) would accept an XPath expression, checked with the engine the
 * embedded host runs it with: the expression is rewritten as the host rewrites it ({@link
 * LxmlXPath}: {@code has-class()}, libxml2's numbers and slashes) and parsed by Jaxen's parser.
 * Jaxen resolves functions and prefixes only when it evaluates, so a lexical pass first checks
 * those as lxml would: the functions lxml knows (XPath 1.0 core, parsel's {@code has-class}, EXSLT
 * {@code re:} and {@code set:}) and their arities, namespace prefixes (only those parsel
 * registers), variables (a {@code selector_request} cannot bind any) and characters XPath has no
 * token for.
 */
public final class XPathCheck {
  static final String RE_NS = "http://exslt.org/regular-expressions";
  static final String SET_NS = "http://exslt.org/sets";
  static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  /** Prefixes an expression may use: parsel's defaults plus the always-bound xml. */
  private static final Map<String, String> PREFIXES =
      Map.of("re", RE_NS, "set", SET_NS, "xml", XML_NS);

  private static final Set<String> NODE_TYPES =
      Set.of("comment", "text", "processing-instruction", "node");
  private static final Set<String> OPERATOR_NAMES = Set.of("and", "or", "mod", "div");

  /** Name → {min, max} arguments; max -1 means any number. */
  private static final Map<String, int[]> CORE_FUNCTIONS =
      Map.ofEntries(
          Map.entry("last", new int[] {0, 0}),
          Map.entry("position", new int[] {0, 0}),
          Map.entry("count", new int[] {1, 1}),
          Map.entry("id", new int[] {1, 1}),
          Map.entry("local-name", new int[] {0, 1}),
          Map.entry("namespace-uri", new int[] {0, 1}),
          Map.entry("name", new int[] {0, 1}),
          Map.entry("string", new int[] {0, 1}),
          Map.entry("concat", new int[] {2, -1}),
          Map.entry("starts-with", new int[] {2, 2}),
          Map.entry("contains", new int[] {2, 2}),
          Map.entry("substring-before", new int[] {2, 2}),
          Map.entry("substring-after", new int[] {2, 2}),
          Map.entry("substring", new int[] {2, 3}),
          Map.entry("string-length", new int[] {0, 1}),
          Map.entry("normalize-space", new int[] {0, 1}),
          Map.entry("translate", new int[] {3, 3}),
          Map.entry("boolean", new int[] {1, 1}),
          Map.entry("not", new int[] {1, 1}),
          Map.entry("true", new int[] {0, 0}),
          Map.entry("false", new int[] {0, 0}),
          Map.entry("lang", new int[] {1, 1}),
          Map.entry("number", new int[] {0, 1}),
          Map.entry("sum", new int[] {1, 1}),
          Map.entry("floor", new int[] {1, 1}),
          Map.entry("ceiling", new int[] {1, 1}),
          Map.entry("round", new int[] {1, 1}),
          // parsel's own
          Map.entry("has-class", new int[] {1, -1}));

  private static final Map<String, int[]> EXSLT_FUNCTIONS =
      Map.ofEntries(
          Map.entry("re:test", new int[] {2, 3}),
          Map.entry("re:match", new int[] {2, 3}),
          Map.entry("re:replace", new int[] {4, 4}),
          Map.entry("set:difference", new int[] {2, 2}),
          Map.entry("set:intersection", new int[] {2, 2}),
          Map.entry("set:distinct", new int[] {1, 1}),
          Map.entry("set:has-same-node", new int[] {2, 2}),
          Map.entry("set:leading", new int[] {2, 2}),
          Map.entry("set:trailing", new int[] {2, 2}));

  private XPathCheck() {}

  /** Null when parsel accepts {@code expression}, else why not. */
  public static String check(String expression) {
    List<Token> tokens;
    try {
      tokens = tokenize(expression);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (tokens.isEmpty()) {
      return "the expression is empty";
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.VARIABLE) {
        return "variable " + t.text + " is undefined: a selector_request cannot bind variables";
      }
      if (t.kind != Kind.NAME) {
        continue;
      }
      boolean operand = isOperandPosition(tokens, i);
      boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
      if (!operand) {
        continue; // an OperatorName: and, or, mod, div
      }
      if (call && !NODE_TYPES.contains(t.text)) {
        String problem = checkCall(tokens, i);
        if (problem != null) {
          return problem;
        }
        continue;
      }
      boolean axis = i + 1 < tokens.size() && tokens.get(i + 1).is("::");
      int colon = t.text.indexOf(':');
      if (!axis && colon > 0) {
        String prefix = t.text.substring(0, colon);
        if (!PREFIXES.containsKey(prefix)) {
          return "namespace prefix "
              + prefix
              + " is undefined: parsel binds only re:, set: and xml:";
        }
      }
    }
    String jaxenText;
    try {
      jaxenText = LxmlXPath.forJaxen(expression);
    } catch (SelectorError e) {
      return e.getMessage();
    }
    try {
      // the parser the host's XPath engine (Jaxen) compiles queries with; functions and
      // prefixes are resolved when Jaxen evaluates, so the lexical pass above checks those
      XPathReader reader = new XPathReader();
      reader.setXPathHandler(new JaxenHandler());
      reader.parse(jaxenText);
      return null;
    } catch (XPathSyntaxException e) {
      if (jaxenText.equals(expression)) {
        return e.getMessage() + " (at " + e.getPosition() + ")";
      }
      return e.getMessage()
          + " (at "
          + e.getPosition()
          + " of "
          + jaxenText
          + ", the expression"
          + " as the host compiles it)";
    } catch (SAXPathException e) {
      return String.valueOf(e.getMessage());
    } catch (RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }

  private static String checkCall(List<Token> tokens, int nameIndex) {
    String name = tokens.get(nameIndex).text;
    int[] arity;
    int colon = name.indexOf(':');
    if (colon > 0) {
      String prefix = name.substring(0, colon);
      if (!prefix.equals("re") && !prefix.equals("set")) {
        return "function "
            + name
            + "() is unknown: prefix "
            + prefix
            + " is not bound (parsel binds re: and set:, the EXSLT regular expressions and sets)";
      }
      arity = EXSLT_FUNCTIONS.get(name);
    } else {
      arity = CORE_FUNCTIONS.get(name);
    }
    if (arity == null) {
      return "function "
          + name
          + "() is unknown to lxml (XPath 1.0 functions, has-class, re:test/match/replace and"
          + " set: functions)";
    }
    List<List<Token>> arguments = arguments(tokens, nameIndex + 1);
    if (arguments == null) {
      return "function " + name + "() is not closed with ')'";
    }
    int n = arguments.size();
    if (n < arity[0] || (arity[1] >= 0 && n > arity[1])) {
      String expected =
          arity[1] < 0
              ? "at least " + arity[0]
              : arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " to " + arity[1];
      return "function " + name + "() takes " + expected + " argument(s), got " + n;
    }
    if (name.equals("has-class")) {
      for (List<Token> argument : arguments) {
        if (argument.size() == 1 && argument.get(0).kind == Kind.NUMBER) {
          return "has-class() arguments must be strings, got " + argument.get(0).text;
        }
      }
    }
    return null;
  }

  /** The argument token lists of the call whose '(' is at {@code open}; null if unclosed. */
  private static List<List<Token>> arguments(List<Token> tokens, int open) {
    List<List<Token>> arguments = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    for (int i = open + 1; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (depth == 0 && t.is(")")) {
        if (!current.isEmpty() || !arguments.isEmpty()) {
          arguments.add(current);
        }
        return arguments;
      }
      if (depth == 0 && t.is(",")) {
        arguments.add(current);
        current = new ArrayList<>();
        continue;
      }
      if (t.is("(") || t.is("[")) {
        depth++;
      } else if (t.is(")") || t.is("]")) {
        depth--;
      }
      current.add(t);
    }
    return null;
  }

  /**
   * XPath 1.0, section 3.7: a name is an OperatorName when there is a preceding token that is not
   * one of {@code @ :: ( [ ,} or an Operator.
   */
  private static boolean isOperandPosition(List<Token> tokens, int i) {
    if (!OPERATOR_NAMES.contains(tokens.get(i).text) || i == 0) {
      return true;
    }
    Token before = tokens.get(i - 1);
    if (before.kind == Kind.OPERATOR) {
      return true;
    }
    if (before.kind == Kind.NAME && OPERATOR_NAMES.contains(before.text)) {
      return !isOperandPosition(tokens, i - 1);
    }
    return before.is("@") || before.is("::") || before.is("(") || before.is("[") || before.is(",");
  }

  private enum Kind {
    NAME, // NCName or QName, possibly "prefix:*"
    NUMBER,
    LITERAL,
    VARIABLE,
    OPERATOR, // / // | + - = != < <= > >= and '*' (multiply or name test)
    PUNCTUATION // ( ) [ ] . .. @ , ::
  }

  private record Token(Kind kind, String text, int start) {
    boolean is(String s) {
      return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(s);
    }
  }

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
      } else if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string literal at " + i);
        }
        tokens.add(new Token(Kind.LITERAL, s.substring(i, end + 1), i));
        i = end + 1;
      } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
        int j = i;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        if (j < n && s.charAt(j) == '.') {
          j++;
          while (j < n && isDigit(s.charAt(j))) {
            j++;
          }
        }
        tokens.add(new Token(Kind.NUMBER, s.substring(i, j), i));
        i = j;
      } else if (c == '$') {
        int end = qnameEnd(s, i + 1);
        if (end == i + 1) {
          throw new IllegalArgumentException("'$' at " + i + " is not followed by a name");
        }
        tokens.add(new Token(Kind.VARIABLE, s.substring(i, end), i));
        i = end;
      } else if (isNameStart(c)) {
        int end = qnameEnd(s, i);
        // "prefix:*" is a name test
        if (end + 1 < n
            && s.charAt(end) == ':'
            && s.charAt(end + 1) == '*'
            && s.indexOf(':', i) == end) {
          end += 2;
        }
        tokens.add(new Token(Kind.NAME, s.substring(i, end), i));
        i = end;
      } else if (s.startsWith("::", i)) {
        tokens.add(new Token(Kind.PUNCTUATION, "::", i));
        i += 2;
      } else if (s.startsWith("..", i)) {
        tokens.add(new Token(Kind.PUNCTUATION, "..", i));
        i += 2;
      } else if ("()[].@,".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), i));
        i++;
      } else if (s.startsWith("//", i)
          || s.startsWith("!=", i)
          || s.startsWith("<=", i)
          || s.startsWith(">=", i)) {
        tokens.add(new Token(Kind.OPERATOR, s.substring(i, i + 2), i));
        i += 2;
      } else if ("/|+-=<>*".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), i));
        i++;
      } else {
        throw new IllegalArgumentException(
            "unexpected character '" + c + "' at " + i + ": XPath has no such token");
      }
    }
    return tokens;
  }

  /** End of an NCName or QName starting at {@code i} (i itself when there is none). */
  private static int qnameEnd(String s, int i) {
    int end = ncnameEnd(s, i);
    if (end > i
        && end + 1 < s.length()
        && s.charAt(end) == ':'
        && s.charAt(end + 1) != ':'
        && isNameStart(s.charAt(end + 1))) {
      end = ncnameEnd(s, end + 1);
    }
    return end;
  }

  private static int ncnameEnd(String s, int i) {
    if (i >= s.length() || !isNameStart(s.charAt(i))) {
      return i;
    }
    int j = i + 1;
    while (j < s.length() && isNameChar(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(char c) {
    return c == '_' || Character.isLetter(c);
  }

  private static boolean isNameChar(char c) {
    if (c == '_' || c == '-' || c == '.' || Character.isLetterOrDigit(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.MODIFIER_LETTER
        || c == '\u00B7';
  }
}
