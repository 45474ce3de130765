package io.streamspider.processor.internal;

import io.streamspider.selector.grammar.SelectorError;
import io.streamspider.selector.grammar.XPathTranslator;

/**
 * Whether parsel would accept a CSS selector, decided by the code the embedded host runs: the
 * shared selector grammar parses and translates it to XPath (cssselect's grammar, its
 * translation-time errors, parsel's {@code ::text} and {@code ::attr(name)}), and {@link
 * XPathCheck} checks that XPath as it checks a written one (an undefined namespace prefix, an
 * attribute name that is not one). A selector the host would reject fails compilation instead of
 * the crawl, with the message the host would give.
 */
public final class CssCheck {
  private CssCheck() {}

  /** Null when parsel accepts {@code css}, else why not and where. */
  public static String check(String css) {
    String xpath;
    try {
      xpath = XPathTranslator.HTML.translate(css);
    } catch (SelectorError e) {
      return describe(css, e);
    }
    String problem = XPathCheck.check(xpath);
    if (problem != null) {
      return "it translates to the XPath " + xpath + ", which lxml refuses: " + problem;
    }
    return null;
  }

  /** cssselect's message, the position it concerns, and a hint for the usual mistakes. */
  private static String describe(String css, SelectorError e) {
    String message = e.getMessage();
    int at = Math.min(e.position(), css.length());
    StringBuilder b = new StringBuilder(message);
    if (at >= 0) {
      // where: the offset, and the selector from there (cssselect's reprs show offsets only)
      b.append(" (at ").append(at);
      b.append(at == css.length() ? ", the end)" : ", from \"" + css.substring(at) + "\")");
    }
    if (message.startsWith("The pseudo-class :")) {
      b.append("; jQuery and jsoup extensions such as :eq() or :containsOwn() are not CSS");
    } else if (message.contains(" not at the end of a selector")) {
      b.append("; ::text and ::attr() select text or an attribute, which has no children");
    } else if (message.contains("is not implemented")) {
      b.append("; give an element name, e.g. p:first-of-type");
    }
    return b.toString();
  }
}
