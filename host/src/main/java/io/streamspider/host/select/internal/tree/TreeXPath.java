package io.streamspider.host.select.internal.tree;

import java.util.ArrayList;
import java.util.List;
import org.jaxen.BaseXPath;
import org.jaxen.Context;
import org.jaxen.JaxenException;
import org.jaxen.JaxenHandler;
import org.jaxen.XPathSyntaxException;
import org.jaxen.expr.Expr;
import org.jaxen.expr.XPathExpr;
import org.jaxen.saxpath.SAXPathException;
import org.jaxen.saxpath.XPathReader;
import org.jaxen.saxpath.helpers.XPathReaderFactory;

/**
 * A compiled XPath expression over the {@link XNode} tree: Jaxen's parser and functions, with
 * location paths and unions of this package ({@link OrderedXPathFactory}): node sets come in the
 * tree's document order (attributes in source order, as lxml's), and the paths {@link FastPath}
 * covers walk the tree directly.
 */
public final class TreeXPath extends BaseXPath {
  private static final long serialVersionUID = 1L;

  private final XPathExpr expr;
  private final List<PlannedLocationPath> paths;

  public TreeXPath(String expression) throws JaxenException {
    this(expression, true);
  }

  /**
   * @param plans whether location paths may run as direct walks over the tree ({@code false}:
   *     Jaxen's own steps for every path, as a reference for tests)
   */
  public TreeXPath(String expression, boolean plans) throws JaxenException {
    super(expression, TreeNavigator.INSTANCE); // Jaxen's parse: its errors, as before
    OrderedXPathFactory factory = new OrderedXPathFactory(plans);
    JaxenHandler handler = new JaxenHandler();
    handler.setXPathFactory(factory);
    try {
      XPathReader reader = XPathReaderFactory.createReader();
      reader.setXPathHandler(handler);
      reader.parse(expression);
    } catch (org.jaxen.saxpath.XPathSyntaxException e) {
      throw new XPathSyntaxException(e);
    } catch (SAXPathException e) {
      throw new JaxenException(e);
    }
    this.expr = handler.getXPathExpr();
    this.paths = List.copyOf(factory.paths);
  }

  @Override
  public Expr getRootExpr() {
    return expr.getRootExpr();
  }

  @Override
  protected List<?> selectNodesForContext(Context context) throws JaxenException {
    return expr.asList(context);
  }

  @Override
  protected Object selectSingleNodeForContext(Context context) throws JaxenException {
    List<?> nodes = selectNodesForContext(context);
    return nodes.isEmpty() ? null : nodes.get(0);
  }

  @Override
  public String debug() {
    return expr.toString();
  }

  /**
   * How each location path of the expression is evaluated, in the order the parser met them: the
   * compiled walk ({@code fast: } and the plan) or {@code jaxen: } and the path.
   */
  public List<String> plans() {
    List<String> out = new ArrayList<>(paths.size());
    for (PlannedLocationPath p : paths) {
      FastPath f = p.plan();
      out.add(f != null ? "fast: " + f : "jaxen: " + p.getText());
    }
    return out;
  }
}
