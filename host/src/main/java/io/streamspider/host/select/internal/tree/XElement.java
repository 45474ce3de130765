package io.streamspider.host.select.internal.tree;

import java.util.Arrays;
import java.util.List;

/**
 * An element: a name (with its local part, prefix and namespace when the document has namespaces),
 * attributes in source order, children.
 */
public final class XElement extends XParent {
  private static final XAttribute[] NO_ATTRIBUTES = new XAttribute[0];

  private final String qname;
  private final String localName;
  private final String prefix;
  private final String namespaceUri;
  XAttribute[] attributes = NO_ATTRIBUTES;
  int attributeCount;
  private List<String[]> declarations = List.of();

  /** An element without namespace: its name is its local name (as an HTML element). */
  public XElement(String name) {
    this(name, null, null, null);
  }

  /**
   * @param qname the name as written ({@code prefix:local} or {@code local})
   * @param localName the part after the prefix; null for a name with no namespace processing (then
   *     XPath matches the whole {@code qname})
   * @param prefix the prefix, or null
   * @param namespaceUri the namespace, or null
   */
  public XElement(String qname, String localName, String prefix, String namespaceUri) {
    this.qname = qname;
    this.localName = localName;
    this.prefix = prefix;
    this.namespaceUri = namespaceUri;
  }

  @Override
  public short type() {
    return ELEMENT;
  }

  @Override
  public String name() {
    return qname;
  }

  @Override
  public String value() {
    return null;
  }

  /** The local name, or the whole name when the element has no namespace processing. */
  public String localName() {
    return localName != null ? localName : qname;
  }

  public String prefix() {
    return prefix;
  }

  /** The namespace, or null. */
  public String namespaceUri() {
    return namespaceUri;
  }

  /** Adds an attribute after the others (while building). */
  public void addAttribute(XAttribute a) {
    if (attributeCount == attributes.length) {
      attributes = Arrays.copyOf(attributes, Math.max(2, attributeCount * 2));
    }
    a.parent = this;
    a.index = attributeCount;
    attributes[attributeCount++] = a;
  }

  public int attributeCount() {
    return attributeCount;
  }

  /** The {@code i}th attribute in source order. */
  public XAttribute attribute(int i) {
    if (i >= attributeCount) {
      throw new IndexOutOfBoundsException(i);
    }
    return attributes[i];
  }

  /** The attribute whose name (as written) is {@code qname}, or null. */
  public XAttribute attribute(String qname) {
    for (int i = 0; i < attributeCount; i++) {
      if (attributes[i].name().equals(qname)) {
        return attributes[i];
      }
    }
    return null;
  }

  public boolean hasAttribute(String qname) {
    return attribute(qname) != null;
  }

  /** The value of attribute {@code qname}, or "" (as the DOM's {@code getAttribute}). */
  public String getAttribute(String qname) {
    XAttribute a = attribute(qname);
    return a == null ? "" : a.value();
  }

  /** Namespace declarations written on this element in an XML source: {prefix or "", uri}. */
  public List<String[]> declarations() {
    return declarations;
  }

  public void setDeclarations(List<String[]> declarations) {
    this.declarations = List.copyOf(declarations);
  }

  @Override
  void trim() {
    super.trim();
    if (attributes.length != attributeCount) {
      attributes = attributeCount == 0 ? NO_ATTRIBUTES : Arrays.copyOf(attributes, attributeCount);
    }
  }
}
