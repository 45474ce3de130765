package io.streamspider.runtime.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** URL resolution as browsers and Scrapy's {@code response.urljoin} do it, parsed once. */
public final class Urls {
  private Urls() {}

  /**
   * Resolves {@code href} against {@code base} (null: {@code href} must be absolute).
   *
   * @throws URISyntaxException when either does not parse
   */
  public static URI resolve(String base, String href) throws URISyntaxException {
    String h = href.strip();
    if (h.indexOf(' ') >= 0) {
      h = h.replace(" ", "%20");
    }
    if (base == null || h.startsWith("http://") || h.startsWith("https://")) {
      return new URI(h);
    }
    URI b = new URI(base);
    if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
      // java.net.URI resolves "a" against "http://h" to "http://ha"; browsers use "/a"
      b = new URI(b.getScheme(), b.getRawAuthority(), "/", null, null);
    }
    if (h.startsWith("?")) {
      String raw = b.toString();
      int cut = raw.indexOf('?') >= 0 ? raw.indexOf('?') : raw.indexOf('#');
      return new URI((cut >= 0 ? raw.substring(0, cut) : raw) + h);
    }
    return b.resolve(new URI(h));
  }
}
