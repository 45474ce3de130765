package io.streamspider.host.select;

import io.streamspider.host.select.internal.CssToXPath;
import io.streamspider.host.select.internal.LxmlTreeBuilder;
import io.streamspider.host.select.internal.QueryException;
import io.streamspider.host.select.internal.XPathRunner;
import io.streamspider.host.select.internal.XmlTreeBuilder;
import io.streamspider.host.select.internal.tree.XDocument;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.List;
import java.util.Objects;

/**
 * An HTML page parsed once and queried with parsel's semantics: CSS (with {@code ::text}, {@code
 * *::text}, {@code ::attr(name)}) and XPath 1.0 give what {@code
 * parsel.Selector(text=html).css(q).getall()} / {@code .xpath(q).getall()} give. {@link #parseXml}
 * does the same for an XML document, as {@code Selector(text=xml, type="xml")}: what Scrapy's
 * selectors use for an {@code XmlResponse} (RSS, Atom, sitemaps).
 *
 * <p>The page is parsed on its first query, not before: a response whose callback asks no selector
 * costs no parse. Once parsed, the page keeps only its tree, not the source text.
 *
 * <p>Thread-safe: queries on one page run one at a time (the first one parses the page).
 */
public final class HtmlPage {
  private final String url;
  private final boolean xml;

  /** The source until the first query parses it, then null. */
  private String source;

  private XDocument dom;

  private HtmlPage(String url, String source, boolean xml) {
    this.url = url;
    this.source = source;
    this.xml = xml;
  }

  /**
   * Parses {@code html} as parsel's {@code Selector(text=html)} does (lxml's HTML parser), when the
   * first query needs it.
   *
   * @param url the page's URL, kept for callers; selectors do not depend on it
   */
  public static HtmlPage parse(String html, String url) {
    Objects.requireNonNull(html, "html == null");
    return new HtmlPage(url, html, false);
  }

  /**
   * Parses {@code xml} as parsel's {@code Selector(text=xml, type="xml")} does (lxml's XML parser),
   * when the first query needs it: names keep their case, namespaces count (an unprefixed name test
   * matches only elements in no namespace, as in lxml; use {@code local-name()}), CSS is translated
   * as cssselect's {@code GenericTranslator} does, and elements are serialised as XML.
   */
  public static HtmlPage parseXml(String xml, String url) {
    Objects.requireNonNull(xml, "xml == null");
    return new HtmlPage(url, xml, true);
  }

  public String url() {
    return url;
  }

  boolean isXmlDocument() {
    return xml;
  }

  /**
   * parsel's {@code .getall()}: strings for text nodes, attributes and string results; numbers as
   * Python prints floats ({@code 3.0}); booleans as {@code 1}/{@code 0}; elements, comments and
   * processing instructions as lxml serialises them.
   *
   * @throws SelectorSyntaxException when the expression does not parse
   */
  public List<String> getall(SelectorSpec spec) {
    Objects.requireNonNull(spec, "spec == null");
    return spec.type() == SelectorSpec.Type.CSS ? css(spec.filter()) : xpath(spec.filter());
  }

  /** {@code .css(query).getall()}. */
  public List<String> css(String query) {
    String xpath;
    try {
      xpath = CssToXPath.translate(query, xml);
    } catch (QueryException e) {
      throw new SelectorSyntaxException(e.getMessage());
    }
    return xpath(xpath);
  }

  /** {@code .xpath(query).getall()}. */
  public synchronized List<String> xpath(String query) {
    try {
      return XPathRunner.getall(XPathRunner.evaluate(dom().documentElement(), query));
    } catch (QueryException e) {
      throw new SelectorSyntaxException(e.getMessage());
    }
  }

  /** Whether a query has parsed the page yet (for tests). */
  synchronized boolean parsed() {
    return dom != null;
  }

  /**
   * The parsed document, parsed now if no query has needed it yet (also for {@link NodeMatch}'s
   * nested queries).
   */
  synchronized XDocument dom() {
    if (dom == null) {
      dom = xml ? XmlTreeBuilder.build(source) : LxmlTreeBuilder.build(source);
      source = null;
    }
    return dom;
  }
}
