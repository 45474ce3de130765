package io.streamspider.host.engine;

import io.streamspider.host.engine.internal.BodyCollector;
import io.streamspider.host.engine.internal.CookieJars;
import io.streamspider.host.engine.internal.Decoding;
import io.streamspider.host.engine.internal.Failures;
import io.streamspider.host.engine.internal.Failures.Failure;
import io.streamspider.host.engine.internal.HeaderNames;
import io.streamspider.host.engine.internal.HttpCache;
import io.streamspider.host.engine.internal.HttpReasons;
import io.streamspider.host.engine.internal.Job;
import io.streamspider.host.engine.internal.MetaRefresh;
import io.streamspider.host.engine.internal.PyFormat;
import io.streamspider.host.engine.internal.RequestUrls;
import io.streamspider.host.engine.internal.RobotsTxt;
import io.streamspider.host.engine.internal.Slot;
import io.streamspider.host.internal.HostLog;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The host's download engine, with Scrapy 2.8's default behaviour: a priority scheduler (higher
 * first, last-in first-out within a priority), CONCURRENT_REQUESTS overall and
 * CONCURRENT_REQUESTS_PER_DOMAIN per download slot, DOWNLOAD_DELAY, DOWNLOAD_TIMEOUT, the
 * duplicate filter, off-site filtering by {@code allowed_domains}, robots.txt, cookies,
 * redirects, retries, gzip/deflate decoding and size limits, over the JDK's asynchronous
 * {@link HttpClient} (HTTP/2 over TLS, HTTP/1.1 otherwise; pooled connections; a small fixed
 * thread pool, never a thread per request).
 *
 * <p>Callbacks run on the engine's threads, possibly several at once: they must be thread-safe
 * and quick. Every {@link Admission#SCHEDULED} request gets exactly one callback; requests still
 * queued at {@link #shutdown()} and downloads aborted by {@link #close()} get
 * {@link #SHUTDOWN_TEXT}.
 *
 * <p>Lifecycle: {@link #start()}, {@link #submit}..., then either {@link #finish(String)} at the
 * end of the crawl, or for Ctrl-C/SIGTERM: {@link #shutdown()}, {@link #awaitInFlight(Duration)},
 * {@link #finish(String) finish("shutdown")}.
 */
public final class Engine implements Downloader {
  /** The failure text of a request the crawl's end kept from being downloaded. */
  public static final String SHUTDOWN_TEXT = "Crawl shut down before this request was downloaded";

  static final String ENGINE_LOG = "scrapy.core.engine";
  static final String HANDLER_LOG = "scrapy.core.downloader.handlers.http11";
  static final String LOGSTATS_LOG = "scrapy.extensions.logstats";
  static final String STATS_LOG = "scrapy.statscollectors";

  private static final Set<String> UNSENDABLE_HEADERS =
      Set.of("connection", "content-length", "expect", "upgrade", "keep-alive", "te",
          "trailer", "transfer-encoding", "proxy-connection");

  static {
    // lets a spider's Host header through the JDK client (read once, when the client class loads)
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }
  }

  private final Settings settings;
  private final HostLog log;
  private final Stats stats = new Stats();
  private final HttpClient client;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final Runnable stopCountingLogs;
  private final int perSlot;
  private final DownloaderStats downloaderStats;
  private final DownloaderMiddlewares middlewares;

  /** Guards the scheduler and the download slots. */
  private final Object lock = new Object();
  private final Scheduler scheduler;
  private final DupeFilter dupeFilter;
  private final OffsiteFilter offsite;
  private final Map<String, Slot> slots = new HashMap<>();
  private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();

  private final RobotsTxtMiddleware robots; // null unless ROBOTSTXT_OBEY
  private final AtomicBoolean dataLossWarned = new AtomicBoolean();

  private volatile boolean started;
  private volatile boolean closed;
  private final AtomicBoolean finished = new AtomicBoolean();
  private LocalDateTime startTime;
  private long startNanos;
  private ScheduledFuture<?> logStatsTask;
  private ScheduledFuture<?> clientWatch;
  private volatile Thread selectorThread;
  private volatile java.util.function.BiConsumer<String, Throwable> onFatal;
  private final AtomicBoolean clientDead = new AtomicBoolean();

  /** An engine with its own HTTP client; sets the log's level to the settings' LOG_LEVEL. */
  public Engine(Settings settings, HostLog log) {
    this(settings, log, null);
  }

  /**
   * As {@link #Engine(Settings, HostLog)}, for the spider {@code spiderName}: with
   * {@code HTTPCACHE_ENABLED}, its responses are cached under {@code <HTTPCACHE_DIR>/<spiderName>}.
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
    this.downloaderStats = new DownloaderStats(stats);
    this.middlewares =
        DownloaderMiddlewares.standard(settings, stats, log, downloaderStats, httpCache);
    this.scheduler = new Scheduler(lock, stats, settings.getInt("CONCURRENT_REQUESTS"),
        this::dispatch);
    this.dupeFilter = new DupeFilter(settings, stats, log);
    this.offsite = new OffsiteFilter(stats, log);
    this.robots = settings.getBool("ROBOTSTXT_OBEY")
        ? new RobotsTxtMiddleware(settings, stats, log, this::toSlot) : null;
    this.perSlot = settings.getInt("CONCURRENT_REQUESTS_PER_DOMAIN");
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.executor = Executors.newFixedThreadPool(threads, daemon("streamspider-engine"));
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("streamspider-engine-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.client = HttpClient.newBuilder()
        .executor(executor)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_2)
        .build();
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
   * Called (once) when the engine can no longer download: the HTTP client's own thread, which
   * reads and writes every connection, has died (e.g. of OutOfMemoryError); no download in flight
   * or to come would ever end. The caller must end the crawl.
   */
  public void onFatal(java.util.function.BiConsumer<String, Throwable> handler) {
    this.onFatal = handler;
  }

  /** The JDK client's SelectorManager thread ("HttpClient-ID-SelectorManager"), or null. */
  private Thread selectorThread() {
    java.util.regex.Matcher m = Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
    if (!m.find()) {
      return null;
    }
    String name = "HttpClient-" + m.group(1) + "-SelectorManager";
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    return null;
  }

  private void watchClient() {
    Thread t = selectorThread;
    if (t != null && !t.isAlive() && !closed && clientDead.compareAndSet(false, true)) {
      java.util.function.BiConsumer<String, Throwable> h = onFatal;
      IllegalStateException e = new IllegalStateException("the HTTP client's thread " + t.getName()
          + " stopped (out of memory?): no download can end any more");
      log.error("host", e.getMessage());
      if (h != null) {
        h.accept("downloading", e);
      }
    }
  }

  /** Opens the crawl: start_time, the first stats line, and the LOGSTATS_INTERVAL timer. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    startNanos = System.nanoTime();
    startTime = LocalDateTime.now(ZoneOffset.UTC);
    stats.set("start_time", startTime);
    long rss = peakRss();
    if (rss > 0) {
      stats.set("memusage/startup", rss);
      stats.set("memusage/max", rss);
    }
    log.info(ENGINE_LOG, "Spider opened");
    selectorThread = selectorThread();
    clientWatch = timer.scheduleWithFixedDelay(guard(this::watchClient), 500, 500, TimeUnit.MILLISECONDS);
    double interval = settings.getDouble("LOGSTATS_INTERVAL");
    if (interval > 0) {
      long[] prev = new long[2];
      double multiplier = 60.0 / interval;
      Runnable line = () -> {
        long pages = stats.getLong("response_received_count");
        long items = stats.getLong("item_scraped_count");
        long pageRate = (long) ((pages - prev[0]) * multiplier);
        long itemRate = (long) ((items - prev[1]) * multiplier);
        prev[0] = pages;
        prev[1] = items;
        log.info(LOGSTATS_LOG, "Crawled " + pages + " pages (at " + pageRate + " pages/min), scraped "
            + items + " items (at " + itemRate + " items/min)");
      };
      long period = Math.max(1, (long) (interval * 1e9));
      logStatsTask = timer.scheduleAtFixedRate(guard(line), 0, period, TimeUnit.NANOSECONDS);
    }
  }

  // ------------------------------------------------------------------ admission

  @Override
  public Admission submit(DownloadRequest request, Consumer<DownloadResult> onResult,
      Consumer<String> onFailure) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (request.headers() != null) {
      request.headers().forEach((k, v) -> {
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
    Job job = new Job(method, request.url(), headers,
        request.body() == null ? new byte[0] : request.body(), meta, request.priority(),
        request.dontFilter(), request.cookies(), false, onResult, onFailure);
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
      toSlot(job);
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
      robots.rulesFor(job).whenCompleteAsync((rules, error) -> {
        try {
          if (robots.forbids(rules, job)) {
            failed(job, Failures.ignoreRequest("Forbidden by robots.txt"));
          } else {
            toSlot(job);
          }
        } catch (Throwable e) {
          log.error("host", "Engine error on " + job.repr() + ": " + e);
          if (!job.answered()) {
            release(job);
            answer(job, Failures.hostErrorText(e));
          }
        }
      }, executor);
      return;
    }
    toSlot(job);
  }

  private void toSlot(Job job) {
    Object slotMeta = job.meta.get("download_slot");
    String host = RequestUrls.hostname(job.url);
    String key = slotMeta instanceof String s ? s : host == null ? "" : host;
    // DownloadTimeoutMiddleware runs before the downloader names the slot, hence the key order
    setDefaultNumber(job.meta, "download_timeout", settings.getDouble("DOWNLOAD_TIMEOUT"));
    job.meta.put("download_slot", key);
    Slot slot;
    synchronized (lock) {
      slot = slots.computeIfAbsent(key, k -> new Slot(k, settings.getDouble("DOWNLOAD_DELAY"),
          settings.getBool("RANDOMIZE_DOWNLOAD_DELAY")));
      slot.queue.add(job);
    }
    processSlot(slot);
  }

  /** Starts what the slot's concurrency and delay allow (Scrapy's {@code _process_queue}). */
  private void processSlot(Slot slot) {
    List<Job> start = new ArrayList<>();
    synchronized (lock) {
      slot.wakeupScheduled = false;
      while (!slot.queue.isEmpty() && slot.transferring < perSlot) {
        long now = System.nanoTime();
        long delay = slot.delayNanos();
        if (delay > 0) {
          long penalty = slot.lastSeen + delay - now;
          if (penalty > 0) {
            slot.wakeupScheduled = true;
            try {
              timer.schedule(guard(() -> processSlot(slot)), penalty, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closedMeanwhile) {
              // close() answers what is left in the slot
            }
            break;
          }
        }
        slot.lastSeen = now;
        slot.transferring++;
        start.add(slot.queue.poll());
      }
    }
    for (Job job : start) {
      startDownload(job, slot);
    }
  }

  // ------------------------------------------------------------------ downloading

  /** One download attempt of a job. */
  private final class Attempt extends Exchange {
    final Slot slot;
    final AtomicBoolean done = new AtomicBoolean();
    final long startNanos = System.nanoTime();
    volatile long headersNanos;
    volatile HttpResponse.ResponseInfo info;
    volatile boolean partial;
    volatile BodyCollector collector;
    volatile CompletableFuture<HttpResponse<byte[]>> future;
    volatile ScheduledFuture<?> timeout;

    Attempt(Job job, Slot slot) {
      super(job);
      this.slot = slot;
    }

    /** Ends the attempt once: frees the slot and tells the caller whether it was first. */
    boolean end() {
      if (!done.compareAndSet(false, true)) {
        return false;
      }
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
      inFlight.remove(this);
      synchronized (lock) {
        slot.transferring--;
        lock.notifyAll();
      }
      processSlot(slot);
      return true;
    }

    void abort() {
      BodyCollector c = collector;
      if (c != null) {
        c.cancel();
      }
      CompletableFuture<HttpResponse<byte[]>> f = future;
      if (f != null) {
        f.cancel(true);
      }
    }
  }

  private void startDownload(Job job, Slot slot) {
    downloaderStats.countRequest(job);
    Attempt attempt = new Attempt(job, slot);
    inFlight.add(attempt);
    if (closed) {
      if (attempt.end()) {
        release(job);
        answer(job, SHUTDOWN_TEXT);
      }
      return;
    }
    String scheme = RequestUrls.scheme(job.url);
    URI uri = null;
    if (scheme.equals("http") || scheme.equals("https")) {
      try {
        uri = new URI(RequestUrls.wireUrl(job.url));
      } catch (URISyntaxException e) {
        uri = null;
      }
    }
    if (uri == null || uri.getHost() == null) {
      Failure f = (scheme.equals("http") || scheme.equals("https"))
          ? Failures.parseError("invalid URL: " + job.url) : Failures.unsupportedScheme(scheme);
      if (attempt.end()) {
        failed(job, f);
      }
      return;
    }

    double timeoutSeconds = setDefaultNumber(job.meta, "download_timeout", settings.getDouble("DOWNLOAD_TIMEOUT"));
    long maxSize = job.metaLong("download_maxsize", settings.getLong("DOWNLOAD_MAXSIZE"));
    long warnSize = job.metaLong("download_warnsize", settings.getLong("DOWNLOAD_WARNSIZE"));
    String hostName = uri.getHost().toLowerCase(Locale.ROOT);
    if (hostName.equals("invalid") || hostName.endsWith(".invalid")) {
      // RFC 6761: such names never resolve; answered here so no DNS query leaves the machine
      downloadFailed(attempt, new java.net.UnknownHostException(uri.getHost()), maxSize);
      return;
    }

    attempt.uri = uri;
    attempt.requestHeaders = new LinkedHashMap<>(job.headers);
    switch (middlewares.processRequest(attempt)) {
      case RESPOND -> {
        respondLater(attempt);
        return;
      }
      case FAIL -> {
        if (attempt.end()) {
          failed(job, attempt.failure);
        }
        return;
      }
      default -> { }
    }
    Map<String, List<String>> headers = attempt.requestHeaders;

    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .version(scheme.equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .method(job.method, job.body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(job.body));
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (UNSENDABLE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        try {
          b.header(h.getKey(), v);
        } catch (IllegalArgumentException e) {
          log.debug("host", "Header " + h.getKey() + " not sent by the HTTP client: " + e.getMessage());
        }
      }
    }
    HttpRequest httpRequest;
    try {
      httpRequest = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      if (attempt.end()) {
        failed(job, Failures.parseError(String.valueOf(e.getMessage())));
      }
      return;
    }

    HttpResponse.BodyHandler<byte[]> handler = info -> {
      attempt.headersNanos = System.nanoTime();
      attempt.info = info;
      HttpHeaders h = info.headers();
      long expected = h.firstValueAsLong("content-length").orElse(-1);
      boolean chunked = h.firstValue("transfer-encoding").isPresent();
      attempt.partial = info.version() == HttpClient.Version.HTTP_1_1 && expected < 0 && !chunked
          && !job.method.equals("HEAD") && info.statusCode() >= 200 && info.statusCode() != 204
          && info.statusCode() != 304;
      RuntimeException failAtOnce = null;
      if (maxSize > 0 && expected > maxSize) {
        log.warning(HANDLER_LOG, "Cancelling download of " + job.url + ": expected response size ("
            + expected + ") larger than download max size (" + maxSize + ").");
        failAtOnce = new BodyCollector.ExpectedTooLargeException(expected);
      } else if (warnSize > 0 && expected > warnSize) {
        log.warning(HANDLER_LOG, "Expected response size (" + expected
            + ") larger than download warn size (" + warnSize + ") in request " + job.repr() + ".");
      }
      BodyCollector c = new BodyCollector(maxSize, warnSize, Math.max(expected, 0),
          () -> log.warning(HANDLER_LOG, "Received more bytes than download warn size (" + warnSize
              + ") in request " + job.repr() + "."), failAtOnce);
      attempt.collector = c;
      if (attempt.done.get()) {
        c.cancel();
      }
      return c;
    };

    long timeoutNanos = (long) (timeoutSeconds * 1e9);
    try {
      attempt.timeout = timer.schedule(guard(() -> {
        if (attempt.end()) {
          attempt.abort();
          failed(job, Failures.timeout(job.url, timeoutSeconds));
        }
      }), timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closedMeanwhile) {
      if (attempt.end()) {
        release(job);
        answer(job, SHUTDOWN_TEXT);
      }
      return;
    }
    try {
      CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(httpRequest, handler);
      attempt.future = f;
      f.whenCompleteAsync((response, error) -> {
        if (!attempt.end()) {
          return;
        }
        try {
          if (error != null) {
            downloadFailed(attempt, error, maxSize);
          } else {
            downloaded(attempt, response);
          }
        } catch (Throwable e) { // a bug, or no memory for the body's decoding: this request fails
          log.error("host", "Engine error on " + job.repr() + ": " + e);
          if (!job.answered()) {
            release(job);
            answer(job, Failures.hostErrorText(e));
          }
        }
      }, executor);
    } catch (RuntimeException e) {
      if (attempt.end()) {
        failed(job, Failures.connectionLost(String.valueOf(e.getMessage())));
      }
    }
  }

  /** A response the request pass gave (from the HTTP cache): on, on an engine thread. */
  private void respondLater(Attempt attempt) {
    try {
      executor.execute(guard(() -> {
        if (attempt.end()) {
          respond(attempt);
        }
      }));
    } catch (RejectedExecutionException closedMeanwhile) {
      if (attempt.end()) {
        release(attempt.job);
        answer(attempt.job, SHUTDOWN_TEXT);
      }
    }
  }

  private void downloadFailed(Attempt attempt, Throwable error, long maxSize) {
    Job job = attempt.job;
    Throwable e = error;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BodyCollector.HostErrorException || t instanceof Error) {
        log.error("host", "Downloading " + job.repr() + " failed in the host: " + t);
        failed(job, Failures.hostError(t));
        return;
      }
      if (t instanceof BodyCollector.TooLargeException
          || t instanceof BodyCollector.ExpectedTooLargeException
          || t instanceof BodyCollector.BodyFailedException) {
        e = t;
        break;
      }
    }
    if (e instanceof BodyCollector.ExpectedTooLargeException big) {
      failed(job, Failures.maxSizeExpected(job.url, big.expected, maxSize));
      return;
    }
    if (e instanceof BodyCollector.TooLargeException big) {
      log.warning(HANDLER_LOG, "Received (" + big.received + ") bytes larger than download max size ("
          + maxSize + ") in request " + job.repr() + ".");
      failed(job, Failures.maxSizeReceived(job.repr(), big.received, maxSize));
      return;
    }
    boolean headersReceived = attempt.headersNanos != 0;
    Throwable cause = e instanceof BodyCollector.BodyFailedException ? e.getCause() : error;
    Failure failure = Failures.of(cause, RequestUrls.hostname(job.url), headersReceived);
    if (headersReceived && failure.pythonClass().equals("twisted.web._newclient.ResponseFailed")
        && failure.text().contains("_DataLoss")) {
      boolean failOnDataLoss = job.metaBool("download_fail_on_dataloss",
          settings.getBool("DOWNLOAD_FAIL_ON_DATALOSS"));
      HttpResponse.ResponseInfo info = attempt.info;
      if (!failOnDataLoss && e instanceof BodyCollector.BodyFailedException partial && info != null) {
        finishResponse(attempt, info.statusCode(), info.headers(), partial.partial,
            new ArrayList<>(List.of("dataloss")));
        return;
      }
      if (dataLossWarned.compareAndSet(false, true)) {
        log.warning(HANDLER_LOG, "Got data loss in " + job.url + ". If you want to process broken "
            + "responses set the setting DOWNLOAD_FAIL_ON_DATALOSS = False -- This message won't be "
            + "shown in further requests");
      }
    }
    failed(job, failure);
  }

  private void downloaded(Attempt attempt, HttpResponse<byte[]> response) {
    List<String> flags = new ArrayList<>();
    if (attempt.partial) {
      flags.add("partial");
    }
    finishResponse(attempt, response.statusCode(), response.headers(), response.body(), flags);
  }

  private void finishResponse(Attempt attempt, int status, HttpHeaders rawHeaders, byte[] rawBody,
      List<String> flags) {
    finishResponse(attempt, status, HeaderNames.response(rawHeaders.map()), rawBody, flags);
  }

  private void finishResponse(Attempt attempt, int status, Map<String, List<String>> headers,
      byte[] rawBody, List<String> flags) {
    attempt.respond(status, headers, rawBody, flags);
    respond(attempt);
  }

  /** The response pass, then the response goes to the spider, back to the scheduler, or fails. */
  private void respond(Attempt attempt) {
    Job job = attempt.job;
    if (!attempt.flags.contains("cached")) { // Scrapy's download handler sets it
      long headersAt = attempt.headersNanos == 0 ? System.nanoTime() : attempt.headersNanos;
      job.meta.put("download_latency", (headersAt - attempt.startNanos) / 1e9);
    }
    switch (middlewares.processResponse(attempt)) {
      case RESCHEDULE -> reschedule(job);
      case FAIL -> {
        release(job);
        answer(job, attempt.failure.text());
      }
      default -> deliver(job, new DownloadResult(job.url, attempt.status, attempt.headers,
          attempt.body, new LinkedHashMap<>(job.meta), List.copyOf(attempt.flags)));
    }
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
      toSlot(job);
    } else if (!scheduler.requeue(job)) {
      answerLater(job, SHUTDOWN_TEXT);
    }
  }

  /** The exception pass: the job is retried, or fails with {@code failure}. */
  private void failed(Job job, Failure failure) {
    if (middlewares.processException(job, failure) == DownloaderMiddleware.Outcome.RESCHEDULE) {
      reschedule(job);
      return;
    }
    release(job);
    answer(job, failure.text());
  }

  private void deliver(Job job, DownloadResult result) {
    stats.inc("response_received_count");
    if (log.enabled(HostLog.Level.DEBUG)) {
      log.debug(ENGINE_LOG, "Crawled (" + result.status() + ") " + job.repr() + " (referer: "
          + job.referer() + ")" + (result.flags().isEmpty() ? "" : " " + PyFormat.repr(result.flags())));
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

  // ------------------------------------------------------------------ state and shutdown

  /** Requests scheduled and not yet answered: queued, waiting for a slot, or downloading. */
  public int pending() {
    return scheduler.pending();
  }

  /** Downloads on the wire now. */
  public int inFlight() {
    return inFlight.size();
  }

  /** True when nothing is queued or in flight. */
  public boolean isIdle() {
    return pending() == 0 && inFlight.isEmpty();
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
      while (scheduler.activeLocked() > 0 || !inFlight.isEmpty()) {
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
   * {@code elapsed_time_seconds}) and their dump, then {@link #close()}. Call once; later calls
   * do nothing.
   *
   * @param reason Scrapy's close reason: {@code finished}, {@code shutdown}, {@code cancelled}...
   */
  public void finish(String reason) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    if (!started) {
      start();
    }
    log.info(ENGINE_LOG, "Closing spider (" + reason + ")");
    shutdown();
    stop();
    LocalDateTime end = LocalDateTime.now(ZoneOffset.UTC);
    stats.set("finish_time", end);
    stats.set("finish_reason", reason);
    stats.set("elapsed_time_seconds", (System.nanoTime() - startNanos) / 1e9);
    long rss = peakRss();
    if (rss > 0) {
      stats.max("memusage/max", rss);
    }
    if (settings.getBool("STATS_DUMP")) {
      log.info(STATS_LOG, stats.dump());
    }
    log.info(ENGINE_LOG, "Spider closed (" + reason + ")");
    stopCountingLogs.run();
  }

  /** Aborts downloads in flight (answered with {@link #SHUTDOWN_TEXT}) and stops the engine's threads. */
  @Override
  public void close() {
    stop();
    stopCountingLogs.run();
  }

  private void stop() {
    if (closed) {
      return;
    }
    shutdown();
    closed = true;
    if (logStatsTask != null) {
      logStatsTask.cancel(false);
    }
    if (clientWatch != null) {
      clientWatch.cancel(false);
    }
    for (Attempt a : new ArrayList<>(inFlight)) {
      if (a.end()) {
        a.abort();
        release(a.job);
        answer(a.job, SHUTDOWN_TEXT);
      }
    }
    List<Job> waiting = new ArrayList<>();
    synchronized (lock) {
      for (Slot s : slots.values()) {
        waiting.addAll(s.queue);
        s.queue.clear();
      }
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

  // ------------------------------------------------------------------ helpers

  private Runnable guard(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (Throwable e) {
        log.error("host", "Engine task failed: " + e);
      }
    };
  }

  private static double setDefaultNumber(Map<String, Object> meta, String key, double value) {
    Object v = meta.get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    meta.put(key, value);
    return value;
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
