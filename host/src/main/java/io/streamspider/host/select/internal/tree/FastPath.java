package io.streamspider.host.select.internal.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jaxen.Context;
import org.jaxen.ContextSupport;
import org.jaxen.JaxenException;
import org.jaxen.expr.AllNodeStep;
import org.jaxen.expr.CommentNodeStep;
import org.jaxen.expr.EqualityExpr;
import org.jaxen.expr.Expr;
import org.jaxen.expr.FunctionCallExpr;
import org.jaxen.expr.LiteralExpr;
import org.jaxen.expr.LocationPath;
import org.jaxen.expr.LogicalExpr;
import org.jaxen.expr.NameStep;
import org.jaxen.expr.PathExpr;
import org.jaxen.expr.Predicate;
import org.jaxen.expr.RelationalExpr;
import org.jaxen.expr.Step;
import org.jaxen.expr.TextNodeStep;
import org.jaxen.expr.UnionExpr;
import org.jaxen.function.BooleanFunction;
import org.jaxen.function.StringFunction;
import org.jaxen.saxpath.Axis;

/**
 * A location path compiled into direct walks over the tree's arrays, for the shapes CSS selectors
 * translate to (and most hand-written XPath): the child, descendant, descendant-or-self, self,
 * parent, following-sibling and attribute axes; name tests without a prefix, {@code *}, {@code
 * node()}, {@code text()}, {@code comment()}; predicates that do not depend on the position (a
 * position-free boolean: attribute tests, the class test {@code contains(concat(' ',
 * normalize-space(@class), ' '), ' x ')}, string comparisons, {@code and}, {@code or}, {@code
 * not()}, paths; any other position-free boolean is evaluated by Jaxen for each candidate node).
 *
 * <p>With position-free predicates a step is a filter, so {@code
 * descendant-or-self::node()/child::x[p]} (XPath's {@code //x[p]}) is {@code descendant::x[p]}, and
 * {@code descendant-or-self::* /child::x[p]} (a CSS descendant combinator) is every descendant
 * {@code x[p]} whose parent is an element: one walk instead of a node set of every element and a
 * child walk from each. Each step's result is in document order without duplicates (by the nodes'
 * order numbers), as XPath's node sets; a path that uses anything else (other axes, prefixed names,
 * positions, {@code last()}) is not compiled and Jaxen evaluates it.
 */
final class FastPath {
  // axes
  private static final int CHILD = 1;
  private static final int DESCENDANT = 2;
  private static final int DESCENDANT_OR_SELF = 3;
  private static final int SELF = 4;
  private static final int ATTRIBUTE = 5;
  private static final int PARENT = 6;

  /** {@code descendant-or-self::*}{@code /child::}: descendants whose parent is an element. */
  private static final int DESCENDANT_UNDER_ELEMENT = 7;

  private static final int FOLLOWING_SIBLING = 8;

  // node tests
  private static final int ANY_NODE = 0;
  private static final int PRINCIPAL = 1; // * : elements, or attributes on the attribute axis
  private static final int NAME = 2;
  private static final int TEXT = 3;
  private static final int COMMENT = 4;

  private static final Cond[] NO_CONDS = new Cond[0];

  private final boolean absolute;
  private final PlanStep[] steps;

  private FastPath(boolean absolute, PlanStep[] steps) {
    this.absolute = absolute;
    this.steps = steps;
  }

  /** One step: an axis, a node test and position-free conditions, all of which must hold. */
  private static final class PlanStep {
    final int axis;
    final int test;
    final String name;
    final Cond[] conds;

    PlanStep(int axis, int test, String name, Cond[] conds) {
      this.axis = axis;
      this.test = test;
      this.name = name;
      this.conds = conds;
    }

