package io.streamspider.host.internal.engine;

import java.util.function.Consumer;

/**
 * The engine behind the host's protocol side: schedules, filters, downloads. Implementations never
 * block the caller and never use a thread per request.
 */
public interface Downloader extends AutoCloseable {

  /** What became of a submitted request. */
  enum Admission {
    /** Scheduled: exactly one of onResult / onFailure will be called. */
    SCHEDULED,
    /** Dropped by the duplicate filter (logged, counted); neither callback is called. */
    DUPLICATE,
    /** Dropped as off-site (logged, counted); neither callback is called. */
    OFFSITE
  }

  /**
   * Submits a request.
   *
   * @param onFailure receives Scrapy's text for the failure, e.g. {@code DNS lookup failed: no
   *     results for hostname lookup: x.invalid.}
   */
  Admission submit(
      DownloadRequest request, Consumer<DownloadResult> onResult, Consumer<String> onFailure);

  /** Stops scheduling; in-flight requests may finish. */
  void shutdown();

  @Override
  void close();
}
