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
 * or body. Part of {@link LxmlTreeBuilder}.
 */
final class HtmlSkeleton {
  private final SourceTree t;

  HtmlSkeleton(SourceTree t) {
    this.t = t;
  }

  /**
   * A comment after {@code </body>} belongs to html, after {@code </html>} to the document (jsoup
   * keeps some of them in the body).
   */
  void commentsAfterEndTags(Document doc, Element html) {
    int htmlEnd = t.explicitEnd(html) ? t.endTagStart(html) : Integer.MAX_VALUE;
    Element body = null;
    for (Element c : html.children()) {
      if (c.normalName().equals("body")) {
        body = c;
      }
    }
    int bodyEnd = body != null && t.explicitEnd(body) ? t.endTagStart(body) : Integer.MAX_VALUE;
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
    List<Node> wrap = new ArrayList<>();
    for (Node s = first; s != null; s = s.nextSibling()) {
      if (s instanceof Element && LibxmlTables.startCloses(t.name((Element) s), "p")) {
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
  private static boolean isLibxmlBlank(String s) {
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
