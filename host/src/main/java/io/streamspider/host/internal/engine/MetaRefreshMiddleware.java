package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.List;

/**
 * Scrapy's {@code MetaRefreshMiddleware} (580, only with METAREFRESH_ENABLED): follows a {@code
 * <meta http-equiv="refresh">} shorter than METAREFRESH_MAXDELAY as a GET, unless meta {@code
 * dont_redirect}.
 */
final class MetaRefreshMiddleware extends BaseRedirectMiddleware {
  private final List<String> ignoreTags;
  private final long maxDelay;

  MetaRefreshMiddleware(Settings settings, HostLog log) {
    super(settings, log);
    this.ignoreTags = settings.getStringList("METAREFRESH_IGNORE_TAGS");
    this.maxDelay = settings.getLong("METAREFRESH_MAXDELAY");
  }

  @Override
  public int priority() {
    return 580;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    if (x.job.metaFlag("dont_redirect") || x.job.method.equals("HEAD")) {
      return Outcome.CONTINUE;
    }
    List<String> type = HeaderNames.get(x.headers, "Content-Type");
    MetaRefresh.Refresh refresh =
        MetaRefresh.find(x.body, type.isEmpty() ? null : type.get(0), x.job.url, ignoreTags);
    if (refresh != null && refresh.interval() < maxDelay) {
      return redirect(x, refresh.url(), true, "meta refresh");
    }
    return Outcome.CONTINUE;
  }
}
