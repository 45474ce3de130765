package io.streamspider.host.select.internal.tree;

import java.util.HashMap;
import java.util.Map;

/** The document node: its children (comments, processing instructions, one root element). */
public final class XDocument extends XParent {
  private final boolean xml;
  private Map<String, XElement> ids;
  private int size;

  /**
   * @param xml whether the document is XML ({@code XmlTreeBuilder}: serialised as XML) rather than
   *     HTML
   */
  public XDocument(boolean xml) {
    this.xml = xml;
  }

  @Override
  public short type() {
    return DOCUMENT;
  }

  @Override
  public String name() {
    return "#document";
  }

  @Override
  public String value() {
    return null;
  }

  @Override
  public XDocument document() {
    return this;
  }

  public boolean isXml() {
    return xml;
  }

  /** The root element, or null. */
  public XElement documentElement() {
    for (int i = 0; i < count; i++) {
      if (children[i] instanceof XElement e) {
        return e;
      }
    }
    return null;
  }

  /** Makes {@code e} what XPath's {@code id(value)} finds (while building; the first one wins). */
  public void registerId(String value, XElement e) {
    if (ids == null) {
      ids = new HashMap<>();
    }
    ids.putIfAbsent(value, e);
  }

  /** The element registered for {@code id}, or null. */
  public XElement elementById(String id) {
    return ids == null ? null : ids.get(id);
  }

  /** How many nodes (attributes included) the finished document holds. */
  public int size() {
    return size;
  }

  /**
   * Ends the building: numbers every node in document order (an element, then its attributes, then
   * its children) and trims the arrays. Nothing may change the tree afterwards.
   */
  public XDocument finish() {
    int n = 0;
    order = n++;
    trim();
    XNode node = count == 0 ? null : children[0];
    while (node != null) {
      node.order = n++;
      if (node instanceof XElement e) {
        e.trim();
        for (int i = 0; i < e.attributeCount; i++) {
          e.attributes[i].order = n++;
        }
        if (e.count > 0) {
          node = e.children[0];
          continue;
        }
      }
      // the next node in document order after a subtree: a following sibling of it or an ancestor
      XNode next = node.nextSibling();
      while (next == null) {
        node = node.parent;
        if (node == null || node == this) {
          break;
        }
        next = node.nextSibling();
      }
      node = next;
    }
    size = n;
    return this;
  }
}
