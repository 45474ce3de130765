package io.streamspider.selector.grammar;

import static io.streamspider.selector.grammar.SelectorError.expression;
import static io.streamspider.selector.grammar.XPathExpr.literal;

import io.streamspider.selector.grammar.CssToken.Type;
import io.streamspider.selector.grammar.SelectorNode.Attrib;
import io.streamspider.selector.grammar.SelectorNode.ClassName;
import io.streamspider.selector.grammar.SelectorNode.Combined;
import io.streamspider.selector.grammar.SelectorNode.Element;
import io.streamspider.selector.grammar.SelectorNode.Function;
import io.streamspider.selector.grammar.SelectorNode.Hash;
import io.streamspider.selector.grammar.SelectorNode.Matching;
import io.streamspider.selector.grammar.SelectorNode.Negation;
import io.streamspider.selector.grammar.SelectorNode.Pseudo;
import io.streamspider.selector.grammar.SelectorNode.PseudoElement;
import io.streamspider.selector.grammar.SelectorNode.Relation;
import io.streamspider.selector.grammar.SelectorNode.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CSS selectors to XPath 1.0 as parsel does it: cssselect's {@code HTMLTranslator} or {@code
 * GenericTranslator} plus parsel's {@code ::text} and {@code ::attr(name)}. The XPath strings are
 * the ones cssselect produces, so results and error messages match. Immutable; one instance per
 * dialect.
 */
public final class XPathTranslator {
  /** For HTML documents: element and attribute names are matched lower-cased. */
  public static final XPathTranslator HTML = new XPathTranslator(false);

  /**
   * For XML documents ({@code GenericTranslator}): names keep their case, and the pseudo-classes
   * that only mean something in HTML ({@code :checked}, {@code :link}, {@code :enabled}, {@code
   * :disabled}) match nothing.
   */
  public static final XPathTranslator XML = new XPathTranslator(true);

