package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.nodes.TextNode;
import org.w3c.dom.DOMException;

/**
 * Parses HTML with jsoup (an HTML5 parser) and reshapes the tree towards the one libxml2's HTML
 * parser builds for lxml and parsel, then converts it to a W3C DOM for the XPath engine (Jaxen).
 *
 * <p>The reshaping uses jsoup's source positions: elements jsoup implied (tbody, the empty
 * {@code p} of a stray {@code </p>}, formatting elements the adoption agency re-opened) are
 * unwrapped; nodes HTML5 foster-parented out of a table go back where the source had them;
 * start tags that libxml2 lets close the current element close it, and elements libxml2 keeps
 * open stay open; text and attribute values are re-read from the source with libxml2's entity
 * rules (no CR normalisation, no HTML5 entities). What this cannot reproduce is listed in
 * {@code docs/select-form.md}.
 */
public final class LxmlTreeBuilder {
  /** A DocumentBuilderFactory is not thread-safe; pages may be parsed on several threads. */
  private static final ThreadLocal<DocumentBuilder> DOM_BUILDER =
      ThreadLocal.withInitial(LxmlTreeBuilder::newDocumentBuilder);

  private static DocumentBuilder newDocumentBuilder() {
    try {
      return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK has no DOM implementation", e);
    }
  }

  private final String src;
  private final Map<Element, Boolean> clones = new IdentityHashMap<>();
  /** Elements that were cloned: their position data was overwritten by the clone's. */
  private final Map<Element, Boolean> originals = new IdentityHashMap<>();
  private final Map<Element, String> names = new IdentityHashMap<>();
  private final Map<String, int[]> endTags = new java.util.HashMap<>();
  private AttributeOrder attributeOrder;
  /**
   * Where the last comment of the page starts (-1: none), noted by {@link #allElements}: no pass
   * adds a comment, and nodes keep their source positions when they move.
   */
  private int lastCommentStart = -1;

  private LxmlTreeBuilder(String src) {
    this.src = src;
  }

  /** Parses {@code html} as parsel would (after its strip and NUL removal) into a DOM. */
  public static org.w3c.dom.Document build(String html) {
    String src = pyStrip(html).replace("\0", "");
    if (src.startsWith("\ufeff")) {
      src = src.substring(1); // libxml2 drops a leading byte order mark
    }
    if (src.isEmpty()) {
      src = "<html/>";
    }
    return new LxmlTreeBuilder(src).run();
  }

  private org.w3c.dom.Document run() {
    Document doc = PositionParser.parse(src);
    List<Element> all = allElements(doc);
    markClones(all);
    // the table and form passes only look at elements from start tags, and no pass adds such one
    boolean tables = false;
    boolean forms = false;
    for (Element e : all) {
      String n = libxmlName(e);
      if (!n.equals(e.normalName())) {
        names.put(e, n); // only the exceptions: most names are jsoup's
      }
      tables |= e.normalName().equals("table");
      forms |= e.normalName().equals("form");
    }
    unwrapImplied(all);
    reopenIgnoredForms(doc);
    if (tables) {
      for (Element table : elementsNamed(doc, "table")) {
        unfoster(table);
      }
    }
    if (forms) {
      for (Element form : elementsNamed(doc, "form")) {
        growFormInTable(form);
      }
    }
    List<Element> ordered = allElements(doc);
    for (Element e : ordered) {
      hoist(e);
    }
    // hoisting moves a tail of siblings right after their parent: document order stays the same
    for (Element e : ordered) {
      sink(e);
    }
    Element html = doc.children().isEmpty() ? null : doc.child(0);
    if (html != null) {
      commentsAfterEndTags(doc, html);
      headOnlyForHeadElements(html);
      impliedParagraph(html);
      dropEmptyImplied(html);
    }
    return toDom(doc);
  }

  // ---- positions -------------------------------------------------------------------------

  /** The element came from a start tag in the source (jsoup's range says so and points at one). */
  private boolean explicitStart(Element e) {
    return tagStart(e) >= 0;
  }

  /**
   * Where the element's start tag begins, or -1 if it had none. jsoup's position is one past the
   * {@code <} after text it read as RCDATA up to the end of input.
   */
  private int tagStart(Element e) {
    Range r = e.sourceRange();
    if (!r.isTracked() || r.isImplicit()) {
      return -1;
    }
    int p = r.startPos();
    if (p < src.length() && src.charAt(p) == '<') {
      return p;
    }
    return p > 0 && p <= src.length() && src.charAt(p - 1) == '<' ? p - 1 : -1;
  }

