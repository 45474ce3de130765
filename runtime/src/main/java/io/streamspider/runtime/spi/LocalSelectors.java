package io.streamspider.runtime.spi;

import io.streamspider.runtime.Response;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.List;
import java.util.Map;

/**
 * Evaluates selectors in the spider process with parsel's semantics, for hosts without {@code
 * selector_request} ({@code -s SELECTORS=local}). Provided by the {@code host} module through
 * {@link java.util.ServiceLoader}; absent from a runtime-only classpath.
 */
public interface LocalSelectors {
  /**
   * The values {@code spec} extracts from {@code html} as parsel's {@code .getall()} gives them.
   *
   * @param url the page's URL (for {@code <base>} resolution where it matters)
   * @throws IllegalArgumentException when the expression does not parse
   */
  List<String> select(String html, String url, SelectorSpec spec);

  /**
   * As {@link #select(String, String, SelectorSpec)}, for a response with these headers: as Scrapy
   * does for an {@code XmlResponse}, an XML response (RSS, Atom, a sitemap) is parsed as XML.
   * Implementations that cannot tell parse every page as HTML.
   *
   * @param headers the response's headers as the host sent them (null: none)
   */
  default List<String> select(
      String body, String url, Map<String, List<String>> headers, SelectorSpec spec) {
    return select(body, url, spec);
  }

  /**
   * Parses a response once for {@link Response#css(String)} and {@link Response#xpath(String)}: the
   * document as parsel's {@code Selector(response)} holds it (HTML, or XML for what Scrapy makes an
   * {@code XmlResponse}).
   *
   * @param headers the response's headers (null: none)
   * @throws UnsupportedOperationException when this implementation only answers {@code select}
   */
  default Match parse(String body, String url, Map<String, List<String>> headers) {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " evaluates selectors but cannot parse a response for Response.css/xpath");
  }

  /**
   * One node (or string) a query matched, as one parsel {@code Selector} of a {@code SelectorList}:
   * the document itself, an element, a text or attribute node, or a string result.
   */
  interface Match {
    /** parsel's {@code .get()}: an element's markup, a text's or attribute's value, a string. */
    String get();

    /** {@code .css(query)} with this match as the context; empty for a string result. */
    List<Match> css(String query);

    /** {@code .xpath(query)} with this match as the context; empty for a string result. */
    List<Match> xpath(String query);

    /** parsel's {@code .attrib}: an element's attributes in source order; else empty. */
    Map<String, String> attributes();
  }
}
