package io.streamspider.host.select.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Nodes HTML5 foster-parented out of a table, put back where the source had them (libxml2 does not
 * foster-parent). Part of {@link LxmlTreeBuilder}.
 */
final class FosterParenting {
  private final SourceTree t;

  FosterParenting(SourceTree t) {
    this.t = t;
  }

  /** Puts back into the table what HTML5 foster-parented in front of it. */
  void unfoster(Element table) {
    int tableStart = t.start(table);
    List<Node> fostered = new ArrayList<>();
    Node prev = table.previousSibling();
    while (prev != null && t.start(prev) > tableStart) {
      fostered.add(prev);
      prev = prev.previousSibling();
    }
    Collections.reverse(fostered);
    for (Node n : fostered) {
      int pos = t.start(n);
      Element container = table;
      while (true) {
        Element inner = null;
        for (Element c : container.children()) {
          if (!t.explicitStart(c) || !t.endTracked(c)) {
            continue;
          }
          if (t.startEnd(c) <= pos && pos < t.endTagStart(c)) {
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
        if (t.start(c) > pos) {
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
}