  /** The element was closed by an end tag in the source. */
  private boolean explicitEnd(Element e) {
    Range r = e.endSourceRange();
    return r.isTracked() && !r.isImplicit() && src.startsWith("</", r.startPos());
  }

  private static int start(Node n) {
    Range r = n.sourceRange();
    return r.isTracked() ? r.startPos() : -1;
  }

  private String name(Element e) {
    String n = names.isEmpty() ? null : names.get(e);
    return n != null ? n : e.normalName();
  }

  private boolean isClone(Element e) {
    return !clones.isEmpty() && clones.containsKey(e);
  }

  private boolean isOriginal(Element e) {
    return !originals.isEmpty() && originals.containsKey(e);
  }

  /**
   * {@code root.getAllElements()} (pre-order, root first) without jsoup's stream and evaluator
   * machinery; also notes where the last comment starts.
   */
  private List<Element> allElements(Element root) {
    List<Element> out = new ArrayList<>();
    Node n = root;
    while (n != null) {
      if (n instanceof Element) {
        out.add((Element) n);
      } else if (n instanceof Comment) {
        lastCommentStart = Math.max(lastCommentStart, start(n));
      }
      if (n.childNodeSize() > 0) {
        n = n.childNode(0);
        continue;
      }
      while (n != root && n.nextSibling() == null) {
        n = n.parentNode();
      }
      n = n == root ? null : n.nextSibling();
    }
    return out;
  }

  /** The element name as libxml2 reads it from the start tag: lower case, no namespace prefix. */
  private String libxmlName(Element e) {
    String n;
    if (explicitStart(e) && !isClone(e)) {
      int at = tagStart(e) + 1;
      String jsoupName = e.normalName();
      if (LibxmlTables.isPlainName(jsoupName) && src.startsWith(jsoupName, at)
          && !LibxmlTables.isNameChar(src, at + jsoupName.length())) {
        return jsoupName; // the source spells it as jsoup does: no copy, no case change
      }
      n = LibxmlTables.htmlName(src, at);
      if (n.isEmpty()) {
        n = e.normalName().toLowerCase(Locale.ROOT);
      }
    } else {
      n = e.normalName().toLowerCase(Locale.ROOT);
      String h = LibxmlTables.htmlName(n);
      n = h.isEmpty() ? n : h;
    }
    int colon = n.indexOf(':');
    if (colon > 0 && colon < n.length() - 1) {
      n = n.substring(colon + 1);
    }
    return n;
  }

  private List<Element> elementsNamed(Document doc, String name) {
    List<Element> out = new ArrayList<>();
    for (Element e : allElements(doc)) {
      if (e.normalName().equals(name) && explicitStart(e)) {
        out.add(e);
      }
    }
    return out;
  }

  // ---- reshaping -------------------------------------------------------------------------

  /**
   * Finds elements the adoption agency algorithm re-created: jsoup's shallow clone shares the
   * original's user data, so the clone and the original report the very same Range object.
   */
  private void markClones(List<Element> all) {
    Map<Range, Element> seen = new IdentityHashMap<>(all.size());
    for (Element e : all) {
      Range r = e.sourceRange();
      if (!r.isTracked()) {
        continue;
      }
      Element first = seen.putIfAbsent(r, e);
      if (first != null) {
        clones.put(e, Boolean.TRUE);
        originals.put(first, Boolean.TRUE);
      }
    }
  }

  /** libxml2 never implies tbody, tr, colgroup, an empty p for {@code </p>}, or re-opened tags. */
  private void unwrapImplied(List<Element> all) {
    for (Element e : all) {
      if (e.parent() == null) {
        continue;
      }
      String n = e.normalName();
      boolean structural = n.equals("html") || n.equals("head") || n.equals("body");
      boolean implied = !explicitStart(e) && !isOriginal(e);
      if (isClone(e) || (implied && !structural)) {
        e.unwrap();
      }
    }
  }

  /** Puts back into the table what HTML5 foster-parented in front of it. */
  private void unfoster(Element table) {
    int tableStart = start(table);
    List<Node> fostered = new ArrayList<>();
    Node prev = table.previousSibling();
    while (prev != null && start(prev) > tableStart) {
      fostered.add(prev);
      prev = prev.previousSibling();
    }
    Collections.reverse(fostered);
    for (Node n : fostered) {
      int pos = start(n);
      Element container = table;
      while (true) {
        Element inner = null;
        for (Element c : container.children()) {
          if (!explicitStart(c) || !c.endSourceRange().isTracked()) {
            continue;
          }
          if (c.sourceRange().endPos() <= pos && pos < c.endSourceRange().startPos()) {
            inner = c;
            break;
          }
        }
        if (inner == null) {
          break;
        }
        container = inner;
      }
      n.remove();
      Node before = null;
      for (Node c : container.childNodes()) {
        if (start(c) > pos) {
          before = c;
          break;
        }
      }
      if (before != null) {
        before.before(n);
      } else {
        container.appendChild(n);
      }
    }
  }

