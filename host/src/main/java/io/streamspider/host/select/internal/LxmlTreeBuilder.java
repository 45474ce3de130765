package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.host.select.internal.tree.XElement;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.host.select.internal.tree.XText;
import io.streamspider.runtime.internal.PyStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Parses HTML with jsoup (an HTML5 parser) and reshapes the tree towards the one libxml2's HTML
 * parser builds for lxml and parsel, then converts it to the engine's own read-only tree ({@link
 * XDocument}) that the XPath engine (Jaxen) walks. One class per pass: {@link ImpliedElements},
 * {@link FormsInLibxml}, {@link FosterParenting}, {@link LibxmlNesting}, {@link HtmlSkeleton}, then
 * {@link DomConversion}; {@link SourceTree} holds what they share (the source, jsoup's tree, names
 * and positions).
 *
 * <p>The reshaping uses jsoup's source positions: elements jsoup implied (tbody, the empty {@code
 * p} of a stray {@code </p>}, formatting elements the adoption agency re-opened) are unwrapped;
 * nodes HTML5 foster-parented out of a table go back where the source had them; start tags that
 * libxml2 lets close the current element close it, and elements libxml2 keeps open stay open; text
 * and attribute values are re-read from the source with libxml2's entity rules (no CR
 * normalisation, no HTML5 entities); attributes of a second html or body tag are dropped; content
 * after {@code </html>} goes into a second html element. What this cannot reproduce is listed in
 * {@code docs/select-form.md}.
 *
 * <p>{@link #build} first tries {@link DirectParser}, which reads well-formed pages (and the end
 * tags real pages leave out where both parsers imply them alike) in one pass straight into the
 * tree, and runs the pipeline only when it gives up.
 */
public final class LxmlTreeBuilder {
  private LxmlTreeBuilder() {}

  /** Parses {@code html} as parsel would (after its strip and NUL removal) into a tree. */
  public static XDocument build(String html) {
    String src = PyStrings.strip(html).replace("\0", "");
    if (src.startsWith("\ufeff")) {
      src = src.substring(1); // libxml2 drops a leading byte order mark
    }
    if (src.isEmpty()) {
      src = "<html/>";
    }
    XDocument direct = DirectParser.parse(src);
    return (direct != null ? direct : run(src)).finish();
  }

  /** Parses {@code src} (already stripped) and reshapes it, pass by pass; not yet finished. */
  static XDocument run(String src) {
    PositionParser.Parsed parsed = PositionParser.parse(src);
    SourceTree t = new SourceTree(src, parsed.offsets);
    Document doc = parsed.doc;
    List<Element> all = t.allElements(doc);
    ImpliedElements implied = new ImpliedElements(t);
    implied.markClones(all);
    // the table and form passes only look at elements from start tags, and no pass adds such one
    boolean tables = false;
    boolean forms = false;
    for (Element e : all) {
      String n = t.libxmlName(e);
      if (!n.equals(e.normalName())) {
        t.names.put(e, n); // only the exceptions: most names are jsoup's
      }
      tables |= e.normalName().equals("table");
      forms |= e.normalName().equals("form");
    }
    implied.unwrapImplied(all);
    FormsInLibxml formPass = new FormsInLibxml(t);
    formPass.reopenIgnoredForms(doc);
    if (tables) {
      FosterParenting foster = new FosterParenting(t);
      for (Element table : t.elementsNamed(doc, "table")) {
        foster.unfoster(table);
      }
    }
    if (forms) {
      for (Element form : t.elementsNamed(doc, "form")) {
        formPass.growFormInTable(form);
      }
    }
    LibxmlNesting nesting = new LibxmlNesting(t);
    List<Element> ordered = t.allElements(doc);
    for (Element e : ordered) {
      nesting.hoist(e);
    }
    // hoisting moves a tail of siblings right after their parent: document order stays the same
    for (Element e : ordered) {
      nesting.sink(e);
    }
    Element html = doc.children().isEmpty() ? null : doc.child(0);
    int after = -1;
    if (html != null) {
      HtmlSkeleton skeleton = new HtmlSkeleton(t);
      skeleton.discardedBodyTagClosesParagraph(ordered);
      skeleton.bodyEndAfterDiscardedBodyTag(html);
      skeleton.commentsAfterEndTags(doc, html);
      skeleton.headOnlyForHeadElements(html);
      skeleton.impliedParagraph(html);
      skeleton.dropEmptyImplied(html);
      after = skeleton.htmlEndHonoured() ? contentAfterHtmlEnd(t, html) : -1;
    }
    if (html != null && html.childNodeSize() == 0 && !t.explicitStart(html)) {
      // nothing made libxml2 open an element (comments, a doctype): lxml finds no root element and
      // parsel parses "<html/>" instead
      XDocument empty = new XDocument(false);
      empty.append(new XElement("html"));
      return empty;
    }
    if (after < 0) {
      return new DomConversion(t).toTree(doc);
    }
    return withSecondHtml(src, t.endTagEnd(html), after, doc.childNode(0) == html);
  }