    boolean accepts(XNode n, ContextSupport s) throws JaxenException {
      switch (test) {
        case ANY_NODE:
          break;
        case PRINCIPAL:
          if (axis == ATTRIBUTE ? !(n instanceof XAttribute) : !(n instanceof XElement)) {
            return false;
          }
          break;
        case NAME:
          if (axis == ATTRIBUTE) {
            if (!(n instanceof XAttribute a) || !isNamed(a, name)) {
              return false;
            }
          } else if (!(n instanceof XElement e) || !isNamed(e, name)) {
            return false;
          }
          break;
        case TEXT:
          if (!(n instanceof XText)) {
            return false;
          }
          break;
        default:
          if (!(n instanceof XComment)) {
            return false;
          }
      }
      for (Cond c : conds) {
        if (!c.test(n, s)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      String a =
          switch (axis) {
            case CHILD -> "child";
            case DESCENDANT -> "descendant";
            case DESCENDANT_OR_SELF -> "descendant-or-self";
            case SELF -> "self";
            case ATTRIBUTE -> "attribute";
            case PARENT -> "parent";
            case FOLLOWING_SIBLING -> "following-sibling";
            default -> "descendant-under-element";
          };
      String t =
          switch (test) {
            case ANY_NODE -> "node()";
            case PRINCIPAL -> "*";
            case NAME -> name;
            case TEXT -> "text()";
            default -> "comment()";
          };
      StringBuilder b = new StringBuilder(a).append("::").append(t);
      for (Cond c : conds) {
        b.append('[').append(c).append(']');
      }
      return b.toString();
    }
  }

  /** An unprefixed name test, as Jaxen's: the local name, and no namespace. */
  private static boolean isNamed(XElement e, String name) {
    String uri = e.namespaceUri();
    return name.equals(e.localName()) && (uri == null || uri.isEmpty());
  }

  private static boolean isNamed(XAttribute a, String name) {
    String uri = a.namespaceUri();
    return name.equals(a.localName()) && (uri == null || uri.isEmpty());
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(absolute ? "/" : "");
    for (int i = 0; i < steps.length; i++) {
      if (i > 0) {
        b.append('/');
      }
      b.append(steps[i]);
    }
    return b.toString();
  }

  // ---- compiling

  /** The plan for {@code path}, or null when it uses something the plans do not cover. */
  static FastPath compile(LocationPath path) {
    List<?> jaxenSteps = path.getSteps();
    List<PlanStep> out = new ArrayList<>(jaxenSteps.size());
    for (Object o : jaxenSteps) {
      PlanStep s = step((Step) o);
      if (s == null) {
        return null;
      }
      out.add(s);
    }
    // descendant-or-self::node()/child::x[p] and descendant-or-self::*/child::x[p] in one walk
    for (int i = 0; i + 1 < out.size(); i++) {
      PlanStep s = out.get(i);
      PlanStep next = out.get(i + 1);
      if (s.axis == DESCENDANT_OR_SELF && s.conds.length == 0 && next.axis == CHILD) {
        if (s.test == ANY_NODE) {
          out.set(i, new PlanStep(DESCENDANT, next.test, next.name, next.conds));
          out.remove(i + 1);
        } else if (s.test == PRINCIPAL) {
          out.set(i, new PlanStep(DESCENDANT_UNDER_ELEMENT, next.test, next.name, next.conds));
          out.remove(i + 1);
        }
      }
    }
    return new FastPath(path.isAbsolute(), out.toArray(new PlanStep[0]));
  }

  private static PlanStep step(Step s) {
    int axis =
        switch (s.getAxis()) {
          case Axis.CHILD -> CHILD;
          case Axis.DESCENDANT -> DESCENDANT;
          case Axis.DESCENDANT_OR_SELF -> DESCENDANT_OR_SELF;
          case Axis.SELF -> SELF;
          case Axis.ATTRIBUTE -> ATTRIBUTE;
          case Axis.PARENT -> PARENT;
          case Axis.FOLLOWING_SIBLING -> FOLLOWING_SIBLING;
          default -> -1;
        };
    if (axis < 0) {
      return null;
    }
    int test;
    String name = null;
    if (s instanceof NameStep n) {
      if (n.getPrefix() != null && !n.getPrefix().isEmpty()) {
        return null; // a prefix needs the namespace context: Jaxen's
      }
      if (n.getLocalName().equals("*")) {
        test = PRINCIPAL;
      } else {
        test = NAME;
        name = n.getLocalName();
      }
    } else if (s instanceof AllNodeStep) {
      test = ANY_NODE;
    } else if (s instanceof TextNodeStep) {
      test = TEXT;
    } else if (s instanceof CommentNodeStep) {
      test = COMMENT;
    } else {
      return null;
    }
    List<?> predicates = s.getPredicates();
    Cond[] conds = predicates.isEmpty() ? NO_CONDS : new Cond[predicates.size()];
    for (int i = 0; i < conds.length; i++) {
      Expr e = ((Predicate) predicates.get(i)).getExpr();
      if (!positionFree(e) || !booleanTyped(e)) {
        return null;
      }
      conds[i] = bool(e);
    }
    return new PlanStep(axis, test, name, conds);
  }

  /**
   * Whether {@code e} does not ask the context position or size (anywhere in its text: a nested
   * path's own predicates would be allowed to, but this is simpler and only ever errs towards
   * Jaxen).
   */
  private static boolean positionFree(Expr e) {
    String t = e.getText();
    return !t.contains("position(") && !t.contains("last(");
  }

  /**
   * Whether {@code e} gives a boolean, a string or a node set, never a number: a number as a
   * predicate is a position.
   */
  private static boolean booleanTyped(Expr e) {
    if (e instanceof LogicalExpr
        || e instanceof EqualityExpr
        || e instanceof RelationalExpr
        || e instanceof LocationPath
        || e instanceof UnionExpr
        || e instanceof PathExpr
        || e instanceof LiteralExpr) {
      return true;
    }
    if (e instanceof FunctionCallExpr f) {
      String prefix = f.getPrefix() == null ? "" : f.getPrefix();
      return switch (prefix + ":" + f.getFunctionName()) {
        case ":not", ":true", ":false", ":boolean", ":contains", ":starts-with", ":lang" -> true;
        case "re:test" -> true; // EXSLT's, registered by XPathRunner: a boolean
        default -> false;
      };
    }
    return false;
  }

  /** {@code e} as a condition on the context node ({@code e} is position-free). */
  private static Cond bool(Expr e) {
    if (e instanceof LogicalExpr l) {
      Cond a = bool(l.getLHS());
      Cond b = bool(l.getRHS());
      return l.getOperator().equals("and") ? new And(a, b) : new Or(a, b);
    }
    if (e instanceof FunctionCallExpr f && isCore(f)) {
      List<?> args = f.getParameters();
      switch (f.getFunctionName()) {
        case "not":
          if (args.size() == 1) {
            return new Not(bool((Expr) args.get(0)));
          }
          break;
        case "true":
        case "false":
          if (args.isEmpty()) {
            return new Const(f.getFunctionName().equals("true"));
          }
          break;
        case "boolean":
          if (args.size() == 1) {
            return bool((Expr) args.get(0));
          }
          break;
        case "contains":
        case "starts-with":
          if (args.size() == 2) {
            Str a = str((Expr) args.get(0));
            Str b = str((Expr) args.get(1));
            if (a != null && b != null) {
              if (f.getFunctionName().equals("starts-with")) {
                return new StartsWith(a, b);
              }
              Cond token = classToken(a, b);
              return token != null ? token : new Contains(a, b);
            }
          }
          break;
        default:
          break;
      }
    }
    if (e instanceof EqualityExpr q) {
      boolean equals = q.getOperator().equals("=");
      Expr l = q.getLHS();
      Expr r = q.getRHS();
      if (l instanceof LiteralExpr && !(r instanceof LiteralExpr)) {
        Expr t = l;
        l = r;
        r = t;
      }
      if (r instanceof LiteralExpr lit) {
        String value = lit.getLiteral();
        FastPath p = planOf(l);
        if (p != null) {
          String attr = p.singleAttribute();
          return attr != null
              ? new AttributeCompare(attr, value, equals)
              : new NodesCompare(p, value, equals);
        }
        if (stringTyped(l)) {
          Str s = str(l);
          if (s != null) {
            return new StringCompare(s, value, equals);
          }
        }
      }
    }
    if (e instanceof LiteralExpr lit) {
      return new Const(!lit.getLiteral().isEmpty());
    }
    FastPath p = planOf(e);
    if (p != null) {
      String attr = p.singleAttribute();
      return attr != null ? new HasAttribute(attr) : new Exists(p);
    }
    return new JaxenCond(e);
  }

  private static boolean isCore(FunctionCallExpr f) {
    return f.getPrefix() == null || f.getPrefix().isEmpty();
  }

  /** Whether {@code e} is a core function that gives a string (not a node set or a number). */
  private static boolean stringTyped(Expr e) {
    return e instanceof FunctionCallExpr f
        && isCore(f)
        && (f.getFunctionName().equals("concat") || f.getFunctionName().equals("normalize-space"));
  }

  /** The plan of a location path that compiled, or null. */
  private static FastPath planOf(Expr e) {
    return e instanceof PlannedLocationPath p ? p.plan() : null;
  }

  /** The attribute name when this plan is just {@code attribute::name} (no predicates). */
  private String singleAttribute() {
    if (!absolute
        && steps.length == 1
        && steps[0].axis == ATTRIBUTE
        && steps[0].test == NAME
        && steps[0].conds.length == 0) {
      return steps[0].name;
    }
    return null;
  }

  /** {@code e} as XPath's string() of it, or null when it is not one of the shapes below. */
  private static Str str(Expr e) {
    if (e instanceof LiteralExpr lit) {
      return new Literal(lit.getLiteral());
    }
    FastPath p = planOf(e);
    if (p != null) {
      String attr = p.singleAttribute();
      return attr != null ? new AttributeValue(attr) : new FirstString(p);
    }
    if (e instanceof FunctionCallExpr f && isCore(f)) {
      List<?> args = f.getParameters();
      if (f.getFunctionName().equals("concat") && args.size() >= 2) {
        Str[] parts = new Str[args.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = str((Expr) args.get(i));
          if (parts[i] == null) {
            return null;
          }
        }
        return new Concat(parts);
      }
      if (f.getFunctionName().equals("normalize-space") && args.size() == 1) {
        Str s = str((Expr) args.get(0));
        return s == null ? null : new NormalizeSpace(s);
      }
    }
    return null;
  }

  /**
   * {@code contains(concat(' ', normalize-space(@a), ' '), ' x ')} with {@code x} free of XML white
   * space: whether {@code x} is one of the white-space separated tokens of {@code @a}.
   */
  private static Cond classToken(Str haystack, Str needle) {
    if (!(haystack instanceof Concat c)
        || c.parts.length != 3
        || !(c.parts[0] instanceof Literal l0 && l0.value.equals(" "))
        || !(c.parts[2] instanceof Literal l2 && l2.value.equals(" "))
        || !(c.parts[1] instanceof NormalizeSpace n && n.inner instanceof AttributeValue a)
        || !(needle instanceof Literal lit)) {
      return null;
    }
    String v = lit.value;
    if (v.length() < 3 || v.charAt(0) != ' ' || v.charAt(v.length() - 1) != ' ') {
      return null;
    }
    String token = v.substring(1, v.length() - 1);
    for (int i = 0; i < token.length(); i++) {
      if (isXmlSpace(token.charAt(i))) {
        return null;
      }
    }
    return new ClassToken(a.name, token);
  }

  /** XPath's white space (what normalize-space() strips): space, tab, CR, LF. */
  static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  // ---- evaluating

  /** The nodes this path selects from {@code contextNodes}, in document order, each once. */
  List<XNode> evaluate(List<?> contextNodes, ContextSupport support) throws JaxenException {
    if (contextNodes.isEmpty()) {
      return Collections.emptyList();
    }
    List<XNode> current;
    if (absolute) {
      XNode doc = ((XNode) contextNodes.get(0)).document();
      if (doc == null) {
        return Collections.emptyList();
      }
      current = new ArrayList<>(1);
      current.add(doc);
    } else {
      current = new ArrayList<>(contextNodes.size());
      for (Object o : contextNodes) {
        current.add((XNode) o);
      }
      DocumentOrder.sortUnique(current);
    }
    for (PlanStep step : steps) {
      if (current.isEmpty()) {
        return current;
      }
      current = step(step, current, support);
    }
    return current;
  }

  /** One step from context nodes in document order; the result in document order, each once. */
  private static List<XNode> step(PlanStep step, List<XNode> context, ContextSupport s)
      throws JaxenException {
    List<XNode> out = new ArrayList<>();
    switch (step.axis) {
      case CHILD:
        for (XNode c : context) {
          if (c instanceof XParent p) {
            for (int i = 0; i < p.count; i++) {
              XNode n = p.children[i];
              if (step.accepts(n, s)) {
                out.add(n);
              }
            }
          }
        }
        break;
      case ATTRIBUTE:
        for (XNode c : context) {
          if (c instanceof XElement e) {
            for (int i = 0; i < e.attributeCount; i++) {
              XAttribute a = e.attributes[i];
              if (step.accepts(a, s)) {
                out.add(a);
              }
            }
          }
        }
        break;
      case SELF:
        for (XNode c : context) {
          if (step.accepts(c, s)) {
            out.add(c);
          }
        }
        break;
      case PARENT:
        for (XNode c : context) {
          XNode p = c.parent;
          if (p != null && step.accepts(p, s)) {
            out.add(p);
          }
        }
        break;
      case FOLLOWING_SIBLING:
        {
          // a later sibling of the context node before adds nothing new (its siblings follow)
          XParent last = null;
          for (XNode c : context) {
            if (c instanceof XAttribute || c instanceof XNamespace || c.parent == null) {
              continue; // no siblings on this axis
            }
            XParent p = c.parent;
            if (p == last) {
              continue;
            }
            last = p;
            for (int i = c.index + 1; i < p.count; i++) {
              XNode n = p.children[i];
              if (step.accepts(n, s)) {
                out.add(n);
              }
            }
          }
        }
        break;
      default:
        {
          // descendants: a context node inside the subtree of an earlier one adds nothing new
          int end = Integer.MIN_VALUE;
          for (XNode c : context) {
            if (!(c instanceof XParent p)) {
              if (step.axis == DESCENDANT_OR_SELF && step.accepts(c, s)) {
                out.add(c); // an attribute, a text: only itself
              }
              continue;
            }
            if (c.order <= end) {
              continue;
            }
            end = subtreeEnd(p);
            if (step.axis == DESCENDANT_OR_SELF && step.accepts(p, s)) {
              out.add(p);
            }
            descendants(p, step, out, s);
          }
        }
    }
    DocumentOrder.sortUnique(out);
    return out;
  }

  /** The order number of the last node (attributes included) in the subtree of {@code p}. */
  private static int subtreeEnd(XParent p) {
    XNode n = p;
    while (n instanceof XParent q && q.count > 0) {
      n = q.children[q.count - 1];
    }
    if (n instanceof XElement e && e.attributeCount > 0) {
      return e.attributes[e.attributeCount - 1].order;
    }
    return n.order;
  }

  /** Adds the descendants of {@code root} the step accepts, in document order. */
  private static void descendants(XParent root, PlanStep step, List<XNode> out, ContextSupport s)
      throws JaxenException {
    if (root.count == 0) {
      return;
    }
    boolean underElement = step.axis == DESCENDANT_UNDER_ELEMENT;
    // an element name test first by the name alone: most nodes of a walk fail it
    String name = step.test == NAME ? step.name : null;
    XNode n = root.children[0];
    while (true) {
      if ((name == null || n instanceof XElement e && name.equals(e.localName()))
          && (!underElement || n.parent instanceof XElement)
          && step.accepts(n, s)) {
        out.add(n);
      }
      if (n instanceof XParent p && p.count > 0) {
        n = p.children[0];
        continue;
      }
      while (true) {
        XParent parent = n.parent;
        int i = n.index + 1;
        if (i < parent.count) {
          n = parent.children[i];
          break;
        }
        if (parent == root) {
          return;
        }
        n = parent;
      }
    }
  }

  // ---- conditions and strings

  /** A position-free predicate on one node. */
  private interface Cond {
    boolean test(XNode n, ContextSupport s) throws JaxenException;
  }

  /** XPath's string() of an expression, for one context node. */
  private interface Str {
    String eval(XNode n, ContextSupport s) throws JaxenException;
  }

  private record And(Cond a, Cond b) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return a.test(n, s) && b.test(n, s);
    }

