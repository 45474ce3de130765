package io.streamspider.host.select.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What the DOM forgets about attributes and lxml keeps: their source order (the DOM sorts them by
 * name) and which were written without a value. One per document, kept on the document node.
 */
final class AttributeOrder {
  private static final String KEY = "streamspider.attributes";

  private final Map<Element, String[]> order = new IdentityHashMap<>();
  private final Map<Element, Set<String>> valueless = new IdentityHashMap<>();

  static AttributeOrder attach(Document dom) {
    AttributeOrder a = new AttributeOrder();
    dom.setUserData(KEY, a, null);
    return a;
  }

  /** The order kept for {@code n}'s document, or null for a document built elsewhere. */
  static AttributeOrder of(Node n) {
    Document d = n.getNodeType() == Node.DOCUMENT_NODE ? (Document) n : n.getOwnerDocument();
    return d == null ? null : (AttributeOrder) d.getUserData(KEY);
  }

  void put(Element e, String[] names, Set<String> withoutValue) {
    order.put(e, names);
    if (withoutValue != null) {
      valueless.put(e, withoutValue);
    }
  }

  /** Takes over what another document knew, for nodes adopted from it. */
  void addAll(AttributeOrder other) {
    order.putAll(other.order);
    valueless.putAll(other.valueless);
  }

  String[] order(Element e) {
    return order.get(e);
  }

  /**
   * {@code e}'s attribute names in source order: as kept, else the DOM's order ({@code kept} may be
   * null).
   */
  static String[] names(AttributeOrder kept, Element e) {
    String[] names = kept == null ? null : kept.order(e);
    if (names != null) {
      return names;
    }
    NamedNodeMap map = e.getAttributes();
    names = new String[map.getLength()];
    for (int i = 0; i < names.length; i++) {
      names[i] = map.item(i).getNodeName();
    }
    return names;
  }

  boolean valueless(Element e, String name) {
    Set<String> s = valueless.get(e);
    return s != null && s.contains(name);
  }
}
