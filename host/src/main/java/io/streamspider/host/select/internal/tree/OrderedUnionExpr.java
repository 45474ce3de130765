package io.streamspider.host.select.internal.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaxen.Context;
import org.jaxen.JaxenException;
import org.jaxen.XPathSyntaxException;
import org.jaxen.expr.Expr;
import org.jaxen.expr.UnionExpr;

/** {@code a | b} as Jaxen evaluates it, sorted in the tree's document order. */
final class OrderedUnionExpr implements UnionExpr {
  private static final long serialVersionUID = 1L;

  private Expr lhs;
  private Expr rhs;

  OrderedUnionExpr(Expr lhs, Expr rhs) {
    this.lhs = lhs;
    this.rhs = rhs;
  }

  @Override
  public Expr getLHS() {
    return lhs;
  }

  @Override
  public Expr getRHS() {
    return rhs;
  }

  @Override
  public String getOperator() {
    return "|";
  }

  @Override
  public String getText() {
    return "(" + lhs.getText() + " | " + rhs.getText() + ")";
  }

  @Override
  public String toString() {
    return "[(OrderedUnionExpr): " + lhs + ", " + rhs + "]";
  }

  @Override
  public Expr simplify() {
    lhs = lhs.simplify();
    rhs = rhs.simplify();
    return this;
  }

  @Override
  public Object evaluate(Context context) throws JaxenException {
    Object l = lhs.evaluate(context);
    Object r = rhs.evaluate(context);
    if (!(l instanceof List<?> left) || !(r instanceof List<?> right)) {
      throw new XPathSyntaxException(
          getText(), context.getPosition(), "Unions are only allowed over node-sets");
    }
    List<XNode> out = new ArrayList<>(left.size() + right.size());
    for (Object o : left) {
      out.add((XNode) o);
    }
    if (!right.isEmpty()) {
      Set<Object> seen = new HashSet<>(left);
      for (Object o : right) {
        if (seen.add(o)) {
          out.add((XNode) o);
        }
      }
    }
    out.sort(DocumentOrder.INSTANCE);
    return out;
  }
}
