package io.streamspider.host.select.internal.tree;

/**
 * A node of the selector engine's own read-only tree: what {@link TreeNavigator} lets Jaxen walk
 * and the serialisers write. Built once per page ({@code DomConversion} for HTML, {@code
 * XmlTreeBuilder} for XML), then {@link XDocument#finish() finished}: from then on it does not
 * change, and every node knows its place in document order, so sorting and comparing nodes is an
 * integer comparison.
 *
 * <p>Names and values follow the W3C DOM's conventions where callers rely on them: {@link #name()}
 * is the DOM's {@code nodeName} ({@code #text}, {@code #comment}, {@code #document}, a processing
 * instruction's target), {@link #value()} its {@code nodeValue} (null for elements and documents).
 */
public abstract class XNode {
  public static final short ELEMENT = 1;
  public static final short ATTRIBUTE = 2;
  public static final short TEXT = 3;
  public static final short PROCESSING_INSTRUCTION = 7;
  public static final short COMMENT = 8;
  public static final short DOCUMENT = 9;
  public static final short NAMESPACE = 13;

  /**
   * The parent; for an attribute its element, for a namespace node the element it is in scope of.
   */
  XParent parent;

  /** Index in the parent's children (or attributes); -1 while detached. */
  int index = -1;

  /** Place in document order, set by {@link XDocument#finish()}. */
  int order;

  XNode() {}

  /** One of the constants above (the DOM's node type numbers). */
  public abstract short type();

  /** The DOM's {@code nodeName}. */
  public abstract String name();

  /** The DOM's {@code nodeValue}: null for elements and documents. */
  public abstract String value();

  public final XParent parent() {
    return parent;
  }

  /** The document this node belongs to (itself for a document), or null while detached. */
  public XDocument document() {
    XNode n = this;
    while (n.parent != null) {
      n = n.parent;
    }
    return n instanceof XDocument d ? d : null;
  }

  /** Place in document order: an element before its attributes, they before its children. */
  public final int order() {
    return order;
  }

  /** The next child of the same parent; null for the last one, attributes and namespace nodes. */
  public XNode nextSibling() {
    if (parent == null || index < 0 || type() == ATTRIBUTE || type() == NAMESPACE) {
      return null;
    }
    int i = index + 1;
    return i < parent.count ? parent.children[i] : null;
  }

  /** The previous child of the same parent; null for the first one and for non-children. */
  public XNode previousSibling() {
    if (parent == null || index <= 0 || type() == ATTRIBUTE || type() == NAMESPACE) {
      return null;
    }
    return parent.children[index - 1];
  }

  public int childCount() {
    return 0;
  }

  public XNode child(int i) {
    throw new IndexOutOfBoundsException(i);
  }

  public final XNode firstChild() {
    return childCount() == 0 ? null : child(0);
  }

  public final XNode lastChild() {
    int n = childCount();
    return n == 0 ? null : child(n - 1);
  }
}
