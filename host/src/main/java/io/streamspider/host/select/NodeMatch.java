package io.streamspider.host.select;

import io.streamspider.host.select.internal.CssToXPath;
import io.streamspider.host.select.internal.QueryException;
import io.streamspider.host.select.internal.XPathRunner;
import io.streamspider.host.select.internal.tree.XNode;
import io.streamspider.runtime.spi.LocalSelectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsel {@code Selector} over a parsed {@link HtmlPage}: a node (the document's root element,
 * an element, a text or attribute node) or a string result, for {@code Response.css} and {@code
 * Response.xpath}. Queries on one page run one at a time, as {@link HtmlPage}'s.
 */
public final class NodeMatch implements LocalSelectors.Match {
  private final HtmlPage page;
  private final XNode node; // null for a string, number or boolean result
  private String value; // serialised on first get()

  private NodeMatch(HtmlPage page, XNode node, String value) {
    this.page = page;
    this.node = node;
    this.value = value;
  }

  /** The whole page: queries start at its root element, as parsel's do. */
  public static NodeMatch document(HtmlPage page) {
    return new NodeMatch(page, page.dom().documentElement(), null);
  }

  @Override
  public String get() {
    if (value == null) {
      synchronized (page) {
        // the node itself, serialised exactly as a query returning it would be
        List<String> v = XPathRunner.getall(XPathRunner.evaluate(node, "."));
        value = v.isEmpty() ? "" : v.get(0);
      }
    }
    return value;
  }

  @Override
  public List<LocalSelectors.Match> css(String query) {
    String xpath;
    try {
      xpath = CssToXPath.translate(query, page.isXmlDocument());
    } catch (QueryException e) {
      throw new SelectorSyntaxException(e.getMessage());
    }
    return xpath(xpath);
  }

  @Override
  public List<LocalSelectors.Match> xpath(String query) {
    if (node == null) {
      return List.of();
    }
    synchronized (page) {
      XPathRunner.Result r;
      try {
        r = XPathRunner.evaluate(node, query);
      } catch (QueryException e) {
        throw new SelectorSyntaxException(e.getMessage());
      }
      if (r.nodes == null) {
        return List.of(new NodeMatch(page, null, XPathRunner.getall(r).get(0)));
      }
      List<LocalSelectors.Match> out = new ArrayList<>(r.nodes.size());
      for (XNode n : r.nodes) {
        if (n.type() != XNode.DOCUMENT) { // lxml leaves the document node out
          out.add(new NodeMatch(page, n, null));
        }
      }
      return out;
    }
  }

  @Override
  public Map<String, String> attributes() {
    if (node == null || node.type() != XNode.ELEMENT) {
      return Map.of();
    }
    synchronized (page) {
      Map<String, String> out = new LinkedHashMap<>();
      for (XNode a :
          XPathRunner.evaluate(node, "@*").nodes) { // in source order, as lxml keeps them
        out.put(a.name(), a.value());
      }
      return Collections.unmodifiableMap(out);
    }
  }

  @Override
  public String toString() {
    return get();
  }
}
