package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Scrapy's {@code OffsiteMiddleware} (a spider middleware, applied here when a request is
 * submitted): a host passes when it is one of the spider's {@code allowed_domains} or a subdomain
 * of one; {@code dont_filter} requests always pass. The first drop per domain is logged.
 */
final class OffsiteFilter {
  static final String LOG = "scrapy.spidermiddlewares.offsite";

  private final Stats stats;
  private final HostLog log;
  private final Set<String> domainsSeen = ConcurrentHashMap.newKeySet();
  private volatile Pattern allowedHosts;

  OffsiteFilter(Stats stats, HostLog log) {
    this.stats = stats;
    this.log = log;
  }

  /**
   * The spider's {@code allowed_domains} (null or empty: every domain). Entries that are URLs or
   * carry a port are ignored with Scrapy's warning.
   */
  void setAllowedDomains(List<String> domains) {
    if (domains == null || domains.isEmpty()) {
      allowedHosts = null;
      return;
    }
    List<String> parts = new ArrayList<>();
    for (String d : domains) {
      if (d == null) {
        continue;
      }
      if (d.matches("^https?://.*$")) {
        log.warning(
            "py.warnings",
            "allowed_domains accepts only domains, not URLs. Ignoring URL "
                + "entry "
                + d
                + " in allowed_domains.");
      } else if (Pattern.compile(":\\d+$").matcher(d).find()) {
        log.warning(
            "py.warnings",
            "allowed_domains accepts only domains without ports. Ignoring "
                + "entry "
                + d
                + " in allowed_domains.");
      } else {
        parts.add(Pattern.quote(d.toLowerCase(Locale.ROOT)));
      }
    }
    allowedHosts = Pattern.compile("^(.*\\.)?(" + String.join("|", parts) + ")$");
  }

  /** Whether allowed_domains lets the URL through. */
  boolean onSite(String url) {
    Pattern p = allowedHosts;
    if (p == null) {
      return true;
    }
    String host = RequestUrls.hostname(url);
    return p.matcher(host == null ? "" : host).find();
  }

  /** True when the job is dropped as off-site (logged the first time per domain, counted). */
  boolean filtered(Job job) {
    if (job.dontFilter || onSite(job.url)) {
      return false;
    }
    String host = RequestUrls.hostname(job.url);
    if (host != null && domainsSeen.add(host)) {
      log.debug(LOG, "Filtered offsite request to " + PyFormat.strRepr(host) + ": " + job.repr());
      stats.inc("offsite/domains");
    }
    stats.inc("offsite/filtered");
    return true;
  }
}