    @Override
    public String toString() {
      return "(" + a + " and " + b + ")";
    }
  }

  private record Or(Cond a, Cond b) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return a.test(n, s) || b.test(n, s);
    }

    @Override
    public String toString() {
      return "(" + a + " or " + b + ")";
    }
  }

  private record Not(Cond a) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return !a.test(n, s);
    }

    @Override
    public String toString() {
      return "not(" + a + ")";
    }
  }

  private record Const(boolean value) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) {
      return value;
    }

    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }

  /** {@code @name}: the element has the attribute. */
  private record HasAttribute(String name) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) {
      return attribute(n, name) != null;
    }

    @Override
    public String toString() {
      return "@" + name;
    }
  }

  /** {@code @name = 'v'} or {@code @name != 'v'}. */
  private record AttributeCompare(String name, String value, boolean equals) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) {
      XAttribute a = attribute(n, name);
      return a != null && a.value().equals(value) == equals;
    }

    @Override
    public String toString() {
      return "@" + name + (equals ? "=" : "!=") + "'" + value + "'";
    }
  }

  /** {@code @name} holds {@code token} among its white-space separated tokens. */
  private record ClassToken(String name, String token) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) {
      XAttribute a = attribute(n, name);
      return a != null && hasToken(a.value(), token);
    }

    @Override
    public String toString() {
      return "@" + name + "~='" + token + "'";
    }
  }

  static boolean hasToken(String v, String token) {
    int len = token.length();
    int from = 0;
    while (true) {
      int i = v.indexOf(token, from);
      if (i < 0) {
        return false;
      }
      int end = i + len;
      if ((i == 0 || isXmlSpace(v.charAt(i - 1)))
          && (end == v.length() || isXmlSpace(v.charAt(end)))) {
        return true;
      }
      from = i + 1;
    }
  }

  /** A path: whether it selects anything from the node. */
  private record Exists(FastPath path) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return !path.evaluate(List.of(n), s).isEmpty();
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** A node set compared with a string: some node's string value is (or is not) the string. */
  private record NodesCompare(FastPath path, String value, boolean equals) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      for (XNode x : path.evaluate(List.of(n), s)) {
        if (stringValue(x, s).equals(value) == equals) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return path + (equals ? "=" : "!=") + "'" + value + "'";
    }
  }

  private record StringCompare(Str str, String value, boolean equals) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return str.eval(n, s).equals(value) == equals;
    }

    @Override
    public String toString() {
      return str + (equals ? "=" : "!=") + "'" + value + "'";
    }
  }

  private record Contains(Str a, Str b) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return a.eval(n, s).contains(b.eval(n, s));
    }

    @Override
    public String toString() {
      return "contains(" + a + ", " + b + ")";
    }
  }

  private record StartsWith(Str a, Str b) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      return a.eval(n, s).startsWith(b.eval(n, s));
    }

    @Override
    public String toString() {
      return "starts-with(" + a + ", " + b + ")";
    }
  }

  /** Any other position-free predicate: Jaxen evaluates it with the node as the only context. */
  private record JaxenCond(Expr expr) implements Cond {
    @Override
    public boolean test(XNode n, ContextSupport s) throws JaxenException {
      Context c = new Context(s);
      List<Object> set = new ArrayList<>(1);
      set.add(n);
      c.setNodeSet(set);
      c.setPosition(1);
      c.setSize(1);
      return BooleanFunction.evaluate(expr.evaluate(c), s.getNavigator());
    }

    @Override
    public String toString() {
      return "jaxen{" + expr.getText() + "}";
    }
  }

  private record Literal(String value) implements Str {
    @Override
    public String eval(XNode n, ContextSupport s) {
      return value;
    }

    @Override
    public String toString() {
      return "'" + value + "'";
    }
  }

  /** {@code string(@name)}: the value, or "" when the node has no such attribute. */
  private record AttributeValue(String name) implements Str {
    @Override
    public String eval(XNode n, ContextSupport s) {
      XAttribute a = attribute(n, name);
      return a == null ? "" : a.value();
    }

    @Override
    public String toString() {
      return "@" + name;
    }
  }

  /** {@code string(path)}: the string value of the first node in document order, or "". */
  private record FirstString(FastPath path) implements Str {
    @Override
    public String eval(XNode n, ContextSupport s) throws JaxenException {
      List<XNode> nodes = path.evaluate(List.of(n), s);
      return nodes.isEmpty() ? "" : stringValue(nodes.get(0), s);
    }

    @Override
    public String toString() {
      return "string(" + path + ")";
    }
  }

  private record Concat(Str[] parts) implements Str {
    @Override
    public String eval(XNode n, ContextSupport s) throws JaxenException {
      StringBuilder b = new StringBuilder();
      for (Str p : parts) {
        b.append(p.eval(n, s));
      }
      return b.toString();
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("concat(");
      for (int i = 0; i < parts.length; i++) {
        b.append(i > 0 ? ", " : "").append(parts[i]);
      }
      return b.append(')').toString();
    }
  }

  private record NormalizeSpace(Str inner) implements Str {
    @Override
    public String eval(XNode n, ContextSupport s) throws JaxenException {
      return normalizeSpace(inner.eval(n, s));
    }

    @Override
    public String toString() {
      return "normalize-space(" + inner + ")";
    }
  }

  static String normalizeSpace(String v) {
    StringBuilder b = new StringBuilder(v.length());
    int i = 0;
    int n = v.length();
    while (i < n) {
      while (i < n && isXmlSpace(v.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isXmlSpace(v.charAt(i))) {
        i++;
      }
      if (i > start) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(v, start, i);
      }
    }
    return b.toString();
  }

  /** The first attribute (in source order) named {@code name} without a namespace, or null. */
  private static XAttribute attribute(XNode n, String name) {
    if (n instanceof XElement e) {
      for (int i = 0; i < e.attributeCount; i++) {
        XAttribute a = e.attributes[i];
        if (isNamed(a, name)) {
          return a;
        }
      }
    }
    return null;
  }

  private static String stringValue(XNode n, ContextSupport s) {
    if (n instanceof XAttribute a) {
      return a.value();
    }
    if (n instanceof XText t) {
      return t.data();
    }
    if (n instanceof XElement e) {
      return e.textContent();
    }
    return StringFunction.evaluate(n, s.getNavigator());
  }
}