  /** HTML5 keeps a form in a table empty; libxml2 lets it hold the rows up to its end tag. */
  private void growFormInTable(Element form) {
    Element parent = form.parent();
    if (parent == null || form.childNodeSize() > 0) {
      return;
    }
    String p = name(parent);
    if (!(p.equals("table") || p.equals("tbody") || p.equals("thead") || p.equals("tfoot")
        || p.equals("tr"))) {
      return;
    }
    int end = indexOfEndTag("form", form.sourceRange().endPos());
    List<Node> move = new ArrayList<>();
    for (Node s = form.nextSibling(); s != null; s = s.nextSibling()) {
      int st = start(s);
      if (st < 0 || st >= end) {
        break;
      }
      move.add(s);
    }
    for (Node n : move) {
      form.appendChild(n);
    }
  }

  /** A start tag libxml2 lets close the current element: hoist it (and what follows) out. */
  private void hoist(Element x) {
    if (!explicitStart(x) || x.parent() == null) {
      return;
    }
    String xn = name(x);
    Element c = x.parent();
    while (c != null && c.parent() != null && isOrdinary(c) && LibxmlTables.startCloses(xn, name(c))
        && onlyClosedBefore(x)) {
      List<Node> move = new ArrayList<>();
      for (Node s = x; s != null; s = s.nextSibling()) {
        move.add(s);
      }
      Node anchor = c;
      for (Node n : move) {
        n.remove();
        anchor.after(n);
        anchor = n;
      }
      c = x.parent();
    }
  }

  /** Elements before {@code x} among its siblings all ended (explicitly) before it started. */
  private boolean onlyClosedBefore(Element x) {
    Element prev = x.previousElementSibling();
    return prev == null || explicitEnd(prev) || prev.endSourceRange().startPos() < start(x);
  }

  private boolean isOrdinary(Element c) {
    String n = name(c);
    return !(n.equals("html") || n.equals("body") || n.equals("head"));
  }

  /**
   * HTML5 closed the element before {@code x} because {@code x} started; libxml2 only closes the
   * current element when its table says so. Move {@code x} into what libxml2 still has open.
   */
  private void sink(Element x) {
    if (!explicitStart(x)) {
      return;
    }
    Node prevNode = x.previousSibling();
    if (!(prevNode instanceof Element)) {
      return;
    }
    Element p = (Element) prevNode;
    int xs = start(x);
    if (!closedAt(p, xs) || !isOrdinary(p)) {
      return;
    }
    Element deepest = p;
    while (true) {
      Node last = deepest.childNodeSize() == 0 ? null : deepest.childNode(deepest.childNodeSize() - 1);
      if (last instanceof Element && closedAt((Element) last, xs)) {
        deepest = (Element) last;
      } else {
        break;
      }
    }
    String xn = name(x);
    Element open = deepest;
    while (open != p.parent() && LibxmlTables.startCloses(xn, name(open))) {
      open = open.parent();
    }
    if (open == p.parent() || LibxmlTables.VOID.contains(name(open))) {
      return;
    }
    // absorb what follows until the open element's own end tag, which sits between siblings
    String openName = name(open);
    List<Node> move = new ArrayList<>();
    move.add(x);
    int cursor = endOf(x);
    for (Node s = x.nextSibling(); s != null; s = s.nextSibling()) {
      int st = start(s);
      if (st < 0 || cursor < 0 || indexOfEndTag(openName, cursor) < st) {
        break;
      }
      if (s instanceof Element && explicitStart((Element) s)
          && LibxmlTables.startCloses(name((Element) s), openName)) {
        break;
      }
      move.add(s);
      cursor = endOf(s);
    }
    for (Node n : move) {
      open.appendChild(n);
    }
  }

  /** Where a node's source ends (after its end tag, if it had one), or -1 if unknown. */
  private static int endOf(Node n) {
    Range r = n.sourceRange();
    if (!r.isTracked()) {
      return -1;
    }
    int end = r.endPos();
    if (n instanceof Element) {
      Range e = ((Element) n).endSourceRange();
      if (e.isTracked()) {
        end = Math.max(end, e.endPos());
      }
    }
    return end;
  }

  private boolean closedAt(Element e, int pos) {
    Range end = e.endSourceRange();
    return explicitStart(e) && end.isTracked() && end.isImplicit() && end.startPos() == pos;
  }

