package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapy's {@code BaseRedirectMiddleware}: turns a job into its redirect (REDIRECT_MAX_TIMES, meta
 * {@code redirect_times}, {@code redirect_ttl}, {@code redirect_urls}, {@code redirect_reasons},
 * REDIRECT_PRIORITY_ADJUST), for HTTP redirects and meta refreshes.
 */
abstract class BaseRedirectMiddleware implements DownloaderMiddleware {
  static final String LOG = "scrapy.downloadermiddlewares.redirect";

  private final int maxTimes;
  private final int priorityAdjust;
  private final HostLog log;

  BaseRedirectMiddleware(Settings settings, HostLog log) {
    this.maxTimes = settings.getInt("REDIRECT_MAX_TIMES");
    this.priorityAdjust = settings.getInt("REDIRECT_PRIORITY_ADJUST");
    this.log = log;
  }

  /**
   * Scrapy's {@code _redirect}: RESCHEDULE with the job changed into its redirect to {@code target}
   * ({@code toGet}: as a GET without body), or FAIL past REDIRECT_MAX_TIMES.
   */
  final Outcome redirect(Exchange x, String target, boolean toGet, Object reason) {
    Job job = x.job;
    Object ttlValue = job.meta.get("redirect_ttl");
    if (ttlValue == null) {
      ttlValue = maxTimes;
      job.meta.put("redirect_ttl", maxTimes);
    }
    long ttl = ttlValue instanceof Number n ? n.longValue() : maxTimes;
    long redirects = job.metaLong("redirect_times", 0) + 1;
    if (ttl == 0 || redirects > maxTimes) {
      log.debug(LOG, "Discarding " + job.repr() + ": max redirections reached");
      return x.fail(Failures.ignoreRequest("max redirections reached"));
    }
    String fromRepr = job.repr();
    String fromUrl = job.url;
    Map<String, List<String>> headers = new LinkedHashMap<>(job.headers);
    if (toGet) {
      job.method = "GET";
      job.body = new byte[0];
      HeaderNames.remove(headers, "Content-Type");
      HeaderNames.remove(headers, "Content-Length");
    }
    if (HeaderNames.has(headers, "Cookie") && !netloc(fromUrl).equals(netloc(target))) {
      HeaderNames.remove(headers, "Cookie");
    }
    job.headers = headers;
    job.cookies = null;
    job.url = target;
    job.meta.put("redirect_times", (int) redirects);
    job.meta.put("redirect_ttl", (int) (ttl - 1));
    List<Object> urls = new ArrayList<>(listMeta(job, "redirect_urls"));
    urls.add(fromUrl);
    job.meta.put("redirect_urls", urls);
    List<Object> reasons = new ArrayList<>(listMeta(job, "redirect_reasons"));
    reasons.add(reason);
    job.meta.put("redirect_reasons", reasons);
    job.priority += priorityAdjust;
    log.debug(LOG, "Redirecting (" + reason + ") to " + job.repr() + " from " + fromRepr);
    return Outcome.RESCHEDULE;
  }

  private static String netloc(String url) {
    try {
      String n = new URI(url).getRawAuthority();
      return n == null ? "" : n;
    } catch (URISyntaxException e) {
      return "";
    }
  }

  private static List<?> listMeta(Job job, String key) {
    return job.meta.get(key) instanceof List<?> l ? l : List.of();
  }
}
