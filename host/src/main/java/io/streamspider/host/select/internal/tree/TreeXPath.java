package io.streamspider.host.select.internal.tree;

import org.jaxen.BaseXPath;
import org.jaxen.JaxenException;

/** A compiled XPath expression over the {@link XNode} tree. */
public final class TreeXPath extends BaseXPath {
  private static final long serialVersionUID = 1L;

  public TreeXPath(String expression) throws JaxenException {
    super(expression, TreeNavigator.INSTANCE);
  }
}
