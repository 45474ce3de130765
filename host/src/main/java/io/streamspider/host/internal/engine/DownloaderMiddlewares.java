package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.engine.DownloaderMiddleware.Outcome;
import io.streamspider.host.internal.engine.Failures.Failure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The downloader middleware chain (Scrapy's {@code DownloaderMiddlewareManager}), sorted by
 * priority. Which middlewares are in it, and what this engine does at Scrapy's other places:
 *
 * <pre>
 *  100 RobotsTxtMiddleware       before the download slot (asynchronous): RobotsTxt
 *  350 DownloadTimeoutMiddleware where the job enters its slot: HttpDownloader
 *  400 DefaultHeadersMiddleware  request
 *  500 UserAgentMiddleware       request
 *  550 RetryMiddleware           response, exception
 *  580 MetaRefreshMiddleware     response
 *  590 HttpCompressionMiddleware request, response
 *  600 RedirectMiddleware        response
 *  700 CookiesMiddleware         request, response
 *  850 DownloaderStats           request, response, exception
 *  900 HttpCacheMiddleware       request, response
 * </pre>
 *
 * <p>The request pass runs when the job leaves its slot, just before the download.
 */
final class DownloaderMiddlewares {
  private final DownloaderMiddleware[] chain;

  DownloaderMiddlewares(List<DownloaderMiddleware> middlewares) {
    List<DownloaderMiddleware> sorted = new ArrayList<>(middlewares);
    sorted.sort(Comparator.comparingInt(DownloaderMiddleware::priority));
    this.chain = sorted.toArray(new DownloaderMiddleware[0]);
  }

  /** Scrapy's default chain, less what the settings turn off. */
  static DownloaderMiddlewares standard(
      Settings settings,
      Stats stats,
      HostLog log,
      DownloaderStats downloaderStats,
      HttpCache httpCache) {
    List<DownloaderMiddleware> m = new ArrayList<>();
    m.add(new DefaultHeadersMiddleware(settings));
    m.add(new UserAgentMiddleware(settings));
    if (settings.getBool("RETRY_ENABLED")) {
      m.add(new RetryMiddleware(settings, stats, log));
    }
    if (settings.getBool("METAREFRESH_ENABLED")) {
      m.add(new MetaRefreshMiddleware(settings, log));
    }
    if (settings.getBool("COMPRESSION_ENABLED")) {
      m.add(new HttpCompressionMiddleware(settings, stats, log));
    }
    if (settings.getBool("REDIRECT_ENABLED")) {
      m.add(new RedirectMiddleware(settings, log));
    }
    if (settings.getBool("COOKIES_ENABLED")) {
      m.add(new CookiesMiddleware(settings, log));
    }
    m.add(downloaderStats);
    if (httpCache != null) {
      m.add(new HttpCacheMiddleware(httpCache, log));
    }
    return new DownloaderMiddlewares(m);
  }

  /** The request pass, lowest priority first; stops at the first outcome other than CONTINUE. */
  Outcome processRequest(Exchange x) {
    for (DownloaderMiddleware m : chain) {
      Outcome o = m.processRequest(x);
      if (o != Outcome.CONTINUE) {
        return o;
      }
    }
    return Outcome.CONTINUE;
  }

  /** The response pass, highest priority first; stops at the first outcome other than CONTINUE. */
  Outcome processResponse(Exchange x) {
    for (int i = chain.length - 1; i >= 0; i--) {
      Outcome o = chain[i].processResponse(x);
      if (o != Outcome.CONTINUE) {
        return o;
      }
    }
    return Outcome.CONTINUE;
  }

  /** The exception pass, highest priority first: CONTINUE when the job fails with it. */
  Outcome processException(Job job, Failure failure) {
    for (int i = chain.length - 1; i >= 0; i--) {
      Outcome o = chain[i].processException(job, failure);
      if (o != Outcome.CONTINUE) {
        return o;
      }
    }
    return Outcome.CONTINUE;
  }
}
