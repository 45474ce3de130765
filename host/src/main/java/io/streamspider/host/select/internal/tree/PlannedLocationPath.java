package io.streamspider.host.select.internal.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import org.jaxen.Context;
import org.jaxen.ContextSupport;
import org.jaxen.JaxenException;
import org.jaxen.expr.Expr;
import org.jaxen.expr.LocationPath;
import org.jaxen.expr.Step;
import org.jaxen.saxpath.Axis;

/**
 * A location path: a {@link FastPath} over the tree when the path is one it can compile, else
 * Jaxen's step-by-step evaluation, the result sorted in the tree's document order (where Jaxen's
 * own path sorts with its comparator).
 */
final class PlannedLocationPath implements LocationPath {
  private static final long serialVersionUID = 1L;

  private final boolean absolute;
  private final boolean plans;
  private final List<Step> steps = new LinkedList<>();

  /** The compiled plan; null until the first evaluation, {@link #NONE} if it cannot compile. */
  private transient volatile Object plan;

  private static final Object NONE = new Object();

  PlannedLocationPath(boolean absolute, boolean plans) {
    this.absolute = absolute;
    this.plans = plans;
  }

  @Override
  public void addStep(Step step) {
    steps.add(step);
  }

  @Override
  public List<Step> getSteps() {
    return steps;
  }

  @Override
  public boolean isAbsolute() {
    return absolute;
  }

  @Override
  public String getText() {
    StringBuilder b = new StringBuilder(absolute ? "/" : "");
    for (Iterator<Step> it = steps.iterator(); it.hasNext(); ) {
      b.append(it.next().getText());
      if (it.hasNext()) {
        b.append('/');
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "[(PlannedLocationPath): " + getText() + "]";
  }

  @Override
  public Expr simplify() {
    for (Step s : steps) {
      s.simplify();
    }
    return this;
  }

  /** The compiled plan, or null when Jaxen evaluates this path. */
  FastPath plan() {
    Object p = plan;
    if (p == null) {
      FastPath f = plans ? FastPath.compile(this) : null;
      p = f == null ? NONE : f;
      plan = p;
    }
    return p == NONE ? null : (FastPath) p;
  }

  @Override
  public Object evaluate(Context context) throws JaxenException {
    List<?> nodeSet = context.getNodeSet();
    FastPath fast = plan();
    if (fast != null) {
      return fast.evaluate(nodeSet, context.getContextSupport());
    }
    ContextSupport support = context.getContextSupport();
    if (absolute) {
      if (nodeSet.isEmpty()) {
        return Collections.emptyList();
      }
      Object doc = support.getNavigator().getDocumentNode(nodeSet.get(0));
      if (doc == null) {
        return Collections.emptyList();
      }
      nodeSet = List.of(doc);
    }
    int contextSize = nodeSet.size();
    List<?> current = new ArrayList<>(nodeSet);
    for (Step step : steps) {
      Context stepContext = new Context(support);
      stepContext.setNodeSet(current);
      current = step.evaluate(stepContext);
      if (isReverseAxis(step)) {
        Collections.reverse(current);
      }
    }
    if (steps.size() > 1 || contextSize > 1) {
      List<Object> sorted = new ArrayList<>(current);
      sorted.sort(DocumentOrder.INSTANCE);
      return sorted;
    }
    return current;
  }

  private static boolean isReverseAxis(Step step) {
    int a = step.getAxis();
    return a == Axis.PRECEDING
        || a == Axis.PRECEDING_SIBLING
        || a == Axis.ANCESTOR
        || a == Axis.ANCESTOR_OR_SELF;
  }
}
