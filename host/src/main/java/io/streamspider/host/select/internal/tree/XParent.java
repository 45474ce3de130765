package io.streamspider.host.select.internal.tree;

import java.util.Arrays;

/** A node with children: a document or an element. */
public abstract class XParent extends XNode {
  private static final XNode[] NONE = new XNode[0];

  XNode[] children = NONE;
  int count;

  XParent() {}

  @Override
  public final int childCount() {
    return count;
  }

  @Override
  public final XNode child(int i) {
    if (i >= count) {
      throw new IndexOutOfBoundsException(i);
    }
    return children[i];
  }

  /** Appends {@code n}, taking it from its current parent if it has one (while building). */
  public final void append(XNode n) {
    if (n.parent != null) {
      n.parent.remove(n);
    }
    if (count == children.length) {
      children = Arrays.copyOf(children, Math.max(4, count * 2));
    }
    n.parent = this;
    n.index = count;
    children[count++] = n;
  }

  private void remove(XNode n) {
    int i = n.index;
    System.arraycopy(children, i + 1, children, i, count - i - 1);
    children[--count] = null;
    for (int j = i; j < count; j++) {
      children[j].index = j;
    }
    n.parent = null;
    n.index = -1;
  }

  /** Moves all children of {@code from} to the end of this node's (while building). */
  public final void appendChildrenOf(XParent from) {
    for (int i = 0; i < from.count; i++) {
      XNode n = from.children[i];
      if (count == children.length) {
        children = Arrays.copyOf(children, Math.max(4, count * 2));
      }
      n.parent = this;
      n.index = count;
      children[count++] = n;
      from.children[i] = null;
    }
    from.count = 0;
  }

  /**
   * The text of the descendant text nodes, in order: the DOM's {@code textContent} and XPath's
   * string value of an element.
   */
  public final String textContent() {
    if (count == 1 && children[0] instanceof XText t) {
      return t.data();
    }
    StringBuilder b = new StringBuilder();
    XNodes.appendText(this, b);
    return b.toString();
  }

  void trim() {
    if (children.length != count) {
      children = count == 0 ? NONE : Arrays.copyOf(children, count);
    }
  }
}
