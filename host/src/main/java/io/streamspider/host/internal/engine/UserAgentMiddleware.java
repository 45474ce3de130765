package io.streamspider.host.internal.engine;

import java.util.List;

/** Scrapy's {@code UserAgentMiddleware} (500): USER_AGENT unless the request has one. */
final class UserAgentMiddleware implements DownloaderMiddleware {
  private final List<String> userAgent; // null: none

  UserAgentMiddleware(Settings settings) {
    String ua = settings.getString("USER_AGENT");
    this.userAgent = ua == null || ua.isEmpty() ? null : List.of(ua);
  }

  @Override
  public int priority() {
    return 500;
  }

  @Override
  public Outcome processRequest(Exchange x) {
    if (userAgent != null && !HeaderNames.has(x.requestHeaders, "User-Agent")) {
      x.requestHeaders.put("User-Agent", userAgent);
    }
    return Outcome.CONTINUE;
  }
}
