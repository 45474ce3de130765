package io.streamspider.host.select.internal;

import io.streamspider.selector.grammar.SelectorError;
import io.streamspider.selector.grammar.XPathTranslator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CSS selectors to XPath 1.0 as parsel does it, cached per selector. The grammar and the
 * translation are the shared module's ({@link XPathTranslator}, the code the annotation processor
 * checks selectors with); this class keeps a cache per dialect and reports a bad selector as the
 * {@link QueryException} parsel would raise.
 */
public final class CssToXPath {
  // a spider's selectors are few and asked of every page; failures are not cached (they throw)
  private static final int CACHE_MAX = 1024;
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, String> XML_CACHE = new ConcurrentHashMap<>();

  private CssToXPath() {}

  /** Translates a group of selectors, each prefixed with {@code descendant-or-self::}. */
  public static String translate(String css) {
    return translate(css, false);
  }

  /**
   * As {@link #translate(String)}; with {@code xml}, as parsel's translator for XML documents
   * ({@code GenericTranslator}): element and attribute names keep their case, and the
   * pseudo-classes that only mean something in HTML ({@code :checked}, {@code :link}, {@code
   * :enabled}, {@code :disabled}) match nothing.
   */
  public static String translate(String css, boolean xml) {
    Map<String, String> cache = xml ? XML_CACHE : CACHE;
    String cached = cache.get(css);
    if (cached != null) {
      return cached;
    }
    String xpath;
    try {
      xpath = (xml ? XPathTranslator.XML : XPathTranslator.HTML).translate(css);
    } catch (SelectorError e) {
      throw new QueryException(e.kind().pythonType(), e.getMessage());
    }
    if (cache.size() >= CACHE_MAX) {
      cache.clear();
    }
    cache.put(css, xpath);
    return xpath;
  }
}
