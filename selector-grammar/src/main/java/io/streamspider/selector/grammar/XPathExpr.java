package io.streamspider.selector.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cssselect's XPathExpr (a path, an element and a condition, joined as the translation goes) with
 * parsel's {@code textnode} and {@code attribute} for its pseudo-elements.
 */
final class XPathExpr {
  private static final Pattern QUOTE_RUNS = Pattern.compile("('+)");

  String path;
  String element;
  String condition;
  boolean textnode;
  String attribute;

  XPathExpr(String path, String element, String condition) {
    this.path = path;
    this.element = element;
    this.condition = condition;
  }

  private String base() {
    String p = path + element;
    if (!condition.isEmpty()) {
      p += "[" + condition + "]";
    }
    return p;
  }

  @Override
  public String toString() {
    String p = base();
    if (textnode) {
      if (p.equals("*")) {
        p = "text()";
      } else if (p.endsWith("::*/*")) {
        p = p.substring(0, p.length() - 3) + "text()";
      } else {
        p += "/text()";
      }
    }
    if (attribute != null) {
      if (p.endsWith("::*/*")) {
        p = p.substring(0, p.length() - 2);
      }
      p += "/@" + attribute;
    }
    return p;
  }

  XPathExpr addCondition(String c) {
    return addCondition(c, "and");
  }

  XPathExpr addCondition(String c, String conjunction) {
    if (!condition.isEmpty()) {
      condition = "(" + condition + ") " + conjunction + " (" + c + ")";
    } else {
      condition = c;
    }
    return this;
  }

  void addNameTest() {
    if (element.equals("*")) {
      return;
    }
    addCondition("name() = " + literal(element));
    element = "*";
  }

  XPathExpr join(String combiner, XPathExpr other, String closing, boolean innerCondition) {
    String p = this + combiner;
    if (!other.path.equals("*/")) {
      p += other.path;
    }
    path = p;
    if (!innerCondition) {
      element = closing != null ? other.element + closing : other.element;
      condition = other.condition;
    } else {
      element = other.element;
      if (!other.condition.isEmpty()) {
        element += "[" + other.condition + "]";
      }
      if (closing != null) {
        element += closing;
      }
    }
    textnode = other.textnode;
    attribute = other.attribute;
    return this;
  }

  XPathExpr join(String combiner, XPathExpr other) {
    return join(combiner, other, null, false);
  }

  /** A string as an XPath literal; {@code concat()} when it has both kinds of quote. */
  static String literal(String s) {
    if (s.indexOf('\'') < 0) {
      return "'" + s + "'";
    }
    if (s.indexOf('"') < 0) {
      return "\"" + s + "\"";
    }
    List<String> parts = new ArrayList<>();
    Matcher m = QUOTE_RUNS.matcher(s);
    int last = 0;
    while (m.find()) {
      parts.add(s.substring(last, m.start()));
      parts.add(m.group());
      last = m.end();
    }
    parts.add(s.substring(last));
    List<String> quoted = new ArrayList<>();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      quoted.add(part.indexOf('\'') >= 0 ? "\"" + part + "\"" : "'" + part + "'");
    }
    return "concat(" + String.join(",", quoted) + ")";
  }
}
