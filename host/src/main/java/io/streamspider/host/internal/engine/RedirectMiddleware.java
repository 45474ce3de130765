package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.List;

/**
 * Scrapy's {@code RedirectMiddleware} (600): follows 301, 302, 303, 307 and 308 with a {@code
 * Location}, unless meta {@code dont_redirect} or the spider handles the status ({@code
 * handle_httpstatus_list}, {@code handle_httpstatus_all}). 302 and 303 become a GET (except for
 * HEAD).
 */
final class RedirectMiddleware extends BaseRedirectMiddleware {

  RedirectMiddleware(Settings settings, HostLog log) {
    super(settings, log);
  }

  @Override
  public int priority() {
    return 600;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    int status = x.status;
    if (x.job.metaFlag("dont_redirect")
        || handlesStatus(x.job, status)
        || !(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
      return Outcome.CONTINUE;
    }
    List<String> location = HeaderNames.get(x.headers, "Location");
    if (location.isEmpty()) {
      return Outcome.CONTINUE;
    }
    String target = RequestUrls.redirectTarget(x.job.url, location.get(0));
    boolean keepMethod =
        status == 301 || status == 307 || status == 308 || x.job.method.equals("HEAD");
    return redirect(x, target, !keepMethod, status);
  }

  private static boolean handlesStatus(Job job, int status) {
    if (job.metaFlag("handle_httpstatus_all")) {
      return true;
    }
    if (job.meta.get("handle_httpstatus_list") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Number n && n.intValue() == status) {
          return true;
        }
      }
    }
    return false;
  }
}
