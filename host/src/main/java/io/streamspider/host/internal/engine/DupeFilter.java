package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scrapy's {@code RFPDupeFilter}: drops a request whose fingerprint (method, canonical URL, body)
 * was seen before, unless it has {@code dont_filter}; logs the first drop, or every one with {@code
 * DUPEFILTER_DEBUG}.
 */
final class DupeFilter {
  static final String LOG = "scrapy.dupefilters";

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean logNext = new AtomicBoolean(true);
  private final boolean debug;
  private final Stats stats;
  private final HostLog log;

  DupeFilter(Settings settings, Stats stats, HostLog log) {
    this.debug = settings.getBool("DUPEFILTER_DEBUG");
    this.stats = stats;
    this.log = log;
  }

  /** Scrapy 2.8's request fingerprint (method, canonical URL, body), hex. */
  static String fingerprint(String method, String url, byte[] body) {
    return RequestUrls.fingerprint(method.toUpperCase(Locale.ROOT), url, body);
  }

  /** True when the job is a duplicate: recorded otherwise, logged and counted when dropped. */
  boolean filtered(Job job) {
    if (job.dontFilter || seen.add(RequestUrls.fingerprint(job.method, job.url, job.body))) {
      return false;
    }
    if (debug) {
      log.debug(
          LOG, "Filtered duplicate request: " + job.repr() + " (referer: " + job.referer() + ")");
    } else if (logNext.compareAndSet(true, false)) {
      log.debug(
          LOG,
          "Filtered duplicate request: "
              + job.repr()
              + " - no more duplicates will be shown (see DUPEFILTER_DEBUG to show all"
              + " duplicates)");
    }
    stats.inc("dupefilter/filtered");
    return true;
  }
}
