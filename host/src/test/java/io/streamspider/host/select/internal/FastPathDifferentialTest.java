package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.select.internal.tree.TreeNavigator;
import io.streamspider.host.select.internal.tree.TreeXPath;
import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.host.select.internal.tree.XParent;
import io.streamspider.selector.grammar.LxmlXPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jaxen.BaseXPath;
import org.junit.jupiter.api.Test;

/**
 * The direct walks ({@code FastPath}) against Jaxen's own steps on the same tree: every distinct
 * document of the parsel corpora (HTML and XML) plus a generated shop-like page, asked the
 * corpora's queries and generated ones (tags, classes, ids, attribute operators, the four
 * combinators, positions, pseudo-classes, {@code ::text}, {@code ::attr()}, hand-written XPath over
 * every axis), from the root element and from nodes found by a first query. Every answer must be
 * the same nodes in the same order (or the same string, number, boolean, or the same error).
 * Jaxen's plain {@code BaseXPath} must give the same nodes too, once its name order of an element's
 * attributes is put back into source order.
 */
class FastPathDifferentialTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[] XPATHS = {
    "//%T",
    "//%T[1]",
    "(//%T)[1]",
    "//%T[last()]",
    "//%T[position() > 1]",
    "//%T[@%A]",
    "//%T/@*",
    "string(//%T/@*)",
    "//%T/@*[1]",
    "//%T/text()",
    "//%T//text()",
    "//%T/..",
    "//%T/parent::*",
    "//%T/self::%T",
    "//%T/self::node()",
    "//*[@class]",
    "count(//%T)",
    "//%T | //%U",
    "//%U | //%T/@%A",
    "//%T[%U]",
    "//%T[not(%U)]",
    "//%T[.='x']",
    "//%T[@%A='%V']",
    "//%T[@%A!='%V']",
    "//%T[contains(@%A,'%W')]",
    "//%T[starts-with(@%A,'%W')]",
    "//*[name()='%T']",
    "//%T/descendant::*",
    "//%T/descendant-or-self::*/%U",
    "//%T/following-sibling::*[1]",
    "//%T/following-sibling::%U",
    "//%T/following-sibling::node()",
    "//%T//%U/following-sibling::*[@%A]",
    "//%T/ancestor::*",
    "/html/body//%T",
    "//%T[has-class('%C')]",
    "//%T[@%A][2]",
    "//node()",
    "//comment()",
    "descendant-or-self::text()",
    "//%T[normalize-space(@class)='%C']",
    ".//%T",
    "./%T",
    "%T",
    "*/%T",
    "//%T[contains(concat(' ', normalize-space(@class), ' '), ' %C ')]//text()",
    "//%T[%U and @%A or not(@class)]",
    "//%T[string-length(.) > 3]",
    "//%T[count(*) = 2]",
    "//%T[*]",
    "//*[@id='%I']/@id",
    "//%T[@*]",
    "//@*",
    "//@%A",
    "//%T/node()",
    "//%T/comment()",
    "//%T[text()]",
    "//%T[.//%U]",
    "//%T[../%U]",
    "//%T[@%A = ../@%A]",
    "boolean(//%T)",
    "//%T[re:test(@%A, '^.')]",
    "//%T[lang('en')]",
    "//%T[true()]",
    "//%T[boolean(@%A)]",
    "//%T['']",
    "//%T['x']",
    "//%T[@%A and contains(@%A, '%W')][%U]",
  };

  private static final String[] CSS = {
    "%T",
    ".%C",
    "%T.%C",
    "#%I",
    "%T[%A]",
    "[%A]",
    "[%A='%V']",
    "[%A^='%W']",
    "[%A*='%W']",
    "[%A$='%W']",
    "[%A~='%V']",
    "[%A|='%V']",
    "[%A!='%V']",
    "%T %U",
    "%T > %U",
    "%T + %U",
    "%T ~ %U",
    "%T.%C %U::text",
    "%T %U::attr(%A)",
    "%T *::text",
    "%T::text",
    ".%C::attr(%A)",
    "%T:first-child",
    "%T:last-child",
    "%T:nth-child(2n+1)",
    "%T:nth-of-type(2)",
    "%T:not(.%C)",
    "%T:has(> %U)",
    "%T:has(%U)",
    "%T:only-child",
    "%T:empty",
    "%T, %U, .%C",
    "* > %T.%C",
    "#%I %T",
    "%T:contains('a')",
    "%T:checked",
    "%T:link",
    "%T:root",
    "%T:first-of-type",
  };

  /** Relative queries asked from each of the first nodes a query found (NodeMatch's nesting). */
  private static final String[] NESTED = {
    ".",
    ".//%U",
    "%U",
    "@*",
    "text()",
    "..",
    "descendant-or-self::*/%U",
    "following-sibling::*",
    "./@%A",
    "*[1]",
    ".//text()",
    "//%U",
  };

  private int compared;
  private int fastQueries;
  private int queries;

  @Test
  void directWalksGiveJaxensAnswers() throws IOException {
    Map<String, Boolean> docs = new LinkedHashMap<>();
    Map<String, Set<String>> corpusQueries = new LinkedHashMap<>();
    read("/conformance/parsel-cases.json", false, docs, corpusQueries);
    read("/conformance/parsel-xml-cases.json", true, docs, corpusQueries);
    docs.put(shopPage(), false);
    Random random = new Random(15);
    for (Map.Entry<String, Boolean> d : docs.entrySet()) {
      boolean xml = d.getValue();
      XDocument doc = xml ? XmlTreeBuilder.build(d.getKey()) : LxmlTreeBuilder.build(d.getKey());
      XElement root = doc.documentElement();
      if (root == null) {
        continue;
      }
      Vocabulary v = Vocabulary.of(doc, random);
      List<String> qs = new ArrayList<>(corpusQueries.getOrDefault(d.getKey(), Set.of()));
      for (String t : XPATHS) {
        qs.add(v.fill(t));
      }
      for (String t : CSS) {
        String css = v.fill(t);
        try {
          qs.add(CssToXPath.translate(css, xml));
        } catch (QueryException e) {
          // a name the generator made up that CSS cannot say: not a query to compare
        }
      }
      for (int k = 0; k < qs.size(); k++) {
        List<XNode> found = compare(root, qs.get(k));
        if (found != null && k % 4 == 0) { // nested queries from a quarter of them: time
          for (int i = 0; i < Math.min(1, found.size()); i++) {
            for (String n : NESTED) {
              compare(found.get(i), v.fill(n));
            }
          }
        }
      }
    }
    // not vacuous: thousands of answers compared, and most queries ran as walks
    assertTrue(compared > 10_000, "answers compared: " + compared);
    assertTrue(fastQueries * 10 > queries * 7, fastQueries + " of " + queries + " fully planned");
    System.out.println(
        "FastPathDifferentialTest: "
            + compared
            + " answers compared, "
            + fastQueries
            + " of "
            + queries
            + " queries fully planned");
  }

  /** Compares the three engines on one query; the nodes found, or null. */
  private List<XNode> compare(XNode context, String query) {
    Object fast = run(context, query, true);
    Object reference = run(context, query, false);
    String where = query + " from " + context.name();
    assertEquals(describe(reference), describe(fast), where);
    compared++;
    queries++;
    try {
      TreeXPath compiled = XPathRunner.compile(query, true);
      List<String> plans = compiled.plans();
      if (!plans.isEmpty() && plans.stream().allMatch(p -> p.startsWith("fast: "))) {
        fastQueries++;
      }
      if (fast instanceof List<?>) {
        BaseXPath plain = new BaseXPath(LxmlXPath.forJaxen(query), TreeNavigator.INSTANCE);
        plain.setNamespaceContext(compiled.getNamespaceContext());
        plain.setFunctionContext(compiled.getFunctionContext());
        Object p = plain.evaluate(context);
        // Jaxen's comparator puts attributes in name order and misplaces them against other
        // nodes (//b | //p/@class gave b first; parsel's cases tree-005 and the unions after it
        // show lxml's order, which the walks give): compared only where no attribute is found
        if (p instanceof List<?> l
            && l.stream().noneMatch(n -> n instanceof XAttribute)
            && ((List<?>) fast).stream().noneMatch(n -> n instanceof XAttribute)) {
          List<XNode> nodes = new ArrayList<>();
          for (Object o : l) {
            nodes.add((XNode) o);
          }
          assertEquals(describe(fast), describe(nodes), "plain: " + where);
        }
      }
    } catch (Exception e) {
      // the compile or plain run failed where both engines above agreed (an error): nothing more
    }
    if (fast instanceof List<?> l) {
      List<XNode> nodes = new ArrayList<>();
      for (Object o : l) {
        nodes.add((XNode) o);
      }
      return nodes;
    }
    return null;
  }

  private static Object run(XNode context, String query, boolean plans) {
    try {
      TreeXPath compiled = XPathRunner.compile(query, plans);
      XPathRunner.Result r = XPathRunner.evaluate(context, compiled, query);
      return r.nodes != null ? r.nodes : r.scalar;
    } catch (QueryException e) {
      return e;
    }
  }

  /** Nodes by identity and order, scalars by value, errors by message. */
  private static String describe(Object v) {
    if (v instanceof QueryException e) {
      return "error " + e.getMessage();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("nodes");
      for (Object o : l) {
        XNode n = (XNode) o;
        if (n.type() == XNode.NAMESPACE) { // made anew by each evaluation: equal, not identical
          b.append(" ns ").append(n.name()).append('=').append(n.value()).append(" of #");
          b.append(System.identityHashCode(n.parent()));
          continue;
        }
        b.append(' ').append(n.name()).append('#').append(System.identityHashCode(n));
        b.append('@').append(n.order());
      }
      return b.toString();
    }
    return v.getClass().getSimpleName() + " " + v;
  }

  private static void read(
      String resource, boolean xml, Map<String, Boolean> docs, Map<String, Set<String>> queries)
      throws IOException {
    JsonNode all;
    try (InputStream in = FastPathDifferentialTest.class.getResourceAsStream(resource)) {
      all = JSON.readTree(in);
    }
    for (JsonNode c : all.get("cases")) {
      String html = c.get("html").asText();
      docs.putIfAbsent(html, xml);
      Set<String> qs = queries.computeIfAbsent(html, k -> new LinkedHashSet<>());
      String q = c.get("query").asText();
      if (c.get("type").asText().equals("css")) {
        try {
          qs.add(CssToXPath.translate(q, xml));
        } catch (QueryException e) {
          // cases of CSS errors: nothing to evaluate
        }
      } else {
        qs.add(q);
      }
    }
  }

  /** Names found in a document, to fill the query templates with things that match. */
  private record Vocabulary(String t, String u, String c, String i, String a, String value) {
    static Vocabulary of(XDocument doc, Random random) {
      List<String> tags = new ArrayList<>();
      List<String> classes = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<String[]> attrs = new ArrayList<>();
      walk(doc, tags, classes, ids, attrs);
      String[] attr = attrs.isEmpty() ? new String[] {"href", "x"} : pick(attrs, random);
      return new Vocabulary(
          tags.isEmpty() ? "p" : pick(tags, random),
          tags.isEmpty() ? "a" : pick(tags, random),
          classes.isEmpty() ? "price" : pick(classes, random),
          ids.isEmpty() ? "main" : pick(ids, random),
          attr[0],
          attr[1]);
    }

    private static <T> T pick(List<T> l, Random r) {
      return l.get(r.nextInt(l.size()));
    }

    private static void walk(
        XNode n, List<String> tags, List<String> classes, List<String> ids, List<String[]> attrs) {
      if (n instanceof XElement e) {
        if (e.name().matches("[a-zA-Z][a-zA-Z0-9]*")) {
          tags.add(e.name());
        }
        for (int k = 0; k < e.attributeCount(); k++) {
          XAttribute a = e.attribute(k);
          if (!a.name().matches("[a-zA-Z][a-zA-Z0-9-]*") || a.value().contains("'")) {
            continue;
          }
          attrs.add(new String[] {a.name(), a.value()});
          if (a.name().equals("class")) {
            for (String c : a.value().split("[ \t\n\r]+")) {
              if (c.matches("[a-zA-Z][a-zA-Z0-9_-]*")) {
                classes.add(c);
              }
            }
          } else if (a.name().equals("id") && a.value().matches("[a-zA-Z][a-zA-Z0-9_-]*")) {
            ids.add(a.value());
          }
        }
      }
      if (n instanceof XParent p) {
        for (int k = 0; k < p.childCount(); k++) {
          walk(p.child(k), tags, classes, ids, attrs);
        }
      }
    }

    String fill(String template) {
      String w = value.length() > 2 ? value.substring(0, 2) : value;
      String token = value.split("[ \t\n\r]+", -1)[0];
      return template
          .replace("%T", t)
          .replace("%U", u)
          .replace("%C", c)
          .replace("%I", i)
          .replace("%A", a)
          .replace("%V", token.isEmpty() ? "x" : token)
          .replace("%W", w.isEmpty() ? "x" : w);
    }
  }

  /** A page shaped like a shop's product page: nested lists, cards, classes, repeated names. */
  private static String shopPage() {
    StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><title>Shop</title>");
    b.append("<meta property=\"og:image\" content=\"/i/1.jpg\"></head><body class=\"product\">");
    b.append("<nav class=\"pagination top\"><a class=\"prev\" href=\"/p/0\">prev</a>");
    b.append("<a class=\"next\" href=\"/p/2\">next</a></nav>");
    b.append("<div class=\"price-box\"><span class=\"price\">$ 1.00</span>");
    b.append("<div class=\"price-box inner\"><span class=\"price old\">$ 2.00</span></div></div>");
    b.append("<h1 class=\"product-title\">Kettle <b>Pro</b> &amp; more</h1>");
    b.append("<p class=\"meta\">SKU: <span class=\"sku\" itemprop=\"sku\">K-1</span></p>");
    b.append("<ul class=\"product-grid\">");
    for (int k = 0; k < 12; k++) {
      b.append("<li class=\"card")
          .append(k % 3 == 0 ? " featured" : "")
          .append("\"><a class=\"product-link\" href=\"/p/")
          .append(k)
          .append("\">Item ")
          .append(k)
          .append("</a><span class=\"price\">")
          .append(k)
          .append("</span>");
      if (k % 4 == 1) {
        b.append("<ul class=\"product-grid nested\"><li><a class=\"product-link\" href=\"/n/")
            .append(k)
            .append("\">n</a></li></ul>");
      }
      b.append("</li>");
    }
    b.append("</ul><section class=\"related\"><h2>Related</h2><ul>");
    for (int k = 0; k < 10; k++) {
      b.append("<li><a class=\"related-link\" href=\"/r/").append(k).append("\">r</a></li>");
    }
    b.append("</ul></section><!-- footer --><footer><p>end</p></footer></body></html>");
    return b.toString();
  }
}
