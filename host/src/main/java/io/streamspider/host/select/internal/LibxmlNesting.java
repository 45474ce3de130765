package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Which start tag closes which open element, as libxml2's tables say rather than HTML5: a start tag
 * libxml2 lets close the current element is hoisted out of it, and an element HTML5 closed but
 * libxml2 keeps open takes the elements that follow it back in. Part of {@link LxmlTreeBuilder}.
 */
final class LibxmlNesting {
  private final SourceTree t;

  LibxmlNesting(SourceTree t) {
    this.t = t;
  }

  /** A start tag libxml2 lets close the current element: hoist it (and what follows) out. */
  void hoist(Element x) {
    if (!t.explicitStart(x) || x.parent() == null) {
      return;
    }
    String xn = t.name(x);
    Element c = x.parent();
    while (c != null
        && c.parent() != null
        && isOrdinary(c)
        && LibxmlTables.startCloses(xn, t.name(c))
        && onlyClosedBefore(x)
        && !holderBefore(x)) {
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
    return prev == null || t.explicitEnd(prev) || t.endTagStart(prev) < t.start(x);
  }

  private boolean isOrdinary(Element c) {
    String n = t.name(c);
    return !(n.equals("html") || n.equals("body") || n.equals("head"));
  }

  /**
   * HTML5 closed {@code e} at {@code xs}. A formatting element HTML5 re-opened afterwards shares
   * its recorded positions with the copy (the copy's start and end): the last child of an element
   * closed at {@code xs} was open until then, and libxml2 keeps it open up to the copy's end.
   */
  private boolean closedBy(Element e, int xs) {
    return t.closedAt(e, xs) || (t.isOriginal(e) && t.endTagStart(e) > xs);
  }

  /**
   * HTML5 closed the element before {@code x} because {@code x} started; libxml2 only closes the
   * current element when its table says so. Move {@code x} into what libxml2 still has open.
   */
  void sink(Element x) {
    if (!t.explicitStart(x)) {
      return;
    }
    Node prevNode = x.previousSibling();
    if (!(prevNode instanceof Element)) {
      return;
    }
    Element p = (Element) prevNode;
    int xs = t.start(x);
    if (!t.closedAt(p, xs) || !isOrdinary(p)) {
      return;
    }
    Element deepest = p;
    while (true) {
      int size = deepest.childNodeSize();
      Node last = size == 0 ? null : deepest.childNode(size - 1);
      if (last instanceof Element && closedBy((Element) last, xs)) {
        deepest = (Element) last;
      } else {
        break;
      }
    }
    String xn = t.name(x);
    Element open = deepest;
    // an element libxml2 does not know as empty (wbr, track...) is the current one there: x does
    // not close it, and what goes into its parent after it ends up inside it (DomConversion)
    boolean holder = holdsFollowers(deepest);
    while (!holder && open != p.parent() && LibxmlTables.startCloses(xn, t.name(open))) {
      open = open.parent();
    }
    if (open == p.parent() || LibxmlTables.VOID.contains(t.name(open))) {
      return;
    }
    // absorb what follows until the open element's own end tag, which sits between siblings, then
    // into the elements around it up to p, each until its own end tag
    List<Node> move = new ArrayList<>();
    List<Element> into = new ArrayList<>();
    move.add(x);
    into.add(open);
    Element target = open;
    int cursor = t.endOf(x);
    for (Node s = x.nextSibling(); s != null; s = s.nextSibling()) {
      int st = t.start(s);
      if (st < 0 || cursor < 0) {
        break;
      }
      while (target != p.parent() && closedBefore(target, s, st, cursor)) {
        target = target.parent();
      }
      if (target == p.parent()) {
        break;
      }
      move.add(s);
      into.add(target);
      cursor = t.endOf(s);
    }
    for (int i = 0; i < move.size(); i++) {
      into.get(i).appendChild(move.get(i));
    }
  }

  /** A child of {@code e} is an element libxml2 keeps open, which holds what follows it. */
  private boolean holdsFollowers(Element e) {
    for (Element c : e.children()) {
      if (isHolder(c)) {
        return true;
      }
    }
    return false;
  }

  /** An element before {@code x} among its siblings holds {@code x} in libxml2's tree. */
  private boolean holderBefore(Element x) {
    for (Element s = x.previousElementSibling(); s != null; s = s.previousElementSibling()) {
      if (isHolder(s)) {
        return true;
      }
    }
    return false;
  }

  /** Not empty for libxml2 (wbr, track...), written as a start tag: it holds what follows it. */
  private boolean isHolder(Element c) {
    return LibxmlTables.OPEN_IN_LIBXML.contains(t.name(c))
        && t.explicitStart(c)
        && c.childNodeSize() == 0
        && !t.src.startsWith("/>", t.startEnd(c) - 2);
  }

  /** libxml2 closed {@code open} before {@code s}: by its end tag, or by {@code s}'s start tag. */
  private boolean closedBefore(Element open, Node s, int st, int cursor) {
    String openName = t.name(open);
    if (t.indexOfEndTag(openName, cursor) < st) {
      return true;
    }
    return s instanceof Element
        && t.explicitStart((Element) s)
        && LibxmlTables.startCloses(t.name((Element) s), openName);
  }
}
