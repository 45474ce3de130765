package io.streamspider.runtime;

import java.util.List;
import java.util.Map;

/**
 * Evaluates selectors in the spider process with parsel's semantics, for hosts without
 * {@code selector_request} ({@code -s SELECTORS=local}). Provided by the {@code host} module
 * through {@link java.util.ServiceLoader}; absent from a runtime-only classpath.
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
   * As {@link #select(String, String, SelectorSpec)}, for a response with these headers: as
   * Scrapy does for an {@code XmlResponse}, an XML response (RSS, Atom, a sitemap) is parsed as
   * XML. Implementations that cannot tell parse every page as HTML.
   *
   * @param headers the response's headers as the host sent them (null: none)
   */
  default List<String> select(String body, String url, Map<String, List<String>> headers, SelectorSpec spec) {
    return select(body, url, spec);
  }
}
