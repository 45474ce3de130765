package io.streamspider.runtime.internal;

/** How a crawl loop ended; the process exit code follows from it. */
public enum Outcome {
  FINISHED(0),
  HOST_ERROR(1),
  HOST_GONE(1),
  /** The host sent nothing for IDLE_TIMEOUT while requests were pending: not finished. */
  IDLE_TIMEOUT(1),
  /** An item output could not be written (a feed's disk, Scrapy Cloud's FIFO reader gone). */
  OUTPUT_FAILED(1),
  /** An error inside the runtime (or the host's end of stdout gone) stopped the crawl. */
  FAILED(1),
  CANCELLED(143);

  public final int exitCode;

  Outcome(int exitCode) {
    this.exitCode = exitCode;
  }
}
