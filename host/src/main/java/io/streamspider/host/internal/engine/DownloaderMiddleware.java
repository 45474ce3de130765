package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.engine.Failures.Failure;

/**
 * One of Scrapy's downloader middlewares ({@code DOWNLOADER_MIDDLEWARES_BASE}), with its priority
 * there. {@link DownloaderMiddlewares} calls {@link #processRequest} in ascending priority before a
 * download, {@link #processResponse} and {@link #processException} in descending priority after it,
 * as Scrapy's middleware manager does. A middleware that the settings turn off is not in the chain
 * at all (Scrapy's {@code NotConfigured}).
 *
 * <p>Implementations keep no per-request state and allocate nothing on the common path: the chain
 * runs for every download.
 */
interface DownloaderMiddleware {

  /** What the chain does after a middleware's method. */
  enum Outcome {
    /** On to the next middleware (or, at the end of the chain, the download or the spider). */
    CONTINUE,
    /**
     * {@link #processRequest} only: the exchange holds a response (the HTTP cache's), which goes
     * through the response pass instead of a download.
     */
    RESPOND,
    /** The middleware changed the job (redirect, retry): it goes back through the scheduler. */
    RESCHEDULE,
    /**
     * The job fails with {@link Exchange#failure}: from {@link #processRequest} through the
     * exception pass (Scrapy's {@code IgnoreRequest}), from {@link #processResponse} as the job's
     * answer.
     */
    FAIL
  }

  /** Scrapy's priority of this middleware; the chain's order. */
  int priority();

  /** Before the download: may add to {@link Exchange#requestHeaders}, answer from a cache. */
  default Outcome processRequest(Exchange x) {
    return Outcome.CONTINUE;
  }

  /** A response (downloaded or cached): may change it, redirect, retry or fail the job. */
  default Outcome processResponse(Exchange x) {
    return Outcome.CONTINUE;
  }

  /**
   * A failed download (or a request a middleware ignored): may count it or retry the job ({@link
   * Outcome#RESCHEDULE}); {@link Outcome#CONTINUE} passes the failure on.
   */
  default Outcome processException(Job job, Failure failure) {
    return Outcome.CONTINUE;
  }
}
