package io.streamspider.host.select.internal;

import io.streamspider.host.internal.ResponseText;
import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.select.NodeMatch;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.spi.LocalSelectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@link LocalSelectors} on {@link HtmlPage}, for spiders run with {@code -s SELECTORS=local}. A
 * response Scrapy would make an {@code XmlResponse} (by its headers, URL or body, as {@code
 * responsetypes.from_args}) is parsed as XML, any other as HTML. A callback's selectors all read
 * the same response, so the last parsed page is reused.
 */
public final class ParselLocalSelectors implements LocalSelectors {
  private record Last(
      String body, String url, boolean typed, Map<String, List<String>> headers, HtmlPage page) {
    boolean isFor(String body, String url, boolean typed, Map<String, List<String>> headers) {
      return this.typed == typed
          && this.headers == headers
          && (this.body == body || this.body.equals(body))
          && Objects.equals(this.url, url);
    }
  }

  private volatile Last last;

  @Override
  public List<String> select(String html, String url, SelectorSpec spec) {
    return page(html, url, false, null).getall(spec);
  }

  @Override
  public List<String> select(
      String body, String url, Map<String, List<String>> headers, SelectorSpec spec) {
    return page(body, url, true, headers).getall(spec);
  }

  /**
   * The response parsed once for {@code Response.css}/{@code xpath}, HTML or XML as Scrapy decides.
   */
  @Override
  public Match parse(String body, String url, Map<String, List<String>> headers) {
    Objects.requireNonNull(body, "body == null");
    HtmlPage page =
        isXml(headers, url, body) ? HtmlPage.parseXml(body, url) : HtmlPage.parse(body, url);
    return NodeMatch.document(page);
  }

  /**
   * The parsed response, reused while the selectors of one callback read it: its class is decided
   * once per response ({@code typed}: as Scrapy decides it; else HTML), not per selector.
   */
  private HtmlPage page(String body, String url, boolean typed, Map<String, List<String>> headers) {
    Last l = last;
    if (l == null || !l.isFor(body, url, typed, headers)) {
      HtmlPage page =
          typed && isXml(headers, url, body)
              ? HtmlPage.parseXml(body, url)
              : HtmlPage.parse(body, url);
      l = new Last(body, url, typed, headers, page);
      last = l;
    }
    return l.page;
  }

  /** Whether Scrapy would make this response an {@code XmlResponse}. */
  static boolean isXml(Map<String, List<String>> headers, String url, String body) {
    // header names as any host spells them (Scrapy's are title-cased)
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              h.put(k, v);
            }
          });
    }
    // the host sent the body as text; from_body only sniffs its first bytes
    String head = body.length() > 5000 ? body.substring(0, 5000) : body;
    return ResponseText.kind(h, url == null ? "" : url, head.getBytes(StandardCharsets.UTF_8))
        == ResponseText.Kind.XML;
  }
}
