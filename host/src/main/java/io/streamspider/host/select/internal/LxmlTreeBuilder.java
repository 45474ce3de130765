package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XDocument;
import java.util.List;
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
 * normalisation, no HTML5 entities). What this cannot reproduce is listed in {@code
 * docs/select-form.md}.
 *
 * <p>{@link #build} first tries {@link DirectParser}, which reads well-formed pages (and the end
 * tags real pages leave out where both parsers imply them alike) in one pass straight into the
 * tree, and runs the pipeline only when it gives up.
 */
public final class LxmlTreeBuilder {
  private LxmlTreeBuilder() {}

  /** Parses {@code html} as parsel would (after its strip and NUL removal) into a tree. */
  public static XDocument build(String html) {
    String src = pyStrip(html).replace("\0", "");
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
    if (html != null) {
      HtmlSkeleton skeleton = new HtmlSkeleton(t);
      skeleton.commentsAfterEndTags(doc, html);
      skeleton.headOnlyForHeadElements(html);
      skeleton.impliedParagraph(html);
      skeleton.dropEmptyImplied(html);
    }
    return new DomConversion(t).toTree(doc);
  }

  /** Python's {@code str.strip()}: Unicode white space as {@code str.isspace} defines it. */
  static String pyStrip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isPySpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isPySpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  static boolean isPySpace(char c) {
    return (c >= 0x09 && c <= 0x0D)
        || (c >= 0x1C && c <= 0x20)
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }
}
