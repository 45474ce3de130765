package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The crawl's opening and closing as Scrapy logs and counts them: {@code Spider opened}, {@code
 * start_time} and {@code memusage/*}, the LOGSTATS_INTERVAL line (Scrapy's {@code LogStats}
 * extension), then {@code Closing spider}, {@code finish_*}, the stats dump and {@code Spider
 * closed}. While the crawl runs it also watches the HTTP client's own thread, whose death would
 * leave every download hanging.
 */
final class Lifecycle {
  static final String LOGSTATS_LOG = "scrapy.extensions.logstats";
  static final String STATS_LOG = "scrapy.statscollectors";

  private final Settings settings;
  private final Stats stats;
  private final HostLog log;
  private final ScheduledExecutorService timer;
  private final HttpDownloader downloader;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicBoolean clientDead = new AtomicBoolean();
  private volatile boolean started;
  private long startNanos;
  private ScheduledFuture<?> logStatsTask;
  private ScheduledFuture<?> clientWatch;
  private volatile Thread selectorThread;
  private volatile BiConsumer<String, Throwable> onFatal;

  Lifecycle(
      Settings settings,
      Stats stats,
      HostLog log,
      ScheduledExecutorService timer,
      HttpDownloader downloader) {
    this.settings = settings;
    this.stats = stats;
    this.log = log;
    this.timer = timer;
    this.downloader = downloader;
  }

  /** See {@link Engine#onFatal}. */
  void onFatal(BiConsumer<String, Throwable> handler) {
    this.onFatal = handler;
  }

  /** Opens the crawl: start_time, the first stats line, and the LOGSTATS_INTERVAL timer. */
  synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    startNanos = System.nanoTime();
    stats.set("start_time", LocalDateTime.now(ZoneOffset.UTC));
    long rss = peakRss();
    if (rss > 0) {
      stats.set("memusage/startup", rss);
      stats.set("memusage/max", rss);
    }
    log.info(Engine.ENGINE_LOG, "Spider opened");
    selectorThread = downloader.selectorThread();
    clientWatch =
        timer.scheduleWithFixedDelay(
            Engine.guard(log, this::watchClient), 500, 500, TimeUnit.MILLISECONDS);
    double interval = settings.getDouble("LOGSTATS_INTERVAL");
    if (interval > 0) {
      long[] prev = new long[2];
      double multiplier = 60.0 / interval;
      Runnable line =
          () -> {
            long pages = stats.getLong("response_received_count");
            long items = stats.getLong("item_scraped_count");
            long pageRate = (long) ((pages - prev[0]) * multiplier);
            long itemRate = (long) ((items - prev[1]) * multiplier);
            prev[0] = pages;
            prev[1] = items;
            log.info(
                LOGSTATS_LOG,
                "Crawled "
                    + pages
                    + " pages (at "
                    + pageRate
                    + " pages/min), scraped "
                    + items
                    + " items (at "
                    + itemRate
                    + " items/min)");
          };
      long period = Math.max(1, (long) (interval * 1e9));
      logStatsTask =
          timer.scheduleAtFixedRate(Engine.guard(log, line), 0, period, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Closes the crawl once: {@code Closing spider}, then {@code stop} (which ends scheduling and
   * downloads), then the closing stats, their dump and {@code Spider closed}.
   *
   * @return false when it had already run
   */
  boolean finish(String reason, Runnable stop) {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    if (!started) {
      start();
    }
    log.info(Engine.ENGINE_LOG, "Closing spider (" + reason + ")");
    stop.run();
    stats.set("finish_time", LocalDateTime.now(ZoneOffset.UTC));
    stats.set("finish_reason", reason);
    stats.set("elapsed_time_seconds", (System.nanoTime() - startNanos) / 1e9);
    long rss = peakRss();
    if (rss > 0) {
      stats.max("memusage/max", rss);
    }
    if (settings.getBool("STATS_DUMP")) {
      log.info(STATS_LOG, stats.dump());
    }
    log.info(Engine.ENGINE_LOG, "Spider closed (" + reason + ")");
    return true;
  }

  /** Stops the LOGSTATS line and the client watch. */
  void stopTimers() {
    if (logStatsTask != null) {
      logStatsTask.cancel(false);
    }
    if (clientWatch != null) {
      clientWatch.cancel(false);
    }
  }

  private void watchClient() {
    Thread t = selectorThread;
    if (t != null
        && !t.isAlive()
        && !downloader.isClosed()
        && clientDead.compareAndSet(false, true)) {
      BiConsumer<String, Throwable> h = onFatal;
      IllegalStateException e =
          new IllegalStateException(
              "the HTTP client's thread "
                  + t.getName()
                  + " stopped (out of memory?): no download can end any more");
      log.error("host", e.getMessage());
      if (h != null) {
        h.accept("downloading", e);
      }
    }
  }

  /** Peak resident memory in bytes (Scrapy's memusage stats read ru_maxrss), or 0. */
  private static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
