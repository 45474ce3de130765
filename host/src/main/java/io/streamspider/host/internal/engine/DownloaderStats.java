package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.engine.Failures.Failure;
import java.net.URI;

/**
 * Scrapy's {@code DownloaderStats} (850): {@code downloader/request_*}, {@code
 * downloader/response_*} and {@code downloader/exception_*}, bytes counted as Scrapy's {@code
 * request_httprepr} and {@code response_httprepr} would be long.
 */
final class DownloaderStats implements DownloaderMiddleware {
  private final Stats stats;

  DownloaderStats(Stats stats) {
    this.stats = stats;
  }

  @Override
  public int priority() {
    return 850;
  }

  /**
   * Counts a download attempt. The downloader calls it when the attempt starts, ahead of the
   * request pass, so that a URL its handler refuses before that pass counts too, as in Scrapy.
   */
  void countRequest(Job job) {
    stats.inc("downloader/request_count");
    stats.inc("downloader/request_method_count/" + job.method);
  }

  @Override
  public Outcome processRequest(Exchange x) {
    stats.inc("downloader/request_bytes", requestBytes(x));
    return Outcome.CONTINUE;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    stats.inc("downloader/response_count");
    stats.inc("downloader/response_status_count/" + x.status);
    String reason = HttpReasons.reason(x.status);
    stats.inc(
        "downloader/response_bytes",
        ("HTTP/1.1 " + x.status + " " + (reason == null ? "" : reason) + "\r\n").length()
            + (x.headers.isEmpty() ? 0 : HeaderNames.size(x.headers))
            + 2
            + x.body.length);
    return Outcome.CONTINUE;
  }

  @Override
  public Outcome processException(Job job, Failure failure) {
    countException(failure.pythonClass());
    return Outcome.CONTINUE;
  }

  private void countException(String pythonClass) {
    stats.inc("downloader/exception_count");
    stats.inc("downloader/exception_type_count/" + pythonClass);
  }

  /** Scrapy's {@code len(request_httprepr(request))}. */
  private static long requestBytes(Exchange x) {
    URI uri = x.uri;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    long n =
        x.job.method.length()
            + 1
            + path.length()
            + " HTTP/1.1\r\n".length()
            + "Host: ".length()
            + uri.getHost().length()
            + 2;
    if (!x.requestHeaders.isEmpty()) {
      n += HeaderNames.size(x.requestHeaders);
    }
    return n + 2 + x.job.body.length;
  }
}
