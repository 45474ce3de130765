package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.TreeXPath;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.host.select.internal.tree.XParent;
import io.streamspider.selector.grammar.LxmlXPath;
import io.streamspider.selector.grammar.SelectorError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.xml.XMLConstants;
import org.jaxen.Context;
import org.jaxen.FunctionCallException;
import org.jaxen.JaxenException;
import org.jaxen.SimpleNamespaceContext;
import org.jaxen.XPathFunctionContext;

/**
 * XPath 1.0 with Jaxen over the page's tree ({@link XNode}), shaped like lxml under parsel: the
 * context node is the root element, EXSLT {@code re:test} and {@code re:replace} and parsel's
 * {@code has-class()} are available, and errors read {@code XPath error: <reason> in <query>}.
 *
 * <p>Jaxen rather than the JDK's engine: the JDK's wraps a whole W3C DOM in a new DTM on every
 * evaluation, which cost 10 times the query itself on a typical page; and Jaxen walks the engine's
 * own tree, so no W3C DOM is built at all.
 */
public final class XPathRunner {
  private static final String EXSLT_RE = "http://exslt.org/regular-expressions";
  private static final String EXSLT_SET = "http://exslt.org/sets";

  /** The prefixes lxml's XPath knows under parsel. Read-only once built. */
  private static final SimpleNamespaceContext NAMESPACES = namespaces();

  /** XPath 1.0's core functions only (not Jaxen's extras), plus EXSLT's regular expressions. */
  private static final XPathFunctionContext FUNCTIONS = functions();

