package io.streamspider.host.select.internal.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.xml.XMLConstants;
import org.jaxen.DefaultNavigator;
import org.jaxen.XPath;
import org.jaxen.saxpath.SAXPathException;

/**
 * Jaxen's view of the {@link XNode} tree. The axes walk the arrays directly; they are the ones
 * Jaxen's W3C DOM adapter gave before this tree replaced the DOM (nothing on the following axis of
 * an attribute; the preceding axis is Jaxen's own; namespace nodes from {@code xmlns} attributes
 * plus {@code xml}), except that attributes come in source order, as lxml gives them, where the DOM
 * sorted them by name.
 */
public final class TreeNavigator extends DefaultNavigator {
  private static final long serialVersionUID = 1L;

  public static final TreeNavigator INSTANCE = new TreeNavigator();

  private TreeNavigator() {}

  // ---- axes

  @Override
  public Iterator<?> getChildAxisIterator(Object context) {
    XNode n = (XNode) context;
    return n.childCount() == 0 ? Collections.emptyIterator() : new Siblings(n.firstChild(), true);
  }

  @Override
  public Iterator<?> getDescendantAxisIterator(Object context) {
    XNode n = (XNode) context;
    return n.childCount() == 0 ? Collections.emptyIterator() : new Descendants(n, false);
  }

  @Override
  public Iterator<?> getDescendantOrSelfAxisIterator(Object context) {
    return new Descendants((XNode) context, true);
  }

  @Override
  public Iterator<?> getParentAxisIterator(Object context) {
    XNode p = ((XNode) context).parent;
    return p == null ? Collections.emptyIterator() : Collections.singletonList(p).iterator();
  }

  @Override
  public Object getParentNode(Object context) {
    return ((XNode) context).parent;
  }

  @Override
  public Iterator<?> getFollowingSiblingAxisIterator(Object context) {
    XNode next = ((XNode) context).nextSibling();
    return next == null ? Collections.emptyIterator() : new Siblings(next, true);
  }

  @Override
  public Iterator<?> getPrecedingSiblingAxisIterator(Object context) {
    XNode previous = ((XNode) context).previousSibling();
    return previous == null ? Collections.emptyIterator() : new Siblings(previous, false);
  }

  /** Following nodes, depth first; none for an attribute (it has no parent as a DOM node). */
  @Override
  public Iterator<?> getFollowingAxisIterator(Object context) {
    XNode start = followingFrom((XNode) context);
    return new Walk(start) {
      @Override
      XNode advance(XNode n) {
        XNode c = n.firstChild();
        if (c == null) {
          c = n.nextSibling();
        }
        return c != null ? c : followingFrom(domParent(n));
      }
    };
  }

  private static XNode followingFrom(XNode n) {
    while (n != null) {
      XNode s = n.nextSibling();
      if (s != null) {
        return s;
      }
      n = domParent(n);
    }
    return null;
  }

  /** The parent as the DOM had it: an attribute had none, a namespace node its element. */
  private static XNode domParent(XNode n) {
    return n.type() == XNode.ATTRIBUTE ? null : n.parent;
  }

  @Override
  public Iterator<?> getAttributeAxisIterator(Object context) {
    if (!(context instanceof XElement e) || e.attributeCount == 0) {
      return Collections.emptyIterator();
    }
    return new Iterator<XAttribute>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < e.attributeCount;
      }