  /**
   * libxml2 does not know wbr, source, track, embed... as empty: such an element holds what
   * follows it up to its parent's end. (Applied while converting to the DOM, in one pass.)
   */
  private boolean holdsFollowers(Element e) {
    if (!LibxmlTables.OPEN_IN_LIBXML.contains(name(e)) || !explicitStart(e)
        || e.childNodeSize() > 0) {
      return false;
    }
    return !src.startsWith("/>", e.sourceRange().endPos() - 2);
  }

  /**
   * HTML5 ignores a form start tag inside a form; libxml2 closes the open form (when it is the
   * current element) and starts a new one. Find such ignored tags in the source and rebuild
   * the form.
   */
  private void reopenIgnoredForms(Document doc) {
    if (nextFormStart(0) < 0) {
      return;
    }
    Set<Integer> kept = new HashSet<>();
    for (Element e : allElements(doc)) {
      if (e.normalName().equals("form") && explicitStart(e) && !isOriginal(e)) {
        kept.add(tagStart(e));
      }
    }
    List<Integer> ignored = new ArrayList<>();
    for (int q = nextFormStart(0); q >= 0; q = nextFormStart(q + 1)) {
      if (!kept.contains(q)) {
        ignored.add(q);
      }
    }
    if (ignored.isEmpty()) {
      return;
    }
    // a "<form" inside a comment, script, text or another tag is no start tag
    List<int[]> opaque = new ArrayList<>();
    for (Element e : allElements(doc)) {
      if (explicitStart(e) && !isOriginal(e)) {
        opaque.add(new int[] {tagStart(e) + 1, e.sourceRange().endPos()});
      }
      for (Node c : e.childNodes()) {
        if (!(c instanceof Element) && c.sourceRange().isTracked()) {
          opaque.add(new int[] {c.sourceRange().startPos(), c.sourceRange().endPos()});
        }
      }
    }
    for (int q : ignored) {
      if (!inside(opaque, q)) {
        reopenForm(doc, q);
      }
    }
  }