  // a spider asks the same few queries of every page: compile each once per thread
  private static final int COMPILED_MAX = 256;
  private static final ThreadLocal<Map<String, TreeXPath>> COMPILED =
      ThreadLocal.withInitial(
          () ->
              new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TreeXPath> eldest) {
                  return size() > COMPILED_MAX;
                }
              });

  private XPathRunner() {}

  /** An XPath result: nodes in document order, or one string, number or boolean. */
  public static final class Result {
    public final List<XNode> nodes;
    public final Object scalar;

    Result(List<XNode> nodes, Object scalar) {
      this.nodes = nodes;
      this.scalar = scalar;
    }
  }

  /** Evaluates {@code query} with {@code context} as the context node. */
  public static Result evaluate(XNode context, String query) {
    Map<String, TreeXPath> cache = COMPILED.get();
    TreeXPath compiled = cache.get(query);
    if (compiled == null) {
      compiled = compile(query, true);
      cache.put(query, compiled);
    }
    return evaluate(context, compiled, query);
  }

  /**
   * {@code query} compiled as {@link #evaluate} runs it (lxml's reading rewritten for Jaxen, the
   * EXSLT functions, the prefixes).
   *
   * @param plans whether location paths may run as direct walks over the tree; {@code false} gives
   *     Jaxen's own steps everywhere (the reference the tests compare the walks with)
   */
  public static TreeXPath compile(String query, boolean plans) {
    String rewritten;
    try {
      rewritten = LxmlXPath.forJaxen(query);
    } catch (SelectorError e) {
      throw new QueryException(e.kind().pythonType(), e.getMessage());
    }
    TreeXPath compiled;
    try {
      compiled = new TreeXPath(rewritten, plans);
    } catch (JaxenException | RuntimeException e) {
      throw error(query, e);
    }
    compiled.setNamespaceContext(NAMESPACES);
    compiled.setFunctionContext(FUNCTIONS);
    return compiled;
  }

  /** Evaluates a compiled query with {@code context} as the context node. */
  public static Result evaluate(XNode context, TreeXPath compiled, String query) {
    Object v;
    try {
      v = compiled.evaluate(context);
    } catch (JaxenException | RuntimeException e) {
      throw error(query, e);
    }
    if (v instanceof List<?> list) {
      List<XNode> nodes = new ArrayList<>(list.size());
      for (Object n : list) {
        nodes.add((XNode) n);
      }
      return new Result(nodes, null);
    }
    return new Result(null, v);
  }

  /** Results as parsel's {@code .getall()} gives them. */
  public static List<String> getall(Result r) {
    List<String> out = new ArrayList<>();
    if (r.nodes == null) {
      Object v = r.scalar;
      if (v instanceof Boolean) {
        out.add(((Boolean) v) ? "1" : "0");
      } else if (v instanceof Number) {
        out.add(PyFloat.repr(((Number) v).doubleValue()));
      } else {
        out.add(String.valueOf(v));
      }
      return out;
    }
    for (XNode n : r.nodes) {
      switch (n.type()) {
        case XNode.ATTRIBUTE:
        case XNode.TEXT:
          out.add(n.value());
          break;
        case XNode.DOCUMENT:
          break; // lxml leaves the document node out of results
        default:
          out.add(n.document().isXml() ? XmlSerializer.serialize(n) : LxmlSerializer.serialize(n));
      }
    }
    return out;
  }

  private static SimpleNamespaceContext namespaces() {
    SimpleNamespaceContext ns = new SimpleNamespaceContext();
    ns.addNamespace("re", EXSLT_RE);
    ns.addNamespace("set", EXSLT_SET);
    ns.addNamespace("xml", XMLConstants.XML_NS_URI);
    return ns;
  }

  private static XPathFunctionContext functions() {
    XPathFunctionContext f = new XPathFunctionContext(false);
    f.registerFunction(EXSLT_RE, "test", XPathRunner::reTest);
    f.registerFunction(EXSLT_RE, "replace", XPathRunner::reReplace);
    return f;
  }

  private static Object reTest(Context context, List<?> args) throws FunctionCallException {
    if (args.size() < 2 || args.size() > 3) {
      throw new FunctionCallException("re:test() takes 2 or 3 arguments");
    }
    String flags = args.size() == 3 ? string(args.get(2)) : "";
    return regex(string(args.get(1)), flags).matcher(string(args.get(0))).find();
  }

  private static Object reReplace(Context context, List<?> args) throws FunctionCallException {
    if (args.size() != 4) {
      throw new FunctionCallException("re:replace() takes 4 arguments");
    }
    String flags = string(args.get(2));
    Matcher m = regex(string(args.get(1)), flags).matcher(string(args.get(0)));
    String replacement = pythonReplacement(string(args.get(3)));
    return flags.indexOf('g') >= 0 ? m.replaceAll(replacement) : m.replaceFirst(replacement);
  }

  private static Pattern regex(String pattern, String flags) throws FunctionCallException {
    int f = Pattern.UNICODE_CHARACTER_CLASS;
    if (flags.indexOf('i') >= 0) {
      f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    try {
      return Pattern.compile(pattern, f);
    } catch (PatternSyntaxException e) {
      throw new FunctionCallException("Invalid regular expression: " + e.getDescription());
    }
  }

  /** Python's {@code \1} and {@code \g<1>} group references in Java's {@code $1} form. */
  private static String pythonReplacement(String r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\' && i + 1 < r.length()) {
        char d = r.charAt(i + 1);
        if (Character.isDigit(d)) {
          b.append('$').append(d);
          i++;
          continue;
        }
        if (d == 'g' && i + 2 < r.length() && r.charAt(i + 2) == '<') {
          int close = r.indexOf('>', i + 3);
          if (close > 0) {
            b.append("${").append(r, i + 3, close).append('}');
            i = close;
            continue;
          }
        }
        b.append(Matcher.quoteReplacement(String.valueOf(d)));
        i++;
        continue;
      }
      b.append(Matcher.quoteReplacement(String.valueOf(c)));
    }
    return b.toString();
  }

  /** lxml's {@code _make_string}: a node-set gives its first node's text. */
  private static String string(Object v) {
    if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        return "";
      }
      XNode n = (XNode) l.get(0);
      return n.type() == XNode.ELEMENT ? ((XParent) n).textContent() : n.value();
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? "True" : "False";
    }
    if (v instanceof Double) {
      return PyFloat.repr((Double) v);
    }
    return String.valueOf(v);
  }

  private static QueryException error(String query, Exception e) {
    String m = String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    while (cause != null) {
      m = m + " " + cause.getMessage();
      cause = cause.getCause();
    }
    String reason;
    if (m.contains("Could not find function")) {
      reason = "Unregistered function";
    } else if (m.contains("Prefix must resolve to a namespace")
        || m.contains("Cannot resolve namespace prefix")) {
      reason = "Undefined namespace prefix";
    } else if (m.contains("misquoted literal")) {
      reason = "Unfinished literal";
    } else if (m.contains("arguments") || m.contains("argument")) {
      reason = "Invalid number of arguments";
    } else if (m.contains("Invalid regular expression")) {
      reason = "Invalid regular expression";
    } else {
      reason = "Invalid expression";
    }
    return new QueryException("ValueError", "XPath error: " + reason + " in " + query);
  }
}
