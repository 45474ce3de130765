package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.select.internal.tree.XAttribute;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.runtime.internal.PyStrings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectParser}, the fast path of {@link LxmlTreeBuilder}, against the jsoup pipeline it
 * stands in for: wherever it does not give up, its tree must be the pipeline's, node for node
 * (kinds, names, namespaces, attributes in order with their values, text node boundaries, comments,
 * document order, ids). On the conformance corpora, on realistic pages (the benchmark's shop pages
 * and hand-written ones, in {@code /direct/}) and on thousands of random pages. It must also take
 * the fast path where it should (the shop pages, most well-formed random pages) and give up on
 * markup whose tree it does not know.
 */
class DirectParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Compares the direct tree with the pipeline's; returns whether the fast path was taken. */
  private static boolean check(String label, String html) {
    String src = PyStrings.strip(html).replace("\0", "");
    if (src.startsWith("\ufeff")) {
      src = src.substring(1);
    }
    if (src.isEmpty()) {
      return false;
    }
    XDocument direct = DirectParser.parse(src);
    if (direct == null) {
      return false;
    }
    direct.finish();
    XDocument expected = LxmlTreeBuilder.run(src).finish();
    String diff = difference(expected, direct);
    if (diff != null) {
      fail(
          label
              + ": the direct tree differs from the pipeline's at "
              + diff
              + "\n  source: "
              + src);
    }
    return true;
  }

  /** The first difference between two trees (a path and what differs), or null. */
  static String difference(XDocument a, XDocument b) {
    String d = difference(a, b, "");
    if (d != null) {
      return d;
    }
    if (a.size() != b.size()) {
      return "size " + a.size() + " != " + b.size();
    }
    return ids(a, b, a);
  }

  private static String difference(XNode a, XNode b, String path) {
    String here = path + "/" + a.name();
    if (a.type() != b.type() || !a.name().equals(b.name())) {
      return here + ": " + describe(a) + " != " + describe(b);
    }
    if (!java.util.Objects.equals(a.value(), b.value())) {
      return here + ": value " + show(a.value()) + " != " + show(b.value());
    }
    if (a.order() != b.order()) {
      return here + ": order " + a.order() + " != " + b.order();
    }
    if (a instanceof XElement ea) {
      XElement eb = (XElement) b;
      if (!ea.localName().equals(eb.localName())
          || !java.util.Objects.equals(ea.prefix(), eb.prefix())
          || !java.util.Objects.equals(ea.namespaceUri(), eb.namespaceUri())) {
        return here + ": element namespace";
      }
      if (ea.attributeCount() != eb.attributeCount()) {
        return here + ": attributes " + attributes(ea) + " != " + attributes(eb);
      }
      for (int i = 0; i < ea.attributeCount(); i++) {
        XAttribute x = ea.attribute(i);
        XAttribute y = eb.attribute(i);
        if (!x.name().equals(y.name())
            || !x.value().equals(y.value())
            || x.valueless() != y.valueless()
            || !x.localName().equals(y.localName())
            || !java.util.Objects.equals(x.prefix(), y.prefix())
            || !java.util.Objects.equals(x.namespaceUri(), y.namespaceUri())
            || x.order() != y.order()) {
          return here + "/@" + x.name() + ": " + attributes(ea) + " != " + attributes(eb);
        }
      }
    }
    if (a.childCount() != b.childCount()) {
      return here + ": children " + children(a) + " != " + children(b);
    }
    for (int i = 0; i < a.childCount(); i++) {
      String d = difference(a.child(i), b.child(i), here + "[" + i + "]");
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  /** Every id and a/@name registered in one tree finds the same node (by order) in the other. */
  private static String ids(XDocument a, XDocument b, XNode n) {
    if (n instanceof XElement e) {
      for (int i = 0; i < e.attributeCount(); i++) {
        XAttribute at = e.attribute(i);
        if (at.name().equals("id") || at.name().equals("name")) {
          XElement x = a.elementById(at.value());
          XElement y = b.elementById(at.value());
          int ox = x == null ? -1 : x.order();
          int oy = y == null ? -1 : y.order();
          if (ox != oy) {
            return "id(" + show(at.value()) + "): " + ox + " != " + oy;
          }
        }
      }
    }
    for (int i = 0; i < n.childCount(); i++) {
      String d = ids(a, b, n.child(i));
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static String describe(XNode n) {
    return n.type() + ":" + n.name() + (n.value() == null ? "" : "=" + show(n.value()));
  }

  private static String attributes(XElement e) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < e.attributeCount(); i++) {
      XAttribute a = e.attribute(i);
      out.add(a.name() + "=" + show(a.value()) + (a.valueless() ? "(bare)" : ""));
    }
    return out.toString();
  }

  private static String children(XNode n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.childCount(); i++) {
      out.add(describe(n.child(i)));
    }
    return out.toString();
  }

  private static String show(String s) {
    if (s == null) {
      return "null";
    }
    String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return '"' + t.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = DirectParserTest.class.getResourceAsStream(path)) {
      assertNotNull(in, path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------- the corpora

  @Test
  void agreesWithThePipelineOnTheConformanceCorpora() throws IOException {
    int pages = 0;
    int direct = 0;
    for (String[] file :
        new String[][] {
          {"parsel-cases.json", "html"}, {"form-cases.json", "html"}, {"adhoc-cases.json", "doc"}
        }) {
      JsonNode doc = JSON.readTree(resource("/conformance/" + file[0]));
      for (JsonNode c : doc.get("cases")) {
        JsonNode type = c.get("type");
        if (type != null && type.asText().equals("xml")) {
          continue;
        }
        JsonNode html = c.get(file[1]);
        if (html == null) {
          continue;
        }
        pages++;
        if (check(file[0] + " " + c.path("id").asText(c.path("name").asText()), html.asText())) {
          direct++;
        }
      }
    }
    System.out.printf("DirectParser: corpora %d/%d pages on the fast path%n", direct, pages);
    assertTrue(pages > 500, "corpora read: " + pages);
    assertTrue(direct * 4 >= pages, "fast path on " + direct + " of " + pages + " corpus pages");
  }

  // ---------------------------------------------------------------- realistic pages

  private static final String[] SHOP_PAGES = {
    "shop-listing-1.html",
    "shop-product-7.html",
    "shop-product-42.html",
    "shop-product-heavy.html",
    "select-shop-19k.html",
    "select-shop-117k.html",
  };

  private static final String[] HAND_PAGES = {
    "news-article.html", "blog-post.html", "shop-legacy.html"
  };

  @Test
  void theBenchmarksShopPagesTakeTheFastPathAndAgree() throws IOException {
    for (String page : SHOP_PAGES) {
      String html = resource("/direct/" + page);
      assertTrue(check(page, html), page + " must take the fast path");
    }
  }

  @Test
  void handWrittenPagesAgreeWhereTheyTakeTheFastPath() throws IOException {
    int direct = 0;
    for (String page : HAND_PAGES) {
      if (check(page, resource("/direct/" + page))) {
        direct++;
      }
    }
    System.out.printf(
        "DirectParser: hand-written pages %d/%d on the fast path%n", direct, HAND_PAGES.length);
  }

  // ---------------------------------------------------------------- what must give up

  @Test
  void givesUpOnMarkupOutsideTheFastPath() {
    String[] faulty = {
      "<html><body><div></span></div></body></html>", // stray end tag
      "<html><body><div><span>x</div></body></html>", // missing end tag
      "<html><body><span><p>x</span></body></html>", // HTML5 ignores </span>, libxml2 closes p
      "<html><body><table><tr><td><div>x</table></body></html>", // libxml2: </div> outranks
      "<html><body><p><div>x</div></p></body></html>", // p closed by div
      "<html><head>text</head><body></body></html>", // text in head
      "<html><head><div>x</div></head><body></body></html>", // body content in head
      "<html><body><p>x</p></body></html><p>after</p>", // content after </html>
      "<html><body><div/>x</body></html>", // <div/>: libxml2 closes it, HTML5 does not
      "<html><body><table><p>x</p></table></body></html>", // foster parenting
      "<html><body><table>text<tr><td>1</td></tr></table></body></html>",
      "<html><body><b><p>x</p></b></body></html>", // libxml2's p closes b
      "<html><body><select><b>x</b></select></body></html>",
      "<html><body><a href=a><a href=b>x</a></a></body></html>",
      "<html><body><script>a</scripts>b</script></body></html>", // libxml2 ends at </scripts
      "<html><body><title>a<b>c</b></title></body></html>", // libxml2 parses it as markup
      "<html><body><![CDATA[x]]></body></html>",
      "<html><body><?php x ?></body></html>",
      "<html><body>a < b</body></html>",
      "<html><body>a\u0001b</body></html>",
      "<html><body><fb:like></fb:like></body></html>",
      "<html><body><div>x</body></html>",
      "<html><body><wbr>x</body></html>", // libxml2 keeps wbr open
      "<div>no html</div>",
    };
    for (String f : faulty) {
      assertNull(DirectParser.parse(f), f);
    }
    String[] implied = {
      "<html><body><div>x</div></body></html>",
      "<html><body><ul><li>a<li>b</ul><p>c<p>d<div>e</div></body></html>",
      "<html><body><table><tr><td>a<td>b<tr><td>c</table></body></html>",
      "<html><body><dl><dt>a<dd>b<dt>c</dl><p>x<wbr>y</p></body></html>",
      "<html><body><select><option>a<option>b</select></body></html>",
      // "</" and another name in raw text: libxml2 (recovering) and HTML5 both read on
      "<html><body><script>if (a</b) {}</script></body></html>",
      "<html><head><style>a</b></style></head><body><script>x='</p>'</SCRIPT ></body></html>",
    };
    for (String ok : implied) {
      assertNotNull(DirectParser.parse(ok), ok);
      assertTrue(check(ok, ok), ok);
    }
  }

  // ---------------------------------------------------------------- random pages

  @Test
  void agreesWithThePipelineOnRandomPages() {
    int wellFormed = 0;
    int wellFormedDirect = 0;
    int faulty = 0;
    int faultyDirect = 0;
    int odd = 0;
    int oddDirect = 0;
    java.util.Map<Integer, Integer> bails = new java.util.TreeMap<>();
    for (int seed = 0; seed < 4000; seed++) {
      RandomPage page =
          new RandomPage(new Random(seed * 0x9E3779B97F4A7C15L), seed % 3 == 0 ? 0.02 : 0);
      String html = page.document();
      DirectParser.debug = true;
      boolean took;
      try {
        took = check("random page " + seed, html);
      } finally {
        DirectParser.debug = false;
      }
      if (!took && page.faults == 0 && !page.odd) {
        bails.merge(DirectParser.lastBail, 1, Integer::sum);
      }
      if (page.odd && page.faults == 0) {
        odd++;
        oddDirect += took ? 1 : 0;
      } else if (page.faults == 0) {
        wellFormed++;
        wellFormedDirect += took ? 1 : 0;
      } else {
        faulty++;
        faultyDirect += took ? 1 : 0;
      }
    }
    System.out.printf(
        "DirectParser: random pages on the fast path: well-formed %d/%d, with odd references or"
            + " duplicate attributes %d/%d, with faults %d/%d; well-formed ones given up at"
            + " DirectParser's lines (line=pages) %s%n",
        wellFormedDirect, wellFormed, oddDirect, odd, faultyDirect, faulty, bails);
    assertTrue(
        wellFormedDirect * 100 >= wellFormed * 85,
        "fast path on " + wellFormedDirect + " of " + wellFormed + " well-formed random pages");
    assertTrue(
        faulty > 200 && faultyDirect < faulty, "faulty pages: " + faultyDirect + "/" + faulty);
  }

  /**
   * A random page from a grammar biased towards well-formed markup (nested blocks, lists, tables,
   * forms, inline svg, attributes with references and every kind of quoting, comments, scripts,
   * white space everywhere, references, non-ASCII text) with, at rate {@code faultRate} per tag, a
   * deliberate fault (a stray or missing end tag, misnesting, {@code <p><div>}, text in head,
   * content after {@code </html>}, a self-closed non-void tag).
   */
  static final class RandomPage {
    private final Random r;
    private final double faultRate;
    private final StringBuilder b = new StringBuilder();
    int faults;

    /**
     * Whether the page may hold what the pipeline reads its own way (references libxml2 drops or
     * HTML5 reads without {@code ;}, duplicate attributes): the fast path gives up on those.
     */
    final boolean odd;

    private boolean inForm;

    RandomPage(Random r, double faultRate) {
      this.r = r;
      this.faultRate = faultRate;
      this.odd = r.nextInt(4) == 0;
    }

    private boolean fault() {
      if (faultRate > 0 && r.nextDouble() < faultRate) {
        faults++;
        return true;
      }
      return false;
    }

    private <T> T pick(T[] a) {
      return a[r.nextInt(a.length)];
    }

    private static final String[] WS = {"", "", "", " ", "\n", "\n  ", "\r\n", "\t", "\n\n    "};
    private static final String[] WORDS = {
      "Kettle",
      "caf\u00e9",
      "na\u00efve",
      "\u00fcber",
      "\u65e5\u672c",
      "price",
      "50\u00a0kg",
      "&amp;",
      "&nbsp;",
      "&copy;",
      "&#169;",
      "&#x20AC;",
      "&lt;tag&gt;",
      "&notanentity;",
      "& alone",
      "&amp no semicolon",
      "&quot;q&quot;",
      "&apos;",
      "&hellip;",
      "&mdash;",
      "\"",
      "'",
      "=",
      ">",
      "a\r\nb",
      "\ud83d\ude00",
      "&#0;",
      "&#xD800;",
      "&rsaquo;",
      "x&y",
      "&Eacute;"
    };
    private static final String[] INLINE = {
      "span",
      "a",
      "b",
      "i",
      "em",
      "strong",
      "small",
      "code",
      "label",
      "abbr",
      "time",
      "del",
      "sup",
      "cite",
      "mark",
      "x-tag",
      "custom-el"
    };
    private static final String[] BLOCK = {
      "div",
      "section",
      "article",
      "nav",
      "header",
      "footer",
      "main",
      "aside",
      "blockquote",
      "figure",
      "details"
    };

    private void ws() {
      b.append(pick(WS));
    }

    private static final Set<String> ODD_WORDS =
        Set.of("&notanentity;", "&amp no semicolon", "&#0;", "&#xD800;");

    private void text() {
      int k = 1 + r.nextInt(4);
      for (int i = 0; i < k; i++) {
        if (i > 0) {
          b.append(' ');
        }
        String w = pick(WORDS);
        while (!odd && ODD_WORDS.contains(w)) {
          w = pick(WORDS);
        }
        b.append(w);
      }
    }

    private String tagName(String name) {
      return r.nextInt(20) == 0 ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }

    private void attributes() {
      int k = r.nextInt(4);
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < k; i++) {
        String name =
            pick(
                new String[] {
                  "class",
                  "id",
                  "href",
                  "data-x",
                  "title",
                  "Class",
                  "ID",
                  "lang",
                  "aria-label",
                  "data-json",
                  "selected",
                  "checked",
                  "disabled",
                  "xml:lang",
                  "style",
                  "name",
                  "x_y",
                  "a.b",
                  "xlink:href"
                });
        if (!seen.add(name.toLowerCase(java.util.Locale.ROOT)) && !odd) {
          continue;
        }
        b.append(r.nextInt(8) == 0 ? "\n  " : " ");
        b.append(name);
        int kind = r.nextInt(6);
        String value =
            pick(
                new String[] {
                  "a b",
                  "/p?a=1&amp;b=2",
                  "/p?a=1&b=2",
                  "x&copy;y",
                  "caf\u00e9",
                  "",
                  "1",
                  "{\"k\": [1, 2]}",
                  "a\nb",
                  "&#169;&#0;z",
                  "&nbsp;",
                  "'",
                  "\"",
                  "<b>"
                });
        if (kind == 2 && value.contains("&") && !odd) {
          kind = 4;
        }
        switch (kind) {
          case 0 -> {} // no value
          case 1 -> b.append("='").append(value.replace("'", "&#39;")).append('\'');
          case 2 -> {
            String v = value.replaceAll("[\\s\"'<>=`]", "");
            b.append('=').append(v.isEmpty() ? "v" : v);
          }
          case 3 -> b.append(" = \"").append(value.replace("\"", "&quot;")).append('"');
          default -> b.append("=\"").append(value.replace("\"", "&quot;")).append('"');
        }
      }
    }

    private void open(String name) {
      b.append('<').append(tagName(name));
      attributes();
      b.append(r.nextInt(30) == 0 ? " >" : ">");
    }

    private static final Set<String> OMISSIBLE =
        Set.of("li", "p", "td", "th", "tr", "option", "dt", "dd");

    private void close(String name) {
      if (OMISSIBLE.contains(name) && r.nextInt(3) == 0) {
        return; // an end tag real authors leave out
      }
      if (fault()) {
        switch (r.nextInt(4)) {
          case 0 -> {
            return; // missing end tag
          }
          case 1 -> b.append("</span>"); // stray end tag
          case 2 -> b.append("</").append(name).append("></").append(name).append('>');
          default -> b.append("</div>");
        }
      }
      b.append("</").append(tagName(name)).append(r.nextInt(30) == 0 ? " >" : ">");
    }

    String document() {
      if (r.nextInt(5) > 0) {
        b.append(r.nextBoolean() ? "<!DOCTYPE html>" : "<!doctype html>");
        ws();
      }
      if (r.nextInt(10) == 0) {
        b.append("<!-- top -->");
        ws();
      }
      open("html");
      ws();
      if (r.nextInt(6) > 0) {
        open("head");
        head();
        if (fault()) {
          b.append(r.nextBoolean() ? "stray text" : "<div>in head</div>");
        }
        if (r.nextInt(12) > 0) {
          b.append("</head>");
        }
        ws();
      }
      if (r.nextInt(15) == 0) {
        b.append("<!-- between -->");
        ws();
      }
      open("body");
      ws();
      flow(0);
      ws();
      int end = r.nextInt(10);
      if (end > 1) {
        b.append("</body>");
        ws();
        if (r.nextInt(8) == 0) {
          b.append("<!-- after body -->");
          ws();
        }
      }
      if (end > 0) {
        b.append("</html>");
        if (r.nextInt(8) == 0) {
          ws();
          b.append("<!-- after html -->");
        }
      }
      if (fault()) {
        b.append(r.nextBoolean() ? "<p>after</p>" : "trailing text");
      }
      ws();
      return b.toString();
    }

    private void head() {
      int k = r.nextInt(6);
      for (int i = 0; i < k; i++) {
        ws();
        switch (r.nextInt(6)) {
          case 0 -> b.append("<meta charset=\"utf-8\">");
          case 1 -> {
            b.append("<title>");
            text();
            b.append("</title>");
          }
          case 2 -> b.append("<link rel=stylesheet href=\"/a.css?v=1&amp;x=2\"/>");
          case 3 -> script();
          case 4 -> b.append("<style>.a > b { color: red }</style>");
          default -> b.append("<!-- in head -->");
        }
      }
      ws();
    }

    private void script() {
      String[] bodies = {
        "var a = 1 < 2 && b > 3;",
        "document.write('<div>' + x + '<\\/div>');",
        "{\"@context\": \"https://schema.org\", \"name\": \"A &amp; B\"}",
        "if (a</b) {}",
        "",
        "x = '</div>';",
        "\n  window.dataLayer = [];\n"
      };
      b.append(r.nextBoolean() ? "<script>" : "<script type=\"application/ld+json\">");
      String body = pick(bodies);
      while (!odd && body.contains("</")) {
        body = pick(bodies);
      }
      b.append(body).append("</script>");
    }

    private void flow(int depth) {
      int k = depth > 5 ? r.nextInt(2) : 1 + r.nextInt(4);
      for (int i = 0; i < k; i++) {
        ws();
        if (fault()) {
          switch (r.nextInt(6)) {
            case 0 -> b.append("<p>para<div>block</div></p>");
            case 1 -> b.append("<div/>");
            case 2 -> b.append("<b><i>mis</b></i>");
            case 3 -> b.append("</p>");
            case 4 -> b.append("<li>loose");
            default -> b.append("<unknown>x");
          }
          continue;
        }
        int choice = r.nextInt(depth > 5 ? 4 : 16);
        switch (choice) {
          case 0, 1 -> text();
          case 2 -> phrasing(depth + 1);
          case 3 ->
              b.append(
                  pick(
                      new String[] {
                        "<br>",
                        "<br/>",
                        "<hr>",
                        "<img src=a.png alt=\"\">",
                        "<input type=text name=q value=\"a&amp;b\">",
                        "<img src='x.jpg' alt=Logo />",
                        "<!-- comment -->",
                        "<!---->",
                        "<!-- a -- b -->",
                        "<meta itemprop=sku content=1>"
                      }));
          case 4, 5, 6 -> {
            String name = pick(BLOCK);
            open(name);
            flow(depth + 1);
            close(name);
          }
          case 7 -> {
            open("p");
            phrasingContent(depth + 1);
            close("p");
          }
          case 8 -> list(depth + 1);
          case 9 -> table(depth + 1);
          case 10 -> {
            if (inForm) {
              text();
            } else {
              inForm = true;
              form(depth + 1);
              inForm = false;
            }
          }
          case 11 -> svg();
          case 12 -> script();
          case 13 -> {
            String h = "h" + (1 + r.nextInt(4));
            open(h);
            phrasingContent(depth + 1);
            close(h);
          }
          case 14 -> {
            open("dl");
            ws();
            open("dt");
            b.append("term");
            close("dt");
            ws();
            open("dd");
            flow(depth + 1);
            close("dd");
            ws();
            b.append("</dl>");
          }
          default -> {
            b.append("<pre>");
            text();
            b.append("</pre>");
          }
        }
      }
      ws();
    }

    private void phrasing(int depth) {
      String name = pick(INLINE);
      open(name);
      phrasingContent(depth);
      close(name);
    }

    private void phrasingContent(int depth) {
      int k = 1 + r.nextInt(3);
      for (int i = 0; i < k; i++) {
        if (r.nextInt(3) == 0 && depth < 8) {
          String name = pick(INLINE);
          if (name.equals("a")) {
            name = "span";
          }
          open(name);
          phrasingContent(depth + 1);
          close(name);
        } else {
          text();
        }
        if (r.nextInt(5) == 0) {
          b.append("<br>");
        }
        if (r.nextInt(12) == 0) {
          b.append(pick(new String[] {"<wbr>", "<source src=a.webp>", "<embed src=x>", "<wbr/>"}));
        }
      }
    }

    private void list(int depth) {
      String l = r.nextBoolean() ? "ul" : "ol";
      open(l);
      int k = r.nextInt(5);
      for (int i = 0; i < k; i++) {
        ws();
        open("li");
        if (r.nextInt(3) == 0) {
          flow(depth + 1);
        } else {
          phrasingContent(depth + 1);
        }
        close("li");
      }
      ws();
      close(l);
    }

    private void table(int depth) {
      open("table");
      ws();
      if (r.nextInt(4) == 0) {
        b.append("<caption>Specs</caption>");
        ws();
      }
      boolean tbody = r.nextBoolean();
      if (tbody) {
        b.append(r.nextBoolean() ? "<thead><tr><th>k</th><th>v</th></tr></thead>" : "");
        b.append("<tbody>");
      }
      int rows = r.nextInt(4);
      for (int i = 0; i < rows; i++) {
        ws();
        open("tr");
        int cells = 1 + r.nextInt(3);
        for (int j = 0; j < cells; j++) {
          ws();
          String cell = j == 0 && r.nextBoolean() ? "th" : "td";
          open(cell);
          if (r.nextInt(4) == 0) {
            flow(depth + 1);
          } else {
            phrasingContent(depth + 1);
          }
          close(cell);
        }
        ws();
        close("tr");
      }
      ws();
      if (tbody) {
        b.append("</tbody>");
        ws();
      }
      close("table");
    }

    private void form(int depth) {
      open("form");
      ws();
      b.append("<label for=q>Query</label>");
      ws();
      b.append("<input id=q name=q value='x&amp;y'>");
      ws();
      if (r.nextBoolean()) {
        b.append("<select name=s>");
        ws();
        b.append("<option value=1>One");
        close("option");
        ws();
        b.append("<option value=2 selected>Two &amp; more");
        close("option");
        if (r.nextBoolean()) {
          b.append("<optgroup label=g><option>Three</option></optgroup>");
        }
        ws();
        b.append("</select>");
      }
      if (r.nextBoolean()) {
        b.append("<textarea name=t>some &lt;text&gt;</textarea>");
      }
      ws();
      b.append("<button type=submit>Go</button>");
      if (r.nextInt(3) == 0) {
        flow(depth + 1);
      }
      ws();
      close("form");
    }

    private void svg() {
      b.append("<svg viewBox=\"0 0 24 24\" width=20 xmlns=\"http://www.w3.org/2000/svg\">");
      if (r.nextBoolean()) {
        b.append(
            "<g fill=\"none\"><path d=\"M0 0h24v24H0z\"/><circle cx=12 cy=12 r=4></circle></g>");
      } else {
        b.append("<path d=\"M15.5 14h-.79l-.28-.27A6.47\"/>");
      }
      if (r.nextInt(4) == 0) {
        b.append("<linearGradient id=lg><stop offset=0 /></linearGradient>");
      }
      b.append("</svg>");
    }
  }
}
