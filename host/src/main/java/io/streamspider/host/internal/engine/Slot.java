package io.streamspider.host.internal.engine;

import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A download slot (Scrapy's {@code Downloader.Slot}): one per host name or meta {@code
 * download_slot}, with its own concurrency, delay and FIFO queue. Guarded by the engine's lock.
 */
public final class Slot {
  public final String key;
  public final ArrayDeque<Job> queue = new ArrayDeque<>();
  public int transferring;

  /** System.nanoTime() of the last download start, for DOWNLOAD_DELAY. */
  public long lastSeen = Long.MIN_VALUE / 2;

  public boolean wakeupScheduled;
  private final double delaySeconds;
  private final boolean randomize;

  public Slot(String key, double delaySeconds, boolean randomize) {
    this.key = key;
    this.delaySeconds = delaySeconds;
    this.randomize = randomize;
  }

  /**
   * The delay before the next download, in nanoseconds: 0.5 to 1.5 times DOWNLOAD_DELAY when
   * randomised.
   */
  public long delayNanos() {
    if (delaySeconds <= 0) {
      return 0;
    }
    double d =
        randomize
            ? ThreadLocalRandom.current().nextDouble(0.5 * delaySeconds, 1.5 * delaySeconds)
            : delaySeconds;
    return (long) (d * 1e9);
  }

  public boolean idle() {
    return queue.isEmpty() && transferring == 0;
  }
}
