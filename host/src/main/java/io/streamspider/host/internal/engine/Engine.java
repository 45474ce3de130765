package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The host's download engine, with Scrapy 2.8's default behaviour: a priority scheduler (higher
 * first, last-in first-out within a priority), CONCURRENT_REQUESTS overall and
 * CONCURRENT_REQUESTS_PER_DOMAIN per download slot, DOWNLOAD_DELAY, DOWNLOAD_TIMEOUT, the duplicate
 * filter, off-site filtering by {@code allowed_domains}, robots.txt, cookies, redirects, retries,
 * gzip/deflate decoding and size limits, over the JDK's asynchronous {@link HttpClient} (HTTP/2
 * over TLS, HTTP/1.1 otherwise; pooled connections; a small fixed thread pool, never a thread per
 * request).
 *
 * <p>Callbacks run on the engine's threads, possibly several at once: they must be thread-safe and
 * quick. Every {@link Admission#SCHEDULED} request gets exactly one callback; requests still queued
 * at {@link #shutdown()} and downloads aborted by {@link #close()} get {@link #SHUTDOWN_TEXT}.
 *
 * <p>Lifecycle: {@link #start()}, {@link #submit}..., then either {@link #finish(String)} at the
 * end of the crawl, or for Ctrl-C/SIGTERM: {@link #shutdown()}, {@link #awaitInFlight(Duration)},
 * {@link #finish(String) finish("shutdown")}.
 *
 * <p>The engine is the host's own (its users are the streaming session, the dev commands and the
 * benchmarks); a spider configures it only through settings. It wires its parts together, admits
 * requests and gives each its one answer: {@code OffsiteFilter} and {@code DupeFilter} at {@link
 * #submit}, {@code Scheduler}, {@code RobotsTxtMiddleware}, {@code HttpDownloader} with the {@code
 * DownloaderMiddlewares} chain, {@code Lifecycle} (docs/engine.md, "Inside the engine").
 */
public final class Engine implements Downloader {
  /** The failure text of a request the crawl's end kept from being downloaded. */
  public static final String SHUTDOWN_TEXT = "Crawl shut down before this request was downloaded";

  static final String ENGINE_LOG = "scrapy.core.engine";

  private final Settings settings;
  private final HostLog log;
  private final Stats stats = new Stats();
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final Runnable stopCountingLogs;

  /** Guards the scheduler and the download slots, so that awaitInFlight sees both. */
  private final Object lock = new Object();

  private final OffsiteFilter offsite;
  private final DupeFilter dupeFilter;
  private final Scheduler scheduler;
  private final RobotsTxtMiddleware robots; // null unless ROBOTSTXT_OBEY
  private final HttpDownloader downloader;
  private final Lifecycle lifecycle;

  /** An engine with its own HTTP client; sets the log's level to the settings' LOG_LEVEL. */
  public Engine(Settings settings, HostLog log) {
    this(settings, log, null);
  }

  /**
   * As {@link #Engine(Settings, HostLog)}, for the spider {@code spiderName}: with {@code
   * HTTPCACHE_ENABLED}, its responses are cached under {@code <HTTPCACHE_DIR>/<spiderName>}.
   *
   * @throws IllegalArgumentException naming HTTPCACHE_DIR when the cache cannot be written
   */
  public Engine(Settings settings, HostLog log, String spiderName) {
    this.settings = settings;
    this.log = log;
    log.setLevel(settings.logLevel());
    this.stopCountingLogs = stats.countLogs(log);
    HttpCache httpCache; // null unless HTTPCACHE_ENABLED
    try {
      httpCache = HttpCache.open(settings, spiderName, Path.of(""), stats, log);
    } catch (IllegalArgumentException e) {
      stopCountingLogs.run();
      throw e;
    }
    DownloaderStats downloaderStats = new DownloaderStats(stats);
    DownloaderMiddlewares middlewares =
        DownloaderMiddlewares.standard(settings, stats, log, downloaderStats, httpCache);
    this.scheduler =
        new Scheduler(lock, stats, settings.getInt("CONCURRENT_REQUESTS"), this::dispatch);
    this.dupeFilter = new DupeFilter(settings, stats, log);
    this.offsite = new OffsiteFilter(stats, log);
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.executor = Executors.newFixedThreadPool(threads, daemon("streamspider-engine"));
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(1, daemon("streamspider-engine-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.downloader =
        new HttpDownloader(
            settings,
            log,
            lock,
            executor,
            timer,
            middlewares,
            downloaderStats,
            new HttpDownloader.Answers() {
              @Override
              public void deliver(Job job, DownloadResult result) {
                Engine.this.deliver(job, result);
              }

              @Override
              public void reschedule(Job job) {
                Engine.this.reschedule(job);
              }

              @Override
              public void fail(Job job, String text) {
                release(job);
                answer(job, text);
              }
            });
    this.robots =
        settings.getBool("ROBOTSTXT_OBEY")
            ? new RobotsTxtMiddleware(settings, stats, log, downloader::fetch)
            : null;
    this.lifecycle = new Lifecycle(settings, stats, log, timer, downloader);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread th = new Thread(r, name + "-" + n.incrementAndGet());
      th.setDaemon(true);
      return th;
    };
  }

  public Settings settings() {
    return settings;
  }

  public Stats stats() {
    return stats;
  }

  /**
   * The spider's {@code allowed_domains} (null or empty: every domain). Entries that are URLs or
   * carry a port are ignored with Scrapy's warning.
   */
  public void setAllowedDomains(List<String> domains) {
    offsite.setAllowedDomains(domains);
  }

  /**
   * Called (once) when the engine can no longer download: the HTTP client's own thread, which reads
   * and writes every connection, has died (e.g. of OutOfMemoryError); no download in flight or to
   * come would ever end. The caller must end the crawl.
   */
  public void onFatal(BiConsumer<String, Throwable> handler) {
    lifecycle.onFatal(handler);
  }

  /** Opens the crawl: start_time, the first stats line, and the LOGSTATS_INTERVAL timer. */
  public void start() {
    lifecycle.start();
  }

  // ------------------------------------------------------------------ admission

  @Override
  public Admission submit(
      DownloadRequest request, Consumer<DownloadResult> onResult, Consumer<String> onFailure) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (request.headers() != null) {
      request
          .headers()
          .forEach(
              (k, v) -> {
                if (k != null && v != null) {
                  headers.put(k, new ArrayList<>(v));
                }
              });
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    if (request.meta() != null) {
      meta.putAll(request.meta());
    }
    String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
    Job job =
        new Job(
            method,
            request.url(),
            headers,
            request.body() == null ? new byte[0] : request.body(),
            meta,
            request.priority(),
            request.dontFilter(),
            request.cookies(),
            false,
            onResult,
            onFailure);
    if (scheduler.isShutdown()) {
      answerLater(job, SHUTDOWN_TEXT);
      return Admission.SCHEDULED;
    }
    if (request.url() == null) {
      answerLater(job, "Request url must be str, got NoneType");
      return Admission.SCHEDULED;
    }
    try {
      job.url = RequestUrls.requestUrl(request.url(), request.encoding());
    } catch (IllegalArgumentException e) {
      answerLater(job, e.getMessage());
      return Admission.SCHEDULED;
    }
    if (offsite.filtered(job)) {
      return Admission.OFFSITE;
    }
    if (dupeFilter.filtered(job)) {
      return Admission.DUPLICATE;
    }
    enqueue(job);
    return Admission.SCHEDULED;
  }

  /** Scrapy 2.8's request fingerprint (method, canonical URL, body), hex. */
  public static String fingerprint(String method, String url, byte[] body) {
    return DupeFilter.fingerprint(method, url, body);
  }

  /** Whether allowed_domains lets the URL through (package-private for tests). */
  boolean onSite(String url) {
    return offsite.onSite(url);
  }

  // ------------------------------------------------------------------ scheduling

  private void enqueue(Job job) {
    if (job.direct) {
      downloader.fetch(job);
    } else if (!scheduler.enqueue(job)) {
      answerLater(job, SHUTDOWN_TEXT);
    }
  }

  /** A scheduled job is done (answered, or back in the scheduler). */
  private void release(Job job) {
    scheduler.release(job);
  }

  private void dispatch(Job job) {
    if (robots != null && robots.applies(job)) {
      robots
          .rulesFor(job)
          .whenCompleteAsync(
              (rules, error) -> {
                try {
                  if (robots.forbids(rules, job)) {
                    downloader.failed(job, Failures.ignoreRequest("Forbidden by robots.txt"));
                  } else {
                    downloader.fetch(job);
                  }
                } catch (Throwable e) {
                  log.error("host", "Engine error on " + job.repr() + ": " + e);
                  if (!job.answered()) {
                    release(job);
                    answer(job, Failures.hostErrorText(e));
                  }
                }
              },
              executor);
      return;
    }
    downloader.fetch(job);
  }

  /** Sends a redirected or retried job back through the scheduler (and its duplicate filter). */
  private void reschedule(Job job) {
    if (dupeFilter.filtered(job)) {
      release(job);
      // the real host drops it silently; the exactly-one-answer contract needs a text
      answer(job, "Filtered duplicate request: " + job.repr());
      return;
    }
    if (job.direct) {
      downloader.fetch(job);
    } else if (!scheduler.requeue(job)) {
      answerLater(job, SHUTDOWN_TEXT);
    }
  }

  private void deliver(Job job, DownloadResult result) {
    stats.inc("response_received_count");
    if (log.enabled(HostLog.Level.DEBUG)) {
      log.debug(
          ENGINE_LOG,
          "Crawled ("
              + result.status()
              + ") "
              + job.repr()
              + " (referer: "
              + job.referer()
              + ")"
              + (result.flags().isEmpty() ? "" : " " + PyFormat.repr(result.flags())));
    }
    release(job);
    if (job.claimAnswer()) {
      try {
        job.onResult.accept(result);
      } catch (Throwable e) {
        // the one answer of this job must still reach the spider
        log.error("host", "Response callback failed for " + job.repr() + ": " + e);
        try {
          job.onFailure.accept(Failures.hostErrorText(e));
        } catch (Throwable again) {
          log.error("host", "Failure callback failed for " + job.repr() + ": " + again);
        }
      }
    }
  }

  private void answer(Job job, String failureText) {
    if (job.claimAnswer()) {
      try {
        job.onFailure.accept(failureText);
      } catch (Throwable e) {
        log.error("host", "Failure callback failed for " + job.repr() + ": " + e);
      }
    }
  }

  private void answerLater(Job job, String failureText) {
    try {
      executor.execute(() -> answer(job, failureText));
    } catch (RejectedExecutionException e) {
      answer(job, failureText);
    }
  }

  /**
   * Holds queued requests back while {@code backout} is true, as Scrapy's engine does while its
   * scraper holds more than {@code SCRAPER_SLOT_MAX_ACTIVE_SIZE} of responses: the caller that
   * handles the results says when it has too many; {@link #resume} once it has room again.
   * Downloads in flight, direct requests (robots.txt), redirects and retries already active go on.
   */
  public void setBackout(java.util.function.BooleanSupplier backout) {
    scheduler.backout(backout);
  }

  /** Hands out queued requests again after the backout predicate turned false. */
  public void resume() {
    scheduler.resume();
  }

  // ------------------------------------------------------------------ state and shutdown

  /** Requests scheduled and not yet answered: queued, waiting for a slot, or downloading. */
  public int pending() {
    return scheduler.pending();
  }

  /** Downloads on the wire now. */
  public int inFlight() {
    return downloader.inFlight();
  }

  /** True when nothing is queued or in flight. */
  public boolean isIdle() {
    return pending() == 0 && downloader.inFlight() == 0;
  }

  /**
   * Stops scheduling: queued requests are answered with {@link #SHUTDOWN_TEXT}, later submissions,
   * redirects and retries too; downloads in flight carry on.
   */
  @Override
  public void shutdown() {
    List<Job> dropped = scheduler.shutdown();
    if (dropped == null) {
      return;
    }
    for (Job job : dropped) {
      answerLater(job, SHUTDOWN_TEXT);
    }
  }

  /**
   * Waits until no scheduled request is still being handled (in flight or between redirects and
   * retries), at most {@code bound}.
   *
   * @return true when everything finished in time
   */
  public boolean awaitInFlight(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    synchronized (lock) {
      while (scheduler.activeLocked() > 0 || downloader.inFlight() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    }
    return true;
  }

  /**
   * Ends the crawl: Scrapy's closing lines, the stats ({@code finish_reason}, {@code finish_time},
   * {@code elapsed_time_seconds}) and their dump, then {@link #close()}. Call once; later calls do
   * nothing.
   *
   * @param reason Scrapy's close reason: {@code finished}, {@code shutdown}, {@code cancelled}...
   */
  public void finish(String reason) {
    if (lifecycle.finish(reason, this::stop)) {
      stopCountingLogs.run();
    }
  }

  /**
   * Aborts downloads in flight (answered with {@link #SHUTDOWN_TEXT}) and stops the engine's
   * threads.
   */
  @Override
  public void close() {
    stop();
    stopCountingLogs.run();
  }

  private void stop() {
    if (downloader.isClosed()) {
      return;
    }
    shutdown();
    lifecycle.stopTimers();
    List<Job> waiting = downloader.close();
    synchronized (lock) {
      scheduler.clearActiveLocked();
      lock.notifyAll();
    }
    for (Job j : waiting) {
      answer(j, SHUTDOWN_TEXT);
    }
    timer.shutdownNow();
    // queued answers still run; no waiting, as close() may run on an engine thread
    executor.shutdown();
  }

  /** {@code r} with any failure logged, for the engine's executor and timer. */
  static Runnable guard(HostLog log, Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (Throwable e) {
        log.error("host", "Engine task failed: " + e);
      }
    };
  }
}
