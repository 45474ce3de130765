package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Forms as libxml2 builds them: a form start tag inside a form (HTML5 ignores it) closes the open
 * form and starts a new one, and a form in a table holds the rows up to its end tag. Part of {@link
 * LxmlTreeBuilder}.
 */
final class FormsInLibxml {
  private final SourceTree t;

  FormsInLibxml(SourceTree t) {
    this.t = t;
  }

  /** HTML5 keeps a form in a table empty; libxml2 lets it hold the rows up to its end tag. */
  void growFormInTable(Element form) {
    Element parent = form.parent();
    if (parent == null || form.childNodeSize() > 0) {
      return;
    }
    String p = t.name(parent);
    if (!(p.equals("table")
        || p.equals("tbody")
        || p.equals("thead")
        || p.equals("tfoot")
        || p.equals("tr"))) {
      return;
    }
    int end = t.indexOfEndTag("form", t.startEnd(form));
    List<Node> move = new ArrayList<>();
    for (Node s = form.nextSibling(); s != null; s = s.nextSibling()) {
      int st = t.start(s);
      if (st < 0 || st >= end) {
        break;
      }
      move.add(s);
    }
    for (Node n : move) {
      form.appendChild(n);
    }
  }

  /**
   * HTML5 ignores a form start tag inside a form; libxml2 closes the open form (when it is the
   * current element) and starts a new one. Find such ignored tags in the source and rebuild the
   * form.
   */
  void reopenIgnoredForms(Document doc) {
    if (nextFormStart(0) < 0) {
      return;
    }
    Set<Integer> kept = new HashSet<>();
    for (Element e : t.allElements(doc)) {
      if (e.normalName().equals("form") && t.explicitStart(e) && !t.isOriginal(e)) {
        kept.add(t.tagStart(e));
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
    for (Element e : t.allElements(doc)) {
      if (t.explicitStart(e) && !t.isOriginal(e)) {
        opaque.add(new int[] {t.tagStart(e) + 1, t.startEnd(e)});
      }
      for (Node c : e.childNodes()) {
        if (!(c instanceof Element) && t.tracked(c)) {
          opaque.add(new int[] {t.start(c), t.startEnd(c)});
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
    int last = t.src.length() - 6; // "<form" and the character after it
    for (int i = t.src.indexOf('<', from); i >= 0 && i <= last; i = t.src.indexOf('<', i + 1)) {
      if ((t.src.charAt(i + 1) | 0x20) == 'f'
          && (t.src.charAt(i + 2) | 0x20) == 'o'
          && (t.src.charAt(i + 3) | 0x20) == 'r'
          && (t.src.charAt(i + 4) | 0x20) == 'm') {
        char c = t.src.charAt(i + 5);
        if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '/'
            || c == '>') {
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
    String tagSource = t.src.substring(q, Math.min(t.src.length(), q + 8192));
    PositionParser.Parsed tagDoc = PositionParser.parse(tagSource);
    Element tag = tagDoc.doc.selectFirst("form");
    if (tag == null) {
      return;
    }
    int tagEnd = q + new SourceTree(tagSource, tagDoc.offsets).startEnd(tag);
    Element form = new Element("form");
    for (Attribute a : tag.attributes()) {
      form.attr(a.getKey(), a.getValue());
    }
    t.names.put(form, "form");
    Element closedTop = null;
    Element cur = deepest;
    while (cur != null && cur.parent() != null && LibxmlTables.startCloses("form", t.name(cur))) {
      closedTop = cur;
      cur = cur.parent();
    }
    int end = t.indexOfEndTag("form", tagEnd);
    List<Node> move = new ArrayList<>();
    if (closedTop == null) {
      for (Node c : deepest.childNodes()) {
        if (t.start(c) >= tagEnd && t.start(c) < end) {
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
          if (t.start(c) >= tagEnd && !move.contains(c)) {
            move.add(c);
          }
        }
        if (e == closedTop) {
          break;
        }
      }
      for (Node s = closedTop.nextSibling(); s != null; s = s.nextSibling()) {
        if (t.start(s) < 0 || t.start(s) >= end) {
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
    if (!t.tracked(e) || t.isOriginal(e) || t.startEnd(e) > pos) {
      return false;
    }
    return !t.endTracked(e)
        || pos < t.endTagStart(e)
        || (t.endImplicit(e) && pos <= t.endTagStart(e));
  }
}
