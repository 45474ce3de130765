package io.streamspider.host.internal;

import io.streamspider.runtime.SelectorSpec;
import java.util.List;
import java.util.Map;

/** Evaluates a {@code selector_request}'s selectors on a page with parsel's semantics. */
public interface SelectorEvaluator {
  /**
   * Each field's values, as parsel's {@code .getall()} gives them (protocol, section
   * "selector_request").
   *
   * @throws IllegalArgumentException with a readable text when an expression does not parse
   */
  Map<String, List<String>> select(String html, String url, Map<String, SelectorSpec> selectors);
}