      @Override
      public XAttribute next() {
        if (i >= e.attributeCount) {
          throw new NoSuchElementException();
        }
        return e.attributes[i++];
      }
    };
  }

  /**
   * The namespaces in scope, as Jaxen's DOM adapter found them: the namespace of the element and of
   * each ancestor (their prefix, or none for a default namespace), then of their attributes (in
   * name order), the innermost winning, plus {@code xml}. {@code xmlns} attributes of an HTML page
   * are plain attributes and declare nothing. In the order of a hash map, as the adapter gave them:
   * positional predicates on this axis see that order.
   */
  @Override
  public Iterator<?> getNamespaceAxisIterator(Object context) {
    if (!(context instanceof XElement element)) {
      return Collections.emptyIterator();
    }
    Map<String, XNamespace> map = new HashMap<>();
    for (XNode n = element; n instanceof XElement e; n = n.parent) {
      String uri = e.namespaceUri();
      if (uri != null && !uri.isEmpty()) {
        map.putIfAbsent(e.prefix(), new XNamespace(element, e.prefix(), uri));
      }
      List<XAttribute> inNamespace = null;
      for (int i = 0; i < e.attributeCount; i++) {
        if (e.attributes[i].namespaceUri() != null) {
          if (inNamespace == null) {
            inNamespace = new ArrayList<>(2);
          }
          inNamespace.add(e.attributes[i]);
        }
      }
      if (inNamespace == null) {
        continue;
      }
      inNamespace.sort((a, b) -> a.name().compareTo(b.name())); // the DOM's attribute order
      for (XAttribute a : inNamespace) {
        map.putIfAbsent(a.prefix(), new XNamespace(element, a.prefix(), a.namespaceUri()));
      }
    }
    map.put("xml", new XNamespace(element, "xml", XMLConstants.XML_NS_URI));
    XNamespace defaultNs = map.get("");
    if (defaultNs != null && defaultNs.value().isEmpty()) {
      map.remove("");
    }
    return map.values().iterator();
  }

  @Override
  public XPath parseXPath(String xpath) throws SAXPathException {
    return new TreeXPath(xpath);
  }

  @Override
  public Object getDocumentNode(Object context) {
    return ((XNode) context).document();
  }

  @Override
  public Object getElementById(Object context, String id) {
    XDocument d = ((XNode) context).document();
    return d == null ? null : d.elementById(id);
  }

  @Override
  public String translateNamespacePrefixToUri(String prefix, Object element) {
    Iterator<?> it = getNamespaceAxisIterator(element);
    while (it.hasNext()) {
      XNamespace ns = (XNamespace) it.next();
      if (prefix.equals(ns.prefix())) {
        return ns.value();
      }
    }
    return null;
  }

  // ---- names and values

  /** "" for none: XPath's {@code namespace-uri()} gives a string (the DOM adapter gave null). */
  @Override
  public String getElementNamespaceUri(Object element) {
    String uri = ((XElement) element).namespaceUri();
    return uri == null ? "" : uri;
  }

  @Override
  public String getElementName(Object element) {
    return ((XElement) element).localName();
  }

  @Override
  public String getElementQName(Object element) {
    return ((XElement) element).name();
  }

  @Override
  public String getAttributeNamespaceUri(Object attr) {
    String uri = ((XAttribute) attr).namespaceUri();
    return uri == null ? "" : uri;
  }

  @Override
  public String getAttributeName(Object attr) {
    return ((XAttribute) attr).localName();
  }

  @Override
  public String getAttributeQName(Object attr) {
    return ((XAttribute) attr).name();
  }

  @Override
  public String getProcessingInstructionTarget(Object pi) {
    return ((XProcessingInstruction) pi).name();
  }

  @Override
  public String getProcessingInstructionData(Object pi) {
    return ((XProcessingInstruction) pi).value();
  }

  @Override
  public boolean isDocument(Object o) {
    return o instanceof XDocument;
  }

  @Override
  public boolean isElement(Object o) {
    return o instanceof XElement;
  }

  @Override
  public boolean isAttribute(Object o) {
    return o instanceof XAttribute;
  }

  @Override
  public boolean isNamespace(Object o) {
    return o instanceof XNamespace;
  }

  @Override
  public boolean isComment(Object o) {
    return o instanceof XComment;
  }

  @Override
  public boolean isText(Object o) {
    return o instanceof XText;
  }

  @Override
  public boolean isProcessingInstruction(Object o) {
    return o instanceof XProcessingInstruction;
  }

  @Override
  public String getElementStringValue(Object element) {
    return element instanceof XElement e ? e.textContent() : null;
  }

  @Override
  public String getAttributeStringValue(Object attr) {
    return attr instanceof XAttribute a ? a.value() : null;
  }

  @Override
  public String getNamespaceStringValue(Object ns) {
    return ns instanceof XNamespace n ? n.value() : null;
  }

  @Override
  public String getNamespacePrefix(Object ns) {
    return ns instanceof XNamespace n ? n.prefix() : null;
  }

  @Override
  public String getTextStringValue(Object text) {
    return text instanceof XText t ? t.data() : null;
  }

  @Override
  public String getCommentStringValue(Object comment) {
    return comment instanceof XComment c ? c.value() : null;
  }

  // ---- iterators

  /** Siblings from {@code first}, forwards or backwards. */
  private static final class Siblings implements Iterator<XNode> {
    private XNode next;
    private final boolean forward;

    Siblings(XNode first, boolean forward) {
      this.next = first;
      this.forward = forward;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public XNode next() {
      XNode n = next;
      if (n == null) {
        throw new NoSuchElementException();
      }
      next = forward ? n.nextSibling() : n.previousSibling();
      return n;
    }
  }

  /** The descendants of a node (and the node itself first, if asked) in document order. */
  private static final class Descendants implements Iterator<XNode> {
    private final XNode root;
    private XNode next;

    Descendants(XNode root, boolean self) {
      this.root = root;
      this.next = self ? root : root.firstChild();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public XNode next() {
      XNode n = next;
      if (n == null) {
        throw new NoSuchElementException();
      }
      XNode c = n.firstChild();
      if (c == null && n != root) {
        XNode m = n;
        c = m.nextSibling();
        while (c == null) {
          m = m.parent;
          if (m == root || m == null) {
            break;
          }
          c = m.nextSibling();
        }
      }
      next = c;
      return n;
    }
  }

  /** A walk whose next step {@link #advance} decides. */
  private abstract static class Walk implements Iterator<XNode> {
    private XNode next;

    Walk(XNode first) {
      this.next = first;
    }

    abstract XNode advance(XNode n);

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public XNode next() {
      XNode n = next;
      if (n == null) {
        throw new NoSuchElementException();
      }
      next = advance(n);
      return n;
    }
  }
}
