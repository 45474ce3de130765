package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The document's outline as libxml2 builds it: comments after {@code </body>} and {@code </html>},
 * a head implied only by head elements, a {@code p} for text before the body, no empty implied head
 * or body, and what a discarded second body tag does (it closes a {@code p}, and the end tag it
 * makes libxml2 ignore). Part of {@link LxmlTreeBuilder}.
 */
final class HtmlSkeleton {
  private final SourceTree t;

  HtmlSkeleton(SourceTree t) {
    this.t = t;
  }

  /**
   * libxml2 discards a body start tag while a body is open, and then also ignores the next end tag
   * of html, body or head: when that is {@code </body>}, what follows it up to {@code </html>}
   * stays in the body; when it is {@code </html>}, all that follows (jsoup puts the white space and
   * comments there into html).
   */
  void bodyEndAfterDiscardedBodyTag(Element html) {
    Element body = body(html);
    int laterBody = t.laterBodyTag();
    if (body == null || laterBody < 0) {
      return;
    }
    int bodyEnd = t.explicitEnd(body) ? t.endTagStart(body) : Integer.MAX_VALUE;
    int htmlEnd = t.explicitEnd(html) ? t.endTagStart(html) : Integer.MAX_VALUE;
    int limit;
    if (bodyEnd > laterBody && bodyEnd < htmlEnd && !endTagBetween(laterBody, bodyEnd, "html")) {
      bodyEndIgnored = true;
      limit = htmlEnd;
    } else if (htmlEnd > laterBody
        && htmlEnd < Integer.MAX_VALUE
        && bodyEnd == Integer.MAX_VALUE
        && !endTagBetween(laterBody, htmlEnd, "body")) {
      htmlEndIgnored = true;
      limit = Integer.MAX_VALUE;
    } else {
      return;
    }
    int from = Math.min(bodyEnd, htmlEnd);
    List<Node> move = new ArrayList<>();
    for (Node s = body.nextSibling(); s != null; s = s.nextSibling()) {
      if (!(s instanceof TextNode || s instanceof Comment) || t.start(s) < from) {
        return; // not what jsoup puts after the end tag: leave the tree as it is
      }
      if (t.start(s) < limit) {
        move.add(s);
      }
    }
    for (Node s = html.nextSibling(); htmlEndIgnored && s != null; s = s.nextSibling()) {
      if (s instanceof TextNode || s instanceof Comment) {
        move.add(s); // jsoup puts white space and comments after </html> into the document
      }
    }
    for (Node n : move) {
      insertInOrder(body, n);
    }
  }

  /** Adds {@code n} to the end of {@code parent}, before children that come after it. */
  private void insertInOrder(Element parent, Node n) {
    Node before = null;
    for (int k = parent.childNodeSize() - 1; k >= 0; k--) {
      Node c = parent.childNode(k);
      if (t.start(c) <= t.start(n)) {
        break;
      }
      before = c;
    }
    if (before != null) {
      before.before(n);
    } else {
      parent.appendChild(n);
    }
  }

  /**
   * A body start tag that libxml2 discards (a body is open) still closes a {@code p} that is the
   * current element there: what follows it in the p goes after the p (jsoup keeps it inside).
   */
  void discardedBodyTagClosesParagraph(List<Element> all) {
    int at = t.laterBodyTag();
    if (at < 0) {
      return;
    }
    paragraphs:
    for (Element p : all) {
      if (!t.name(p).equals("p") || t.start(p) < 0 || t.start(p) >= at) {
        continue;
      }
      List<Node> after = new ArrayList<>();
      for (Node c : p.childNodes()) {
        int start = t.start(c);
        if (start > at) {
          after.add(c);
        } else if (c instanceof Element e && (!t.endTracked(e) || t.endTagEnd(e) > at)) {
          continue paragraphs; // another element is open there: libxml2 only closes the current
        }
      }
      if (after.isEmpty()) {
        continue;
      }
      Collections.reverse(after);
      for (Node n : after) {
        p.after(n);
      }
      return;
    }
  }

  private boolean bodyEndIgnored;
  private boolean htmlEndIgnored;

