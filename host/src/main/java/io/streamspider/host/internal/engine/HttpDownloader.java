package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.engine.Failures.Failure;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrapy's downloader and its HTTP/1.1 download handler: download slots (one per host name or meta
 * {@code download_slot}, CONCURRENT_REQUESTS_PER_DOMAIN, DOWNLOAD_DELAY), the {@link
 * DownloaderMiddlewares} chain around each attempt, and the attempt itself over the JDK's
 * asynchronous {@link HttpClient}: DOWNLOAD_TIMEOUT, DOWNLOAD_MAXSIZE and DOWNLOAD_WARNSIZE, data
 * loss, and every JDK failure turned into Scrapy's (Twisted's) failure text.
 *
 * <p>Every job it takes gets its one answer through {@link Answers}. Slots are guarded by the
 * engine's lock.
 */
final class HttpDownloader {
  static final String LOG = "scrapy.core.downloader.handlers.http11";

  private static final Set<String> UNSENDABLE_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "proxy-connection");

  static {
    // lets a spider's Host header through the JDK client (read once, when the client class loads)
    if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
      System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }
  }

  /** Where a job goes once the downloader is done with it: the engine. */
  interface Answers {
    /** A response for the spider. */
    void deliver(Job job, DownloadResult result);

    /** A redirect or a retry: back through the duplicate filter and the scheduler. */
    void reschedule(Job job);

    /** The job's one answer is this failure text. */
    void fail(Job job, String text);
  }

  private final HostLog log;
  private final Object lock;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final DownloaderMiddlewares middlewares;
  private final DownloaderStats downloaderStats;
  private final Answers answers;
  private final HttpClient client;
  private final int perSlot;
  private final double delay;
  private final boolean randomizeDelay;
  private final double defaultTimeout;
  private final long defaultMaxSize;
  private final long defaultWarnSize;
  private final boolean defaultFailOnDataLoss;
  private final Map<String, Slot> slots = new HashMap<>();
  private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean dataLossWarned = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param lock the engine's lock, which guards the slots
   * @param executor runs the client's I/O and every completion
   */
  HttpDownloader(
      Settings settings,
      HostLog log,
      Object lock,
      ExecutorService executor,
      ScheduledExecutorService timer,
      DownloaderMiddlewares middlewares,
      DownloaderStats downloaderStats,
      Answers answers) {
    this.log = log;
    this.lock = lock;
    this.executor = executor;
    this.timer = timer;
    this.middlewares = middlewares;
    this.downloaderStats = downloaderStats;
    this.answers = answers;
    this.perSlot = settings.getInt("CONCURRENT_REQUESTS_PER_DOMAIN");
    this.delay = settings.getDouble("DOWNLOAD_DELAY");
    this.randomizeDelay = settings.getBool("RANDOMIZE_DOWNLOAD_DELAY");
    this.defaultTimeout = settings.getDouble("DOWNLOAD_TIMEOUT");
    this.defaultMaxSize = settings.getLong("DOWNLOAD_MAXSIZE");
    this.defaultWarnSize = settings.getLong("DOWNLOAD_WARNSIZE");
    this.defaultFailOnDataLoss = settings.getBool("DOWNLOAD_FAIL_ON_DATALOSS");
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_2)
            .build();
  }

  /**
   * Takes a job to its download slot (host name, or meta {@code download_slot}), where it waits for
   * CONCURRENT_REQUESTS_PER_DOMAIN and DOWNLOAD_DELAY.
   */
  void fetch(Job job) {
    Object slotMeta = job.meta.get("download_slot");
    String host = RequestUrls.hostname(job.url);
    String key = slotMeta instanceof String s ? s : host == null ? "" : host;
    // DownloadTimeoutMiddleware runs before the downloader names the slot, hence the key order
    setDefaultNumber(job.meta, "download_timeout", defaultTimeout);
    job.meta.put("download_slot", key);
    Slot slot;
    synchronized (lock) {
      slot = slots.computeIfAbsent(key, k -> new Slot(k, delay, randomizeDelay));
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
              timer.schedule(
                  Engine.guard(log, () -> processSlot(slot)), penalty, TimeUnit.NANOSECONDS);
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
        answers.fail(job, Engine.SHUTDOWN_TEXT);
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
      Failure f =
          (scheme.equals("http") || scheme.equals("https"))
              ? Failures.parseError("invalid URL: " + job.url)
              : Failures.unsupportedScheme(scheme);
      if (attempt.end()) {
        failed(job, f);
      }
      return;
    }

    double timeoutSeconds = setDefaultNumber(job.meta, "download_timeout", defaultTimeout);
    long maxSize = job.metaLong("download_maxsize", defaultMaxSize);
    long warnSize = job.metaLong("download_warnsize", defaultWarnSize);
    String hostName = uri.getHost().toLowerCase(Locale.ROOT);
    if (hostName.equals("invalid") || hostName.endsWith(".invalid")) {
      // RFC 6761: such names never resolve; answered here so no DNS query leaves the machine
      if (attempt.end()) {
        downloadFailed(attempt, new java.net.UnknownHostException(uri.getHost()), maxSize);
      }
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
      default -> {}
    }
    Map<String, List<String>> headers = attempt.requestHeaders;

    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .version(
                scheme.equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
            .method(
                job.method,
                job.body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(job.body));
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (UNSENDABLE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String v : h.getValue()) {
        try {
          b.header(h.getKey(), v);
        } catch (IllegalArgumentException e) {
          log.debug(
              "host", "Header " + h.getKey() + " not sent by the HTTP client: " + e.getMessage());
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

    HttpResponse.BodyHandler<byte[]> handler =
        info -> {
          attempt.headersNanos = System.nanoTime();
          attempt.info = info;
          HttpHeaders h = info.headers();
          long expected = h.firstValueAsLong("content-length").orElse(-1);
          boolean chunked = h.firstValue("transfer-encoding").isPresent();
          attempt.partial =
              info.version() == HttpClient.Version.HTTP_1_1
                  && expected < 0
                  && !chunked
                  && !job.method.equals("HEAD")
                  && info.statusCode() >= 200
                  && info.statusCode() != 204
                  && info.statusCode() != 304;
          RuntimeException failAtOnce = null;
          if (maxSize > 0 && expected > maxSize) {
            log.warning(
                LOG,
                "Cancelling download of "
                    + job.url
                    + ": expected response size ("
                    + expected
                    + ") larger than download max size ("
                    + maxSize
                    + ").");
            failAtOnce = new BodyCollector.ExpectedTooLargeException(expected);
          } else if (warnSize > 0 && expected > warnSize) {
            log.warning(
                LOG,
                "Expected response size ("
                    + expected
                    + ") larger than download warn size ("
                    + warnSize
                    + ") in request "
                    + job.repr()
                    + ".");
          }
          BodyCollector c =
              new BodyCollector(
                  maxSize,
                  warnSize,
                  Math.max(expected, 0),
                  () ->
                      log.warning(
                          LOG,
                          "Received more bytes than download warn size ("
                              + warnSize
                              + ") in request "
                              + job.repr()
                              + "."),
                  failAtOnce);
          attempt.collector = c;
          if (attempt.done.get()) {
            c.cancel();
          }
          return c;
        };

    long timeoutNanos = (long) (timeoutSeconds * 1e9);
    try {
      attempt.timeout =
          timer.schedule(
              Engine.guard(
                  log,
                  () -> {
                    if (attempt.end()) {
                      attempt.abort();
                      failed(job, Failures.timeout(job.url, timeoutSeconds));
                    }
                  }),
              timeoutNanos,
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closedMeanwhile) {
      if (attempt.end()) {
        answers.fail(job, Engine.SHUTDOWN_TEXT);
      }
      return;
    }
    try {
      CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(httpRequest, handler);
      attempt.future = f;
      f.whenCompleteAsync(
          (response, error) -> {
            if (!attempt.end()) {
              return;
            }
            try {
              if (error != null) {
                downloadFailed(attempt, error, maxSize);
              } else {
                downloaded(attempt, response);
              }
            } catch (
                Throwable e) { // a bug, or no memory for the body's decoding: this request fails
              log.error("host", "Engine error on " + job.repr() + ": " + e);
              if (!job.answered()) {
                answers.fail(job, Failures.hostErrorText(e));
              }
            }
          },
          executor);
    } catch (RuntimeException e) {
      if (attempt.end()) {
        failed(job, Failures.connectionLost(String.valueOf(e.getMessage())));
      }
    }
  }

  /** A response the request pass gave (from the HTTP cache): on, on an engine thread. */
  private void respondLater(Attempt attempt) {
    try {
      executor.execute(
          Engine.guard(
              log,
              () -> {
                if (attempt.end()) {
                  respond(attempt);
                }
              }));
    } catch (RejectedExecutionException closedMeanwhile) {
      if (attempt.end()) {
        answers.fail(attempt.job, Engine.SHUTDOWN_TEXT);
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
      log.warning(
          LOG,
          "Received ("
              + big.received
              + ") bytes larger than download max size ("
              + maxSize
              + ") in request "
              + job.repr()
              + ".");
      failed(job, Failures.maxSizeReceived(job.repr(), big.received, maxSize));
      return;
    }
    boolean headersReceived = attempt.headersNanos != 0;
    Throwable cause = e instanceof BodyCollector.BodyFailedException ? e.getCause() : error;
    Failure failure = Failures.of(cause, RequestUrls.hostname(job.url), headersReceived);
    if (headersReceived
        && failure.pythonClass().equals("twisted.web._newclient.ResponseFailed")
        && failure.text().contains("_DataLoss")) {
      boolean failOnDataLoss = job.metaBool("download_fail_on_dataloss", defaultFailOnDataLoss);
      HttpResponse.ResponseInfo info = attempt.info;
      if (!failOnDataLoss
          && e instanceof BodyCollector.BodyFailedException partial
          && info != null) {
        finishResponse(
            attempt,
            info.statusCode(),
            info.headers(),
            partial.partial,
            new ArrayList<>(List.of("dataloss")));
        return;
      }
      if (dataLossWarned.compareAndSet(false, true)) {
        log.warning(
            LOG,
            "Got data loss in "
                + job.url
                + ". If you want to process broken "
                + "responses set the setting DOWNLOAD_FAIL_ON_DATALOSS = False -- "
                + "This message won't be "
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

  private void finishResponse(
      Attempt attempt, int status, HttpHeaders rawHeaders, byte[] rawBody, List<String> flags) {
    finishResponse(attempt, status, HeaderNames.response(rawHeaders.map()), rawBody, flags);
  }

  private void finishResponse(
      Attempt attempt,
      int status,
      Map<String, List<String>> headers,
      byte[] rawBody,
      List<String> flags) {
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
      case RESCHEDULE -> answers.reschedule(job);
      case FAIL -> {
        answers.fail(job, attempt.failure.text());
      }
      default ->
          answers.deliver(
              job,
              new DownloadResult(
                  job.url,
                  attempt.status,
                  attempt.headers,
                  attempt.body,
                  new LinkedHashMap<>(job.meta),
                  List.copyOf(attempt.flags)));
    }
  }

  /** The exception pass: the job is retried, or fails with {@code failure}. */
  void failed(Job job, Failure failure) {
    if (middlewares.processException(job, failure) == DownloaderMiddleware.Outcome.RESCHEDULE) {
      answers.reschedule(job);
      return;
    }
    answers.fail(job, failure.text());
  }

  /** Downloads on the wire now. */
  int inFlight() {
    return inFlight.size();
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Downloads nothing more: aborts the downloads in flight (answered with {@link
   * Engine#SHUTDOWN_TEXT}) and returns the jobs still waiting in slots, for the caller to answer.
   */
  List<Job> close() {
    closed = true;
    for (Attempt a : new ArrayList<>(inFlight)) {
      if (a.end()) {
        a.abort();
        answers.fail(a.job, Engine.SHUTDOWN_TEXT);
      }
    }
    List<Job> waiting = new ArrayList<>();
    synchronized (lock) {
      for (Slot s : slots.values()) {
        waiting.addAll(s.queue);
        s.queue.clear();
      }
    }
    return waiting;
  }

  /** The JDK client's SelectorManager thread ("HttpClient-ID-SelectorManager"), or null. */
  Thread selectorThread() {
    Matcher m = Pattern.compile("\\((\\d+)\\)$").matcher(client.toString());
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

  private static double setDefaultNumber(Map<String, Object> meta, String key, double value) {
    Object v = meta.get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    meta.put(key, value);
    return value;
  }
}
