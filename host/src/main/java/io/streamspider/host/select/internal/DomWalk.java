package io.streamspider.host.select.internal;

import io.streamspider.host.select.internal.tree.XNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a subtree of the engine's tree in document order without recursion: pages and documents can
 * nest deeper than the Java stack likes. The serialisers ({@link LxmlSerializer}, {@link
 * XmlSerializer}) say what to write on the way in and out.
 */
final class DomWalk {
  /** What a walk does at each node. */
  interface Visitor {
    /** Called on the way in; true to walk {@code n}'s children and then call {@link #leave}. */
    boolean enter(XNode n);

    /** Called after the children of a node whose {@link #enter} returned true. */
    void leave(XNode n);
  }

  /** Marks where a node's children end on the stack. */
  private record Leave(XNode node) {}

  private DomWalk() {}

  static void walk(XNode root, Visitor visitor) {
    List<Object> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      Object top = stack.remove(stack.size() - 1);
      if (top instanceof Leave leave) {
        visitor.leave(leave.node());
        continue;
      }
      XNode n = (XNode) top;
      if (visitor.enter(n)) {
        stack.add(new Leave(n));
        for (int i = n.childCount() - 1; i >= 0; i--) {
          stack.add(n.child(i));
        }
      }
    }
  }
}