  /**
   * Whether libxml2 closes html at its end tag: not when a discarded html or body start tag made it
   * ignore the next end tag and that was not {@code </body>}.
   */
  boolean htmlEndHonoured() {
    return t.laterHtmlTag() < 0 && (t.laterBodyTag() < 0 || bodyEndIgnored);
  }

  /** Whether the source holds an end tag of head or {@code other} in {@code [from, to)}. */
  private boolean endTagBetween(int from, int to, String other) {
    for (String tag : new String[] {other, "head"}) {
      int at = t.indexOfEndTag(tag, from);
      while (at < to) {
        int after = at + 2 + tag.length();
        String src = t.src;
        if (after >= src.length() || !Character.isLetterOrDigit(src.charAt(after))) {
          return true;
        }
        at = t.indexOfEndTag(tag, at + 1);
      }
    }
    return false;
  }

  private static Element body(Element html) {
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("body")) {
        body = c;
      }
    }
    return body;
  }

  /**
   * A comment after {@code </body>} belongs to html, after {@code </html>} to the document (jsoup
   * keeps some of them in the body).
   */
  void commentsAfterEndTags(Document doc, Element html) {
    int htmlEnd = t.explicitEnd(html) && !htmlEndIgnored ? t.endTagStart(html) : Integer.MAX_VALUE;
    Element body = body(html);
    int bodyEnd =
        body != null && t.explicitEnd(body) && !bodyEndIgnored
            ? t.endTagStart(body)
            : Integer.MAX_VALUE;
    if (t.lastCommentStart < Math.min(htmlEnd, bodyEnd)) {
      return; // no comment after either end tag: no need to look at every node
    }
    List<Comment> comments = new ArrayList<>();
    for (Element e : t.allElements(html)) {
      for (Node c : e.childNodes()) {
        if (c instanceof Comment && t.start(c) >= Math.min(htmlEnd, bodyEnd)) {
          comments.add((Comment) c);
        }
      }
    }
    for (Comment c : comments) {
      c.remove();
      if (t.start(c) >= htmlEnd) {
        doc.appendChild(c);
      } else {
        html.appendChild(c);
      }
    }
  }

  /**
   * libxml2 implies a head only for script, style, meta, link, title and base; HTML5 also puts
   * noscript, template and the like there. Move the first such element, and all after it, to the
   * body.
   */
  void headOnlyForHeadElements(Element html) {
    Element head = null;
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("head")) {
        head = c;
      } else if (c.normalName().equals("body")) {
        body = c;
      }
    }
    if (head == null || body == null || t.explicitStart(head)) {
      return;
    }
    Node first = null;
    for (Element c : head.children()) {
      if (!HEAD_IMPLIERS.contains(t.name(c))) {
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
  void impliedParagraph(Element html) {
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("body")) {
        body = c;
      }
    }
    if (body == null || t.explicitStart(body)) {
      return;
    }
    Node first = null;
    for (Node c : body.childNodes()) {
      if (c instanceof Comment) {
        continue;
      }
      if (c instanceof TextNode && isLibxmlBlank(t.textOf((TextNode) c, "body"))) {
        continue;
      }
      first = c;
      break;
    }
    if (!(first instanceof TextNode)) {
      return;
    }
    // a body start tag libxml2 discards (a body is open) still closes the p
    int laterBody = t.laterBodyTag();
    List<Node> wrap = new ArrayList<>();
    for (Node s = first; s != null; s = s.nextSibling()) {
      if (s instanceof Element && LibxmlTables.startCloses(t.name((Element) s), "p")) {
        break;
      }
      if (laterBody >= 0 && t.start(s) > laterBody) {
        break;
      }
      wrap.add(s);
    }
    Element p = new Element("p");
    first.before(p);
    for (Node n : wrap) {
      p.appendChild(n);
    }
    t.names.put(p, "p");
  }

  /** libxml2's areBlanks: only space, tab, CR and LF (and nothing at all) are blank. */
  static boolean isLibxmlBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  void dropEmptyImplied(Element html) {
    for (Element c : new ArrayList<>(html.children())) {
      String n = c.normalName();
      if ((n.equals("head") || n.equals("body"))
          && !t.explicitStart(c)
          && c.childNodeSize() == 0
          && !c.attributes().iterator().hasNext()) {
        c.remove();
      }
    }
  }
}
