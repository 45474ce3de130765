package io.streamspider.host.select.internal.tree;

import java.util.ArrayList;
import java.util.List;
import org.jaxen.JaxenException;
import org.jaxen.expr.DefaultXPathFactory;
import org.jaxen.expr.Expr;
import org.jaxen.expr.LocationPath;
import org.jaxen.expr.UnionExpr;

/**
 * Jaxen's expression factory with the two node-set producers replaced: location paths and unions
 * sort by the tree's document-order numbers ({@link DocumentOrder}) instead of Jaxen's comparator
 * (which walks parents and siblings per comparison and puts an element's attributes in name order),
 * and a location path that {@link FastPath} can compile runs as a direct walk over the tree. One
 * factory per compiled expression: it remembers the paths it made, for {@link TreeXPath#plans()}.
 */
final class OrderedXPathFactory extends DefaultXPathFactory {
  private final boolean plans;
  final List<PlannedLocationPath> paths = new ArrayList<>();

  /**
   * @param plans whether paths may run as {@link FastPath}s (false: Jaxen's steps only)
   */
  OrderedXPathFactory(boolean plans) {
    this.plans = plans;
  }

  @Override
  public LocationPath createRelativeLocationPath() {
    PlannedLocationPath p = new PlannedLocationPath(false, plans);
    paths.add(p);
    return p;
  }

  @Override
  public LocationPath createAbsoluteLocationPath() {
    PlannedLocationPath p = new PlannedLocationPath(true, plans);
    paths.add(p);
    return p;
  }

  @Override
  public UnionExpr createUnionExpr(Expr lhs, Expr rhs) throws JaxenException {
    return new OrderedUnionExpr(lhs, rhs);
  }
}
