package io.streamspider.host.internal.engine;

import java.util.List;
import java.util.Map;

/** Scrapy's {@code DefaultHeadersMiddleware} (400): DEFAULT_REQUEST_HEADERS the request lacks. */
final class DefaultHeadersMiddleware implements DownloaderMiddleware {
  private final Map<String, List<String>> defaults;

  DefaultHeadersMiddleware(Settings settings) {
    this.defaults = settings.getHeaders("DEFAULT_REQUEST_HEADERS");
  }

  @Override
  public int priority() {
    return 400;
  }

  @Override
  public Outcome processRequest(Exchange x) {
    Map<String, List<String>> headers = x.requestHeaders;
    for (Map.Entry<String, List<String>> d : defaults.entrySet()) {
      if (!HeaderNames.has(headers, d.getKey())) {
        headers.put(d.getKey(), d.getValue());
      }
    }
    return Outcome.CONTINUE;
  }
}
