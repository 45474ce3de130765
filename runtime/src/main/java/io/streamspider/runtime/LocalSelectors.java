package io.streamspider.runtime;

import java.util.List;

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
}
