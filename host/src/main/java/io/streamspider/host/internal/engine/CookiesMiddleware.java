package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.List;

/**
 * Scrapy's {@code CookiesMiddleware} (700, COOKIES_ENABLED): one jar per meta {@code cookiejar}; a
 * request's own {@code cookies} go into the jar, its Cookie header is the jar's (Scrapy 2.8
 * replaces one the request set), Set-Cookie headers fill the jar. Meta {@code dont_merge_cookies}
 * skips it; COOKIES_DEBUG logs both directions.
 */
final class CookiesMiddleware implements DownloaderMiddleware {
  static final String LOG = "scrapy.downloadermiddlewares.cookies";

  private final CookieJars jars = new CookieJars();
  private final boolean debug;
  private final HostLog log;

  CookiesMiddleware(Settings settings, HostLog log) {
    this.debug = settings.getBool("COOKIES_DEBUG");
    this.log = log;
  }

  @Override
  public int priority() {
    return 700;
  }

  @Override
  public Outcome processRequest(Exchange x) {
    Job job = x.job;
    if (job.metaFlag("dont_merge_cookies")) {
      return Outcome.CONTINUE;
    }
    Object jar = job.meta.get("cookiejar");
    if (job.cookies != null) {
      List<String> own =
          CookieJars.format(
              job.cookies,
              text ->
                  log.warning(LOG, "Invalid cookie found in request " + job.repr() + ": " + text));
      jars.store(jar, job.url, own);
      job.cookies = null; // the first attempt only, as Scrapy's redirects drop them
    }
    HeaderNames.remove(x.requestHeaders, "Cookie");
    String cookie = jars.header(jar, job.url);
    if (cookie != null) {
      x.requestHeaders.put("Cookie", List.of(cookie));
      if (debug) {
        log.debug(LOG, "Sending cookies to: " + job.repr() + "\nCookie: " + cookie + "\n");
      }
    }
    return Outcome.CONTINUE;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    Job job = x.job;
    if (job.metaFlag("dont_merge_cookies")) {
      return Outcome.CONTINUE;
    }
    List<String> setCookies = HeaderNames.get(x.headers, "Set-Cookie");
    jars.store(job.meta.get("cookiejar"), job.url, setCookies);
    if (!setCookies.isEmpty() && debug) {
      StringBuilder b = new StringBuilder();
      for (String c : setCookies) {
        b.append("\nSet-Cookie: ").append(c).append('\n');
      }
      log.debug(LOG, "Received cookies from: <" + x.status + " " + job.url + ">" + b);
    }
    return Outcome.CONTINUE;
  }
}