  /**
   * Where content that libxml2 puts into a second html element starts after {@code </html>}, or -1:
   * the first start tag or text after it (text with the white space before it), past white space
   * and comments, which go to the document. -1 also when an end tag, a processing instruction or
   * other markup comes first (left as jsoup put it).
   */
  private static int contentAfterHtmlEnd(SourceTree t, Element html) {
    if (!t.explicitEnd(html) || t.start(html) < 0 || t.start(html) >= t.endTagStart(html)) {
      return -1; // no end tag, or one before anything opened html (libxml2 ignores it)
    }
    String src = t.src;
    int i = t.endTagEnd(html);
    int textFrom = i;
    while (i >= 0 && i < src.length()) {
      char c = src.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (src.startsWith("<!--", i)) {
        int end = src.indexOf("-->", i + 4);
        if (end < 0) {
          return -1;
        }
        i = end + 3;
        textFrom = i;
      } else if (c != '<') {
        return textFrom;
      } else {
        boolean startTag = i + 1 < src.length() && LibxmlTables.isAsciiLetter(src.charAt(i + 1));
        return startTag ? i : -1;
      }
    }
    return -1;
  }

  /**
   * After {@code </html>} libxml2 has no element open and has seen a body: the next start tag or
   * text opens a new html element, which holds the rest of the document, with no implied head or
   * body (text gets a {@code p}, as always outside the body). libxml2 makes it the last child of
   * the first html element when that is the document's first node, else a last node of the document
   * (after a doctype or a comment). The two parts are parsed apart: the document up to {@code
   * </html>} with the comments after it, and the rest. ids in the rest are not registered for
   * XPath's {@code id()}.
   */
  private static XDocument withSecondHtml(String src, int htmlEnd, int from, boolean rootFirst) {
    StringBuilder first = new StringBuilder(from + 16).append(src, 0, htmlEnd);
    for (int i = src.indexOf("<!--", htmlEnd); i >= 0 && i < from; i = src.indexOf("<!--", i)) {
      int end = src.indexOf("-->", i + 4) + 3;
      first.append(src, i, end); // without the white space around, which libxml2 drops
      i = end;
    }
    XDocument main = run(first.toString());
    String rest = src.substring(from);
    boolean text = rest.charAt(0) != '<';
    XDocument sub = run("<html>" + (text ? "<p>" : "") + rest);
    XElement second = new XElement("html");
    XElement subRoot = sub.documentElement();
    boolean unwrap = !EXPLICIT_HEAD_OR_BODY.matcher(rest).find();
    List<XNode> children = new ArrayList<>();
    for (int i = 0; i < subRoot.childCount(); i++) {
      XNode c = subRoot.child(i);
      boolean implied =
          c instanceof XElement e && (e.name().equals("head") || e.name().equals("body"));
      for (int k = 0; k < (implied && unwrap ? c.childCount() : 0); k++) {
        children.add(c.child(k));
      }
      if (!(implied && unwrap)) {
        children.add(c);
      }
    }
    // text right in html opens a p, which runs up to an element that closes a p
    XElement p = null;
    for (XNode c : children) {
      if (p == null && c instanceof XText x && !HtmlSkeleton.isLibxmlBlank(x.data())) {
        p = new XElement("p");
        second.append(p);
      } else if (p != null && c instanceof XElement e && LibxmlTables.startCloses(e.name(), "p")) {
        p = null;
      }
      (p != null ? p : second).append(c);
    }
    if (rootFirst) {
      main.documentElement().append(second);
    } else {
      main.append(second);
    }
    return main;
  }

  private static final Pattern EXPLICIT_HEAD_OR_BODY = Pattern.compile("<(?i:head|body)[\\s/>]");
}