  /**
   * Where the next {@code <form} followed by white space, {@code /} or {@code >} starts (ASCII
   * case-insensitive), or -1: a hand-written scan, as a case-insensitive regex costs a slice
   * compare at every position of every page.
   */
  private int nextFormStart(int from) {
    int last = src.length() - 6; // "<form" and the character after it
    for (int i = src.indexOf('<', from); i >= 0 && i <= last; i = src.indexOf('<', i + 1)) {
      if ((src.charAt(i + 1) | 0x20) == 'f' && (src.charAt(i + 2) | 0x20) == 'o'
          && (src.charAt(i + 3) | 0x20) == 'r' && (src.charAt(i + 4) | 0x20) == 'm') {
        char c = src.charAt(i + 5);
        if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'
            || c == '/' || c == '>') {
          return i;
        }
      }
    }
    return -1;
  }

  private static boolean inside(List<int[]> ranges, int pos) {
    for (int[] r : ranges) {
      if (r[0] <= pos && pos < r[1]) {
        return true;
      }
    }
    return false;
  }

  private void reopenForm(Document doc, int q) {
    Element deepest = null;
    Element level = doc.children().isEmpty() ? null : doc.child(0);
    while (level != null) {
      deepest = level;
      Element next = null;
      for (Element c : level.children()) {
        if (contains(c, q)) {
          next = c;
          break;
        }
      }
      level = next;
    }
    if (deepest == null) {
      return;
    }
    // only the start tag matters: parse a bounded slice so many such forms stay cheap
    String tagSource = src.substring(q, Math.min(src.length(), q + 8192));
    Document tagDoc = PositionParser.parse(tagSource);
    Element tag = tagDoc.selectFirst("form");
    if (tag == null) {
      return;
    }
    int tagEnd = q + tag.sourceRange().endPos();
    Element form = new Element("form");
    for (Attribute a : tag.attributes()) {
      form.attr(a.getKey(), a.getValue());
    }
    names.put(form, "form");
    Element closedTop = null;
    Element cur = deepest;
    while (cur != null && cur.parent() != null && LibxmlTables.startCloses("form", name(cur))) {
      closedTop = cur;
      cur = cur.parent();
    }
    int end = indexOfEndTag("form", tagEnd);
    List<Node> move = new ArrayList<>();
    if (closedTop == null) {
      for (Node c : deepest.childNodes()) {
        if (start(c) >= tagEnd && start(c) < end) {
          move.add(c);
        }
      }
      Node before = move.isEmpty() ? null : move.get(0);
      if (before != null) {
        before.before(form);
      } else {
        deepest.appendChild(form);
      }
    } else {
      for (Element e = deepest; ; e = e.parent()) {
        for (Node c : e.childNodes()) {
          if (start(c) >= tagEnd && !move.contains(c)) {
            move.add(c);
          }
        }
        if (e == closedTop) {
          break;
        }
      }
      for (Node s = closedTop.nextSibling(); s != null; s = s.nextSibling()) {
        if (start(s) < 0 || start(s) >= end) {
          break;
        }
        move.add(s);
      }
      closedTop.after(form);
    }
    for (Node n : move) {
      form.appendChild(n);
    }
  }

  private boolean contains(Element e, int pos) {
    Range r = e.sourceRange();
    if (!r.isTracked() || isOriginal(e) || r.endPos() > pos) {
      return false;
    }
    Range end = e.endSourceRange();
    return !end.isTracked() || pos < end.startPos() || (end.isImplicit() && pos <= end.startPos());
  }

  /**
   * A comment after {@code </body>} belongs to html, after {@code </html>} to the document
   * (jsoup keeps some of them in the body).
   */
  private void commentsAfterEndTags(Document doc, Element html) {
    int htmlEnd = explicitEnd(html) ? html.endSourceRange().startPos() : Integer.MAX_VALUE;
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("body")) {
        body = c;
      }
    }
    int bodyEnd =
        body != null && explicitEnd(body) ? body.endSourceRange().startPos() : Integer.MAX_VALUE;
    if (lastCommentStart < Math.min(htmlEnd, bodyEnd)) {
      return; // no comment after either end tag: no need to look at every node
    }
    List<Comment> comments = new ArrayList<>();
    for (Element e : allElements(html)) {
      for (Node c : e.childNodes()) {
        if (c instanceof Comment && start(c) >= Math.min(htmlEnd, bodyEnd)) {
          comments.add((Comment) c);
        }
      }
    }
    for (Comment c : comments) {
      c.remove();
      if (start(c) >= htmlEnd) {
        doc.appendChild(c);
      } else {
        html.appendChild(c);
      }
    }
  }

  /**
   * libxml2 implies a head only for script, style, meta, link, title and base; HTML5 also puts
   * noscript, template and the like there. Move the first such element, and all after it, to
   * the body.
   */
  private void headOnlyForHeadElements(Element html) {
    Element head = null;
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("head")) {
        head = c;
      } else if (c.normalName().equals("body")) {
        body = c;
      }
    }
    if (head == null || body == null || explicitStart(head)) {
      return;
    }
    Node first = null;
    for (Element c : head.children()) {
      if (!HEAD_IMPLIERS.contains(name(c))) {
        first = c;
        break;
      }
    }
    if (first == null) {
      return;
    }
    List<Node> move = new ArrayList<>();
    for (Node s = first; s != null; s = s.nextSibling()) {
      move.add(s);
    }
    Collections.reverse(move);
    for (Node n : move) {
      body.prependChild(n);
    }
  }

  private static final Set<String> HEAD_IMPLIERS =
      Set.of("script", "style", "meta", "link", "title", "base");

  /** libxml2 opens a {@code p} for text that comes before anything opened the body. */
  private void impliedParagraph(Element html) {
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("body")) {
        body = c;
      }
    }
    if (body == null || explicitStart(body)) {
      return;
    }
    Node first = null;
    for (Node c : body.childNodes()) {
      if (c instanceof Comment) {
        continue;
      }
      if (c instanceof TextNode && isLibxmlBlank(textOf((TextNode) c, "body"))) {
        continue;
      }
      first = c;
      break;
    }
    if (!(first instanceof TextNode)) {
      return;
    }
    List<Node> wrap = new ArrayList<>();
    for (Node s = first; s != null; s = s.nextSibling()) {
      if (s instanceof Element && LibxmlTables.startCloses(name((Element) s), "p")) {
        break;
      }
      wrap.add(s);
    }
    Element p = new Element("p");
    first.before(p);
    for (Node n : wrap) {
      p.appendChild(n);
    }
    names.put(p, "p");
  }

  /** libxml2's areBlanks: only space, tab, CR and LF (and nothing at all) are blank. */
  private static boolean isLibxmlBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private void dropEmptyImplied(Element html) {
    for (Element c : new ArrayList<>(html.children())) {
      String n = c.normalName();
      if ((n.equals("head") || n.equals("body")) && !explicitStart(c) && c.childNodeSize() == 0
          && !c.attributes().iterator().hasNext()) {
        c.remove();
      }
    }
  }

  /** The source in range {@code r} is exactly {@code s} (compared in place, no copy). */
  private boolean sourceIs(Range r, String s) {
    int from = r.startPos();
    return from >= 0 && r.endPos() - from == s.length() && r.endPos() <= src.length()
        && src.regionMatches(from, s, 0, s.length());
  }

  /** Neither a character reference nor a CR: source and jsoup's reading of it are the same. */
  private static boolean plain(String s) {
    return s.indexOf('&') < 0 && s.indexOf('\r') < 0;
  }

  /** The source between two positions, or null when jsoup's range does not fit the source. */
  private String slice(int from, int to) {
    return from < 0 || to < from || to > src.length() ? null : src.substring(from, to);
  }

  /** Where the first {@code </tag} at or after {@code from} is, or the end of the source. */
  private int indexOfEndTag(String tag, int from) {
    int[] positions = endTags.computeIfAbsent(tag, this::endTagPositions);
    int i = java.util.Arrays.binarySearch(positions, Math.max(from, 0));
    if (i < 0) {
      i = -i - 1;
    }
    return i < positions.length ? positions[i] : src.length();
  }

  /** Every {@code </tag} in the source, found once per tag name (case-insensitive). */
  private int[] endTagPositions(String tag) {
    String needle = "</" + tag;
    List<Integer> found = new ArrayList<>();
    int n = src.length() - needle.length();
    for (int i = src.indexOf("</"); i >= 0 && i <= n; i = src.indexOf("</", i + 1)) {
      if (src.regionMatches(true, i, needle, 0, needle.length())) {
        found.add(i);
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  // ---- DOM conversion --------------------------------------------------------------------

  private org.w3c.dom.Document toDom(Document doc) {
    org.w3c.dom.Document dom = DOM_BUILDER.get().newDocument();
    attributeOrder = AttributeOrder.attach(dom);
    Map<String, Boolean> ids = new LinkedHashMap<>();
    boolean rootDone = false;
    for (Node n : doc.childNodes()) {
      if (n instanceof Element) {
        if (rootDone) {
          continue;
        }
        org.w3c.dom.Element root = dom.createElement(name((Element) n));
        dom.appendChild(root);
        fill(dom, root, (Element) n, ids);
        rootDone = true;
      } else if (n instanceof Comment) {
        org.w3c.dom.Node c = commentOrPi(dom, (Comment) n);
        if (c != null) {
          dom.appendChild(c);
        }
      }
    }
    if (!rootDone) {
      dom.appendChild(dom.createElement("html"));
    }
    return dom;
  }

  /** Converts the children of {@code from} into {@code into}, iteratively (deep pages). */
  private void fill(
      org.w3c.dom.Document dom, org.w3c.dom.Element into, Element from, Map<String, Boolean> ids) {
    copyAttributes(into, from, ids);
    List<Object[]> stack = new ArrayList<>();
    stack.add(new Object[] {into, from, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.get(stack.size() - 1);
      org.w3c.dom.Element target = (org.w3c.dom.Element) top[0];
      Element source = (Element) top[1];
      int i = (Integer) top[2];
      if (i >= source.childNodeSize()) {
        stack.remove(stack.size() - 1);
        continue;
      }
      top[2] = i + 1;
      Node child = source.childNode(i);
      if (child instanceof Element) {
        Element ce = (Element) child;
        org.w3c.dom.Element de = createElement(dom, name(ce));
        if (de == null) {
          // a name the DOM refuses: keep the content, as libxml2 drops such a tag
          stack.add(new Object[] {target, ce, 0});
          continue;
        }
        target.appendChild(de);
        copyAttributes(de, ce, ids);
        if (holdsFollowers(ce)) {
          top[0] = de; // the siblings still to come go inside it
          continue;
        }
        org.w3c.dom.Element reparsed =
            MARKUP_IN_LIBXML.contains(name(ce)) ? reparse(dom, ce) : null;
        if (reparsed != null) {
          while (reparsed.getFirstChild() != null) {
            de.appendChild(reparsed.getFirstChild());
          }
          continue;
        }
        stack.add(new Object[] {de, ce, 0});
      } else if (child instanceof TextNode) {
        appendText(dom, target, textOf((TextNode) child, name(source)));
      } else if (child instanceof DataNode) {
        appendText(dom, target, dataOf((DataNode) child));
      } else if (child instanceof Comment) {
        org.w3c.dom.Node c = commentOrPi(dom, (Comment) child);
        if (c instanceof org.w3c.dom.Text) {
          appendText(dom, target, c.getNodeValue());
        } else if (c != null) {
          target.appendChild(c);
        }
      }
    }
  }

  /** HTML5 reads these as text; libxml2 parses their content as markup. */
  private static final Set<String> MARKUP_IN_LIBXML =
      Set.of("textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript");

  /** Parses a text-only element's source content as libxml2 would: as markup. */
  private org.w3c.dom.Element reparse(org.w3c.dom.Document dom, Element e) {
    if (!explicitStart(e) || e.childNodeSize() == 0) {
      return null;
    }
    for (Node c : e.childNodes()) {
      if (!(c instanceof TextNode || c instanceof DataNode)) {
        return null;
      }
    }
    int from = e.sourceRange().endPos();
    Range last = e.childNode(e.childNodeSize() - 1).sourceRange();
    // jsoup's end range of a text-only element can start at its start tag: then use the text's
    int to =
        explicitEnd(e) && e.endSourceRange().startPos() >= from
            ? e.endSourceRange().startPos()
            : last.isTracked() ? last.endPos() : -1;
    String raw = slice(from, to);
    if (raw == null || raw.indexOf('<') < 0) {
      return null;
    }
    org.w3c.dom.Document sub = new LxmlTreeBuilder("<html><body>" + raw).run();
    org.w3c.dom.Node body = sub.getDocumentElement().getLastChild();
    if (!(body instanceof org.w3c.dom.Element) || !body.getNodeName().equals("body")) {
      return null;
    }
    attributeOrder.addAll(AttributeOrder.of(sub));
    return (org.w3c.dom.Element) dom.adoptNode(body);
  }

  private static org.w3c.dom.Element createElement(org.w3c.dom.Document dom, String name) {
    try {
      return dom.createElement(name);
    } catch (DOMException e) {
      return null;
    }
  }

  private static void appendText(org.w3c.dom.Document dom, org.w3c.dom.Element target, String s) {
    if (s.isEmpty()) {
      return;
    }
    org.w3c.dom.Node last = target.getLastChild();
    if (last instanceof org.w3c.dom.Text) {
      ((org.w3c.dom.Text) last).appendData(s);
    } else {
      target.appendChild(dom.createTextNode(s));
    }
  }

  private void copyAttributes(org.w3c.dom.Element de, Element ce, Map<String, Boolean> ids) {
    Attributes attrs = ce.attributes();
    List<String> order = new ArrayList<>(attrs.size());
    Set<String> valueless = null;
    for (Attribute a : attrs) {
      String key = a.getKey();
      if (key.startsWith("/")) {
        continue; // jsoup's internal keys
      }
      Range.AttributeRange r = attrs.sourceRange(key);
      String sliced =
          !r.nameRange().isTracked()
              ? null
              : sourceIs(r.nameRange(), key)
                  ? key
                  : slice(r.nameRange().startPos(), r.nameRange().endPos());
      String rawName = sliced != null ? sliced : key;
      String name = LibxmlTables.htmlName(rawName);
      if (name.isEmpty() || order.contains(name)) {
        continue;
      }
      boolean truncated = name.length() < rawName.length();
      boolean hasValue = attrs.hasDeclaredValueForKey(key) && !truncated;
      // libxml2 gives a boolean attribute written without a value its own name as value
      String value =
          hasValue ? attributeValue(a, r) : LibxmlTables.BOOLEAN_ATTRIBUTES.contains(name) ? name : "";
      try {
        setAttribute(de, name, value);
      } catch (DOMException e) {
        continue;
      }
      order.add(name);
      if (!hasValue) {
        if (valueless == null) {
          valueless = new HashSet<>();
        }
        valueless.add(name);
      }
      boolean isId = name.equals("id") || (name.equals("name") && name(ce).equals("a"));
      if (isId && ids.putIfAbsent(value, Boolean.TRUE) == null) {
        de.setIdAttribute(name, true);
      }
    }
    if (!order.isEmpty()) { // without attributes the serialiser needs no order
      attributeOrder.put(de, order.toArray(new String[0]), valueless);
    }
  }

  /**
   * A prefixed name ({@code xml:lang}, {@code x:y}) gets a namespace, so that, as in lxml,
   * {@code @lang} does not find {@code xml:lang}; {@code xmlns} ones stay declarations.
   */
  private static void setAttribute(org.w3c.dom.Element de, String name, String value) {
    int colon = name.indexOf(':');
    if (colon <= 0 || colon == name.length() - 1 || name.startsWith("xmlns")) {
      de.setAttribute(name, value);
      return;
    }
    String prefix = name.substring(0, colon);
    String ns = prefix.equals("xml") ? javax.xml.XMLConstants.XML_NS_URI : PREFIX_NS + prefix;
    try {
      de.setAttributeNS(ns, name, value);
    } catch (DOMException notAQName) {
      de.setAttribute(name, value); // a:b:c is a name for libxml2, not a qualified name
    }
  }

  /** Namespace given to attributes with a prefix other than xml (libxml2 binds none). */
  static final String PREFIX_NS = "urn:x-html-prefix:";

  private String attributeValue(Attribute a, Range.AttributeRange r) {
    String jsoupValue = a.getValue();
    Range v = r.valueRange();
    if (v.isTracked() && plain(jsoupValue) && sourceIs(v, jsoupValue)) {
      return jsoupValue; // what the slow path gives, without copying the source
    }
    String raw = v.isTracked() ? slice(v.startPos(), v.endPos()) : null;
    if (raw == null) {
      return jsoupValue;
    }
    if (!plausible(raw, jsoupValue)) {
      return jsoupValue; // the range does not hold what jsoup read: trust jsoup
    }
    return LibxmlEntities.decodeAttribute(raw);
  }

  private String textOf(TextNode t, String parentName) {
    String jsoupText = t.getWholeText();
    Range r = t.sourceRange();
    if (r.isTracked() && plain(jsoupText) && sourceIs(r, jsoupText)) {
      return jsoupText; // what the slow path gives, without copying the source
    }
    String raw = r.isTracked() ? slice(r.startPos(), r.endPos()) : null;
    if (raw == null) {
      return jsoupText;
    }
    boolean rawText = LibxmlTables.RAW_TEXT.contains(parentName);
    boolean plausible = rawText ? newlines(raw).equals(jsoupText) : plausible(raw, jsoupText);
    if (!plausible && !plausible(dropLeadingNewline(raw), jsoupText)) {
      return jsoupText; // the range does not hold what jsoup read: trust jsoup
    }
    return rawText ? raw : LibxmlEntities.decodeText(raw);
  }

  private String dataOf(DataNode d) {
    String data = d.getWholeData();
    Range r = d.sourceRange();
    String raw = r.isTracked() ? slice(r.startPos(), r.endPos()) : null;
    if (raw == null) {
      return data;
    }
    return newlines(raw).equals(data) ? raw : data;
  }

  private org.w3c.dom.Node commentOrPi(org.w3c.dom.Document dom, Comment c) {
    String data = c.getData();
    Range r = c.sourceRange();
    String raw = r.isTracked() ? slice(r.startPos(), r.endPos()) : null;
    if (raw != null && raw.startsWith("<?") && raw.endsWith(">")) {
      // libxml2 reads <?target data> as a processing instruction
      String body = raw.substring(2, raw.length() - 1);
      String target = LibxmlTables.htmlName(body);
      if (target.isEmpty()) {
        return null;
      }
      String rest = body.substring(target.length()).stripLeading();
      try {
        return dom.createProcessingInstruction(target, rest);
      } catch (DOMException e) {
        return null;
      }
    }
    if (raw != null && raw.startsWith("<!--") && !raw.endsWith("-->")
        && raw.length() == src.length() - r.startPos()) {
      return null; // libxml2 drops a comment that runs to the end of the input unterminated
    }
    if (raw != null && raw.startsWith("<!--") && raw.endsWith("-->") && raw.length() >= 7) {
      data = raw.substring(4, raw.length() - 3);
    } else if (raw != null && raw.startsWith("<!") && !raw.startsWith("<!--")
        && !raw.startsWith("<![")) {
      return dom.createTextNode(LibxmlEntities.decodeText(raw)); // libxml2 reads <!x> as text
    } else if (raw != null && !raw.startsWith("<!--")) {
      return null; // other bogus comments (</ x>, <![CDATA[): libxml2 keeps no comment
    }
    return dom.createComment(data);
  }

  private static String newlines(String s) {
    return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * Whether a source slice can be what jsoup read there: equal outside character references
   * (the text before the first and after the last reference), which catches a shifted range
   * without decoding (jsoup's decoder builds a whole parser per call).
   */
  private static boolean plausible(String raw, String jsoupText) {
    String r = newlines(raw);
    int first = r.indexOf('&');
    if (first < 0) {
      return r.equals(jsoupText);
    }
    if (!jsoupText.startsWith(r.substring(0, first))) {
      return false;
    }
    int last = r.lastIndexOf('&');
    int end = last + 1;
    if (end < r.length() && r.charAt(end) == '#') {
      end++;
    }
    while (end < r.length() && Character.isLetterOrDigit(r.charAt(end))) {
      end++;
    }
    if (end < r.length() && r.charAt(end) == ';') {
      end++;
    }
    String tail = r.substring(end);
    return jsoupText.endsWith(tail) && jsoupText.length() >= first + tail.length() - 1;
  }

  private static String dropLeadingNewline(String raw) {
    if (raw.startsWith("\r\n")) {
      return raw.substring(2);
    }
    return raw.startsWith("\n") || raw.startsWith("\r") ? raw.substring(1) : raw;
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
