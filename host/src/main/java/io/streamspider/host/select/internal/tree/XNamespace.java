package io.streamspider.host.select.internal.tree;

import java.util.Objects;

/**
 * A namespace node of XPath's namespace axis, made on demand by {@link TreeNavigator}: a prefix
 * (empty for a default namespace) and its URI in scope of an element. Equal when element, prefix
 * and URI are: a union of two namespace steps keeps one of each.
 */
public final class XNamespace extends XNode {
  private final String prefix;
  private final String uri;

  XNamespace(XElement element, String prefix, String uri) {
    this.parent = element;
    this.prefix = prefix == null ? "" : prefix;
    this.uri = uri;
    this.order = element.order;
  }

  @Override
  public short type() {
    return NAMESPACE;
  }

  /** The prefix, as the DOM adapter Jaxen had named namespace nodes. */
  @Override
  public String name() {
    return prefix;
  }

  @Override
  public String value() {
    return uri;
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof XNamespace n
            && n.parent == parent
            && n.prefix.equals(prefix)
            && Objects.equals(n.uri, uri));
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(parent) + prefix.hashCode() + Objects.hashCode(uri);
  }
}
