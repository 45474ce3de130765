package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Scrapy's {@code HttpCacheMiddleware} (900, HTTPCACHE_ENABLED) with {@code DummyPolicy}: answers a
 * request from the cache (flag {@code cached}) and stores every response fresh off the wire, next
 * to the downloader: the request it keys has its default headers and cookies, the response it
 * stores comes before redirects, decompression and retries. Meta {@code dont_cache} skips it.
 */
final class HttpCacheMiddleware implements DownloaderMiddleware {
  private static final String LOG = "scrapy.extensions.httpcache";

  private final HttpCache cache;
  private final HostLog log;

  HttpCacheMiddleware(HttpCache cache, HostLog log) {
    this.cache = cache;
    this.log = log;
  }

  @Override
  public int priority() {
    return 900;
  }

  @Override
  public Outcome processRequest(Exchange x) {
    if (!cache.cacheable(x.job)) {
      return Outcome.CONTINUE;
    }
    HttpCache.Cached hit;
    try {
      hit = cache.lookup(x.job);
    } catch (HttpCache.MissingException e) {
      return x.fail(Failures.ignoreRequest(e.getMessage()));
    } catch (IllegalArgumentException e) {
      log.error(LOG, e.getMessage() + "; downloading " + x.job.repr() + " instead");
      return Outcome.CONTINUE;
    }
    if (hit == null) {
      return Outcome.CONTINUE;
    }
    x.respond(
        hit.status(),
        new LinkedHashMap<>(hit.headers()),
        hit.body(),
        new ArrayList<>(List.of("cached")));
    return Outcome.RESPOND;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    if (!x.flags.contains("cached") && cache.cacheable(x.job)) {
      cache.store(x.job, x.requestHeaders, x.status, x.headers, x.body, log);
    }
    return Outcome.CONTINUE;
  }
}
