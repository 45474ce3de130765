package io.streamspider.host.select.internal.tree;

import java.util.Comparator;
import java.util.List;

/**
 * Document order by the numbers {@link XDocument#finish()} gives every node: an element, then its
 * attributes in source order, then its children. Namespace nodes (made on demand for the namespace
 * axis) sit between their element and its attributes, in prefix order, as Jaxen orders them.
 */
final class DocumentOrder implements Comparator<Object> {
  static final DocumentOrder INSTANCE = new DocumentOrder();

  private DocumentOrder() {}

  private static long key(XNode n) {
    return n instanceof XNamespace ? 2L * n.parent.order + 1 : 2L * n.order;
  }

  @Override
  public int compare(Object a, Object b) {
    XNode x = (XNode) a;
    XNode y = (XNode) b;
    int c = Long.compare(key(x), key(y));
    if (c == 0 && x instanceof XNamespace nx && y instanceof XNamespace ny) {
      return nx.prefix().compareTo(ny.prefix());
    }
    return c;
  }

  /** Whether the nodes are in document order without duplicates (no namespace nodes). */
  static boolean strictlyOrdered(List<XNode> nodes) {
    int last = Integer.MIN_VALUE;
    for (int i = 0, n = nodes.size(); i < n; i++) {
      XNode x = nodes.get(i);
      if (x instanceof XNamespace || x.order <= last) {
        return false;
      }
      last = x.order;
    }
    return true;
  }

  /** Sorts {@code nodes} in document order and drops repeated nodes (identity). */
  static void sortUnique(List<XNode> nodes) {
    if (strictlyOrdered(nodes)) {
      return;
    }
    nodes.sort(INSTANCE);
    int w = 0;
    for (int i = 0, n = nodes.size(); i < n; i++) {
      XNode x = nodes.get(i);
      if (w > 0 && nodes.get(w - 1) == x) {
        continue;
      }
      nodes.set(w++, x);
    }
    nodes.subList(w, nodes.size()).clear();
  }
}
