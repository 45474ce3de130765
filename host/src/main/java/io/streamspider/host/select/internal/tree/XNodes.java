package io.streamspider.host.select.internal.tree;

/** Helpers over the tree that need no recursion (pages nest deeper than the Java stack likes). */
final class XNodes {
  private XNodes() {}

  /** Appends the data of every text node below {@code root}, in document order. */
  static void appendText(XParent root, StringBuilder b) {
    XNode n = root.count == 0 ? null : root.children[0];
    while (n != null) {
      if (n instanceof XText t) {
        b.append(t.data());
      } else if (n instanceof XParent p && p.count > 0) {
        n = p.children[0];
        continue;
      }
      XNode next = n.nextSibling();
      while (next == null) {
        n = n.parent;
        if (n == root || n == null) {
          return;
        }
        next = n.nextSibling();
      }
      n = next;
    }
  }
}