  private static final Pattern SAFE_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_.-]*$");
  private static final Pattern NON_WHITESPACE = Pattern.compile("^[^ \\t\\r\\n\\f]+$");

  private final boolean xml;

  private XPathTranslator(boolean xml) {
    this.xml = xml;
  }

  /**
   * A group of selectors, each prefixed with {@code descendant-or-self::}, joined by {@code |}; a
   * {@link SelectorError} if it does not parse or translate.
   */
  public String translate(String css) {
    StringBuilder out = new StringBuilder();
    for (Selector s : CssParser.parse(css)) {
      if (out.length() > 0) {
        out.append(" | ");
      }
      XPathExpr xp = xpath(s.tree());
      if (s.pseudoElement() != null) {
        xp = pseudoElement(xp, s.pseudoElement());
      }
      out.append("descendant-or-self::").append(xp);
    }
    return out.toString();
  }

  private XPathExpr xpath(SelectorNode t) {
    if (t instanceof Combined c) {
      XPathExpr left = xpath(c.selector());
      XPathExpr right = xpath(c.subselector());
      switch (c.combinator()) {
        case " ":
          return left.join("/descendant-or-self::*/", right);
        case ">":
          return left.join("/", right);
        case "+":
          {
            XPathExpr x = left.join("/following-sibling::", right);
            x.addNameTest();
            return x.addCondition("position() = 1");
          }
        default:
          return left.join("/following-sibling::", right);
      }
    }
    if (t instanceof Negation n) {
      XPathExpr x = xpath(n.selector());
      XPathExpr sub = xpath(n.subselector());
      sub.addNameTest();
      return x.addCondition(sub.condition.isEmpty() ? "0" : "not(" + sub.condition + ")");
    }
    if (t instanceof Relation r) {
      XPathExpr left = xpath(r.selector());
      XPathExpr right = xpath(r.subselector().tree());
      switch (r.combinator().value()) {
        case " ":
          return left.join("[descendant::", right, "]", true);
        case ">":
          return left.join("[./", right, "]", false);
        case "+":
          return left.addCondition(
              "following-sibling::*[(name() = '" + right.element + "') and (position() = 1)]");
        case "~":
          return left.join("[following-sibling::", right, "]", false);
        default:
          throw expression(
              "Unsupported combinator in :has(): " + r.combinator().value(), r.combinator().pos());
      }
    }
    if (t instanceof Matching m) {
      XPathExpr x = xpath(m.selector());
      for (SelectorNode s : m.selectorList()) {
        XPathExpr e = xpath(s);
        e.addNameTest();
        if (!e.condition.isEmpty()) {
          x.addCondition(e.condition, "or");
        }
      }
      return x;
    }
    if (t instanceof Function f) {
      return function(f);
    }
    if (t instanceof Pseudo p) {
      return pseudo(p);
    }
    if (t instanceof Attrib a) {
      return attrib(a);
    }
    if (t instanceof ClassName c) {
      return includes(xpath(c.selector()), "@class", c.className());
    }
    if (t instanceof Hash h) {
      return xpath(h.selector()).addCondition("@id = " + literal(h.id()));
    }
    Element e = (Element) t;
    String element = e.element();
    boolean safe;
    if (element == null || element.isEmpty()) {
      element = "*";
      safe = true;
    } else {
      safe = SAFE_NAME.matcher(element).find();
      if (!xml) {
        element = element.toLowerCase(Locale.ROOT);
      }
    }
    if (e.namespace() != null && !e.namespace().isEmpty()) {
      element = e.namespace() + ":" + element;
      safe = safe && SAFE_NAME.matcher(e.namespace()).find();
    }
    XPathExpr x = new XPathExpr("", element, "");
    if (!safe) {
      x.addNameTest();
    }
    return x;
  }

  private XPathExpr function(Function f) {
    XPathExpr x = xpath(f.selector());
    switch (f.name().replace('-', '_')) {
      case "nth_child":
        return nthChild(x, f, false, true);
      case "nth_last_child":
        return nthChild(x, f, true, true);
      case "nth_of_type":
        if (x.element.equals("*")) {
          throw expression("*:nth-of-type() is not implemented", f.pos());
        }
        return nthChild(x, f, false, false);
      case "nth_last_of_type":
        if (x.element.equals("*")) {
          throw expression("*:nth-of-type() is not implemented", f.pos());
        }
        return nthChild(x, f, true, false);
      case "contains":
        {
          String v = singleArgument(f.arguments(), ":contains()", f.pos());
          return x.addCondition("contains(., " + literal(v) + ")");
        }
      case "lang":
        {
          String v = singleArgument(f.arguments(), ":lang()", f.pos());
          if (xml) {
            return x.addCondition("lang(" + literal(v) + ")");
          }
          return x.addCondition(
              "ancestor-or-self::*[@lang][1][starts-with(concat("
                  + "translate(@lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                  + "'abcdefghijklmnopqrstuvwxyz'), "
                  + "'-'), "
                  + literal(v.toLowerCase(Locale.ROOT) + "-")
                  + ")]");
        }
      default:
        throw expression("The pseudo-class :" + f.name() + "() is unknown", f.pos());
    }
  }

  private static String singleArgument(List<CssToken> args, String what, int pos) {
    if (args.size() != 1 || !(args.get(0).is(Type.STRING) || args.get(0).is(Type.IDENT))) {
      throw expression("Expected a single string or ident for " + what + ", got " + args, pos);
    }
    return args.get(0).value();
  }

  private static XPathExpr nthChild(XPathExpr x, Function f, boolean last, boolean nameTest) {
    long[] ab = series(f.arguments());
    if (ab == null) {
      throw expression("Invalid series: '" + f.arguments() + "'", f.pos());
    }
    long a = ab[0];
    long bMin1 = ab[1] - 1;
    if (a == 1 && bMin1 <= 0) {
      return x;
    }
    if (a < 0 && bMin1 < 0) {
      return x.addCondition("0");
    }
    String nodetest = nameTest ? "*" : x.element;
    String count =
        (last ? "count(following-sibling::" : "count(preceding-sibling::") + nodetest + ")";
    if (a == 0) {
      return x.addCondition(count + " = " + bMin1);
    }
    List<String> exprs = new ArrayList<>();
    if (a > 0) {
      if (bMin1 > 0) {
        exprs.add(count + " >= " + bMin1);
      }
    } else {
      exprs.add(count + " <= " + bMin1);
    }
    if (Math.abs(a) != 1) {
      String left = count;
      long bNeg = Math.floorMod(-bMin1, Math.abs(a));
      if (bNeg != 0) {
        left = "(" + left + " +" + bNeg + ")";
      }
      exprs.add(left + " mod " + a + " = 0");
    }
    StringBuilder cond = new StringBuilder();
    for (String e : exprs) {
      if (cond.length() > 0) {
        cond.append(" and ");
      }
      cond.append(exprs.size() > 1 ? "(" + e + ")" : e);
    }
    return x.addCondition(cond.toString());
  }

  /** cssselect's parse_series ({@code an+b}); null when Python's int() would refuse it. */
  static long[] series(List<CssToken> tokens) {
    StringBuilder b = new StringBuilder();
    for (CssToken t : tokens) {
      if (t.is(Type.STRING)) {
        return null;
      }
      b.append(t.value());
    }
    String s = b.toString().strip();
    if (s.equals("odd")) {
      return new long[] {2, 1};
    }
    if (s.equals("even")) {
      return new long[] {2, 0};
    }
    if (s.equals("n")) {
      return new long[] {1, 0};
    }
    int n = s.indexOf('n');
    if (n < 0) {
      Long v = pyInt(s);
      return v == null ? null : new long[] {0, v};
    }
    String a = s.substring(0, n);
    String bs = s.substring(n + 1);
    Long av;
    if (a.isEmpty()) {
      av = 1L;
    } else if (a.equals("-") || a.equals("+")) {
      av = pyInt(a + "1");
    } else {
      av = pyInt(a);
    }
    Long bv = bs.isEmpty() ? Long.valueOf(0) : pyInt(bs);
    return av == null || bv == null ? null : new long[] {av, bv};
  }

  private static Long pyInt(String s) {
    String t = s.strip().replace("_", "");
    if (t.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
      return null;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final String DISABLED =
      "\n        (\n            @disabled and\n            (\n"
          + "                (name(.) = 'input' and @type != 'hidden') or\n"
          + "                name(.) = 'button' or\n                name(.) = 'select' or\n"
          + "                name(.) = 'textarea' or\n                name(.) = 'command' or\n"
          + "                name(.) = 'fieldset' or\n                name(.) = 'optgroup' or\n"
          + "                name(.) = 'option'\n            )\n        ) or (\n            (\n"
          + "                (name(.) = 'input' and @type != 'hidden') or\n"
          + "                name(.) = 'button' or\n                name(.) = 'select' or\n"
          + "                name(.) = 'textarea'\n            )\n"
          + "            and ancestor::fieldset[@disabled]\n        )\n        ";

  private static final String ENABLED =
      "\n        (\n            @href and (\n                name(.) = 'a' or\n"
          + "                name(.) = 'link' or\n                name(.) = 'area'\n            )\n"
          + "        ) or (\n            (\n                name(.) = 'command' or\n"
          + "                name(.) = 'fieldset' or\n                name(.) = 'optgroup'\n"
          + "            )\n            and not(@disabled)\n        ) or (\n            (\n"
          + "                (name(.) = 'input' and @type != 'hidden') or\n"
          + "                name(.) = 'button' or\n                name(.) = 'select' or\n"
          + "                name(.) = 'textarea' or\n                name(.) = 'keygen'\n"
          + "            )\n            and not (@disabled or ancestor::fieldset[@disabled])\n"
          + "        ) or (\n            name(.) = 'option' and not(\n"
          + "                @disabled or ancestor::optgroup[@disabled]\n            )\n"
          + "        )\n        ";

  private XPathExpr pseudo(Pseudo p) {
    XPathExpr x = xpath(p.selector());
    switch (p.ident().replace('-', '_')) {
      case "root":
        return x.addCondition("not(parent::*)");
      case "scope":
        return x.addCondition("1");
      case "first_child":
        return x.addCondition("count(preceding-sibling::*) = 0");
      case "last_child":
        return x.addCondition("count(following-sibling::*) = 0");
      case "first_of_type":
        if (x.element.equals("*")) {
          throw expression("*:first-of-type is not implemented", p.pos());
        }
        return x.addCondition("count(preceding-sibling::" + x.element + ") = 0");
      case "last_of_type":
        if (x.element.equals("*")) {
          throw expression("*:last-of-type is not implemented", p.pos());
        }
        return x.addCondition("count(following-sibling::" + x.element + ") = 0");
      case "only_child":
        return x.addCondition("count(parent::*/child::*) = 1");
      case "only_of_type":
        if (x.element.equals("*")) {
          throw expression("*:only-of-type is not implemented", p.pos());
        }
        return x.addCondition("count(parent::*/child::" + x.element + ") = 1");
      case "empty":
        return x.addCondition("not(*) and not(string-length())");
      case "link":
        if (xml) {
          return x.addCondition("0");
        }
        return x.addCondition("@href and (name(.) = 'a' or name(.) = 'link' or name(.) = 'area')");
      case "visited":
      case "hover":
      case "active":
      case "focus":
      case "target":
        return x.addCondition("0");
      case "enabled":
        return x.addCondition(xml ? "0" : ENABLED);
      case "disabled":
        return x.addCondition(xml ? "0" : DISABLED);
      case "checked":
        if (xml) {
          return x.addCondition("0");
        }
        return x.addCondition(
            "(@selected and name(.) = 'option') or "
                + "(@checked "
                + "and (name(.) = 'input' or name(.) = 'command')"
                + "and (@type = 'checkbox' or @type = 'radio'))");
      default:
        throw expression("The pseudo-class :" + p.ident() + " is unknown", p.pos());
    }
  }

  private XPathExpr attrib(Attrib s) {
    String name = xml ? s.attrib() : s.attrib().toLowerCase(Locale.ROOT);
    boolean safe = SAFE_NAME.matcher(name).find();
    if (s.namespace() != null && !s.namespace().isEmpty()) {
      name = s.namespace() + ":" + name;
      safe = safe && SAFE_NAME.matcher(s.namespace()).find();
    }
    String attr = safe ? "@" + name : "attribute::*[name() = " + literal(name) + "]";
    String value = s.value() == null ? null : s.value().value();
    XPathExpr x = xpath(s.selector());
    switch (s.operator()) {
      case "exists":
        return x.addCondition(attr);
      case "=":
        return x.addCondition(attr + " = " + literal(value));
      case "!=":
        return x.addCondition(
            value.isEmpty()
                ? attr + " != " + literal(value)
                : "not(" + attr + ") or " + attr + " != " + literal(value));
      case "~=":
        return includes(x, attr, value);
      case "|=":
        return x.addCondition(
            attr
                + " and ("
                + attr
                + " = "
                + literal(value)
                + " or starts-with("
                + attr
                + ", "
                + literal(value + "-")
                + "))");
      case "^=":
        return x.addCondition(
            value.isEmpty()
                ? "0"
                : attr + " and starts-with(" + attr + ", " + literal(value) + ")");
      case "$=":
        return x.addCondition(
            value.isEmpty()
                ? "0"
                : attr
                    + " and substring("
                    + attr
                    + ", string-length("
                    + attr
                    + ")-"
                    + (value.codePointCount(0, value.length()) - 1)
                    + ") = "
                    + literal(value));
      default: // "*="
        return x.addCondition(
            value.isEmpty() ? "0" : attr + " and contains(" + attr + ", " + literal(value) + ")");
    }
  }

  private static XPathExpr includes(XPathExpr x, String name, String value) {
    if (value != null && !value.isEmpty() && NON_WHITESPACE.matcher(value).find()) {
      return x.addCondition(
          name
              + " and contains(concat(' ', normalize-space("
              + name
              + "), ' '), "
              + literal(" " + value + " ")
              + ")");
    }
    return x.addCondition("0");
  }

  private static XPathExpr pseudoElement(XPathExpr x, PseudoElement p) {
    if (p.arguments() != null) {
      if (!p.name().replace('-', '_').equals("attr")) {
        throw expression("The functional pseudo-element ::" + p.name() + "() is unknown", p.pos());
      }
      List<CssToken> args = p.arguments();
      if (args.size() != 1 || !(args.get(0).is(Type.STRING) || args.get(0).is(Type.IDENT))) {
        throw expression("Expected a single string or ident for ::attr(), got " + args, p.pos());
      }
      x.attribute = args.get(0).value();
      return x;
    }
    if (!p.name().replace('-', '_').equals("text")) {
      throw expression("The pseudo-element ::" + p.name() + " is unknown", p.pos());
    }
    x.textnode = true;
    return x;
  }
}
