package io.streamspider.runtime.internal;

import java.io.IOException;

/**
 * The IDLE_TIMEOUT safety net: knows since when the loop has been waiting for the host, and runs
 * the thread that asks the loop to end a crawl whose host sent nothing for that long with requests
 * pending ({@link CrawlLoop#closeIfIdle}). Off in frontier mode, where the host decides when the
 * crawl ends.
 */
final class Watchdog {
  private volatile long waitingSince = -1;

  /** The loop starts waiting for the host's next line. */
  void waiting() {
    waitingSince = System.nanoTime();
  }

  /** The loop got a line (or the end of the input). */
  void busy() {
    waitingSince = -1;
  }

  /** Whether the loop is waiting for the host. */
  boolean isWaiting() {
    return waitingSince >= 0;
  }

  /** Whether the loop has been waiting for at least {@code nanos}. */
  boolean idleFor(long nanos) {
    long since = waitingSince;
    return since >= 0 && System.nanoTime() - since >= nanos;
  }

  /**
   * Starts the daemon thread that checks {@code loop} about ten times per {@code idleNanos}
   * (between 10 ms and 1 s).
   *
   * @param ownProcess whether the spider has its process to itself: the process then exits with the
   *     loop's outcome; in the host's JVM the host ends the crawl when the output ends
   */
  static void start(CrawlLoop loop, long idleNanos, boolean ownProcess) {
    Thread t =
        new Thread("streamspider-idle-watchdog") {
          @Override
          public void run() {
            watch(loop, idleNanos, ownProcess);
          }
        };
    t.setDaemon(true);
    t.start();
  }

  private static void watch(CrawlLoop loop, long idleNanos, boolean ownProcess) {
    long step = Math.max(10_000_000L, Math.min(1_000_000_000L, idleNanos / 10));
    while (true) {
      try {
        Thread.sleep(step / 1_000_000L);
        if (loop.closeIfIdle(idleNanos)) {
          if (ownProcess) {
            System.exit(loop.outcome().exitCode);
          }
          return; // in the host's JVM: the host ends the crawl when the spider's output ends
        }
      } catch (InterruptedException | IOException e) {
        return;
      }
    }
  }
}
