package io.streamspider.host.select.internal.tree;

/** An attribute of an {@link XElement}; its {@link #parent()} is the element. */
public final class XAttribute extends XNode {
  private final String qname;
  private final String localName;
  private final String prefix;
  private final String namespaceUri;
  private final String value;
  private final boolean valueless;

  /** An attribute without namespace processing. */
  public XAttribute(String name, String value, boolean valueless) {
    this(name, null, null, null, value, valueless);
  }

  /**
   * @param localName null for a name with no namespace processing (XPath matches the whole name)
   * @param valueless written without a value in the source (the HTML serialiser writes it bare)
   */
  public XAttribute(
      String qname,
      String localName,
      String prefix,
      String namespaceUri,
      String value,
      boolean valueless) {
    this.qname = qname;
    this.localName = localName;
    this.prefix = prefix;
    this.namespaceUri = namespaceUri;
    this.value = value;
    this.valueless = valueless;
  }

  @Override
  public short type() {
    return ATTRIBUTE;
  }

  @Override
  public String name() {
    return qname;
  }

  @Override
  public String value() {
    return value;
  }

  public String localName() {
    return localName != null ? localName : qname;
  }

  public String prefix() {
    return prefix;
  }

  public String namespaceUri() {
    return namespaceUri;
  }

  public boolean valueless() {
    return valueless;
  }

  public XElement owner() {
    return (XElement) parent;
  }

  /** Position among its element's attributes, in source order. */
  public int position() {
    return index;
  }
}
