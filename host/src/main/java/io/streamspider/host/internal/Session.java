package io.streamspider.host.internal;

import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.host.internal.engine.DownloadRequest;
import io.streamspider.host.internal.engine.DownloadResult;
import io.streamspider.host.internal.engine.Downloader;
import io.streamspider.host.internal.engine.Engine;
import io.streamspider.host.internal.engine.Failures;
import io.streamspider.host.internal.engine.PyFormat;
import io.streamspider.host.internal.engine.Settings;
import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.select.SelectorSyntaxException;
import io.streamspider.runtime.internal.PyCodecs;
import io.streamspider.runtime.protocol.ErrorMessage;
import io.streamspider.runtime.protocol.ExceptionMessage;
import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.protocol.ResponseMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import io.streamspider.runtime.spi.InProcessSpider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One crawl: the spider process, the protocol dialogue with it and the downloads it asks for.
 *
 * <p>Flow: spider stdout line → {@link InboundParser} → {@link #onLine} dispatch → downloader →
 * {@link #answer} → {@link Outbound} line → spider stdin. Lines are handled in order on the reader
 * thread; answers are built on a small pool of the session's own.
 */
public final class Session implements SpiderProcess.Listener {
  /** How a crawl ended; the first one wins. */
  public enum End {
    /** The spider sent {@code close}. */
    FINISHED("finished", 0),
    /** The spider sent an invalid message; the host answered with {@code error}. */
    PROTOCOL_ERROR("protocol_error", 1),
    /** The spider wrote to stderr (fatal by default, as under the real host). */
    SPIDER_STDERR("spider_stderr", 1),
    /** The spider closed its stdout or exited without {@code close}. */
    SPIDER_EXITED("spider_exited", 1),
    /**
     * The spider sent {@code close}, then exited with a non-zero code (e.g. its item output
     * failed): the crawl did not succeed, whatever the protocol said.
     */
    SPIDER_FAILED("spider_failed", 1),
    /** A signal asked the crawl to stop; in-flight requests were answered first. */
    SHUTDOWN("shutdown", 1),
    /** A second signal: everything stopped at once. */
    FORCED("shutdown", 1),
    /** The host failed on a message of the spider (a bug in the host); the crawl stops. */
    INTERNAL_ERROR("internal_error", 1);

    public final String reason;
    final int exitCode;

    End(String reason, int exitCode) {
      this.reason = reason;
      this.exitCode = exitCode;
    }
  }

  /** What a session needs; see {@code io.streamspider.host.StreamingHost} for the defaults. */
  public record Config(
      List<String> command,
      Map<String, String> environment,
      Map<String, String> commandLineSettings,
      Set<String> spiderSettings,
      boolean allowStderr,
      boolean stickyBase64,
      long drainMillis,
      long exitGraceMillis,
      HostLog log,
      InProcessSpider inJvm) {}

  private static final String HOST = "host";

  /** Scrapy's text for {@code response.text} on a binary {@code Response} (selectors, forms). */
  static final String NOT_TEXT = "Response content isn't text";

  /** The real host's text for a binary body asked for without {@code base64} (its own wording). */
  static final String NOT_SERIALIZABLE =
      "Response body is not serializable. If it's returning binary data,"
          + " set the \"base64\" to True to encode the data.";

  private final Config config;
  private final HostLog log;
  private final InboundParser parser = new InboundParser();
  private final CompletableFuture<End> end = new CompletableFuture<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger responses = new AtomicInteger();
  private final AtomicInteger exceptions = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();

  /**
   * Scrapy's {@code SCRAPER_SLOT_MAX_ACTIVE_SIZE} default: while the responses downloaded and not
   * yet answered (each counted as its body's size, at least 1,024 bytes, as Scrapy counts them)
   * hold more than this, the engine starts no new download. Without it, downloads outran the
   * answers (the selectors' parse) and a 20,000-page crawl queued some 13,000 bodies, 280 MB.
   */
  static final long SCRAPER_SLOT_MAX_ACTIVE_SIZE = 5_000_000;

  /** Bytes of the responses downloaded and not yet answered (see SCRAPER_SLOT_MAX_ACTIVE_SIZE). */
  private final java.util.concurrent.atomic.AtomicLong scraperBytes =
      new java.util.concurrent.atomic.AtomicLong();

  private final Object drainLock = new Object();
  private final Object engineLock = new Object();
  private final ExecutorService answers =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          r -> {
            Thread t = new Thread(r, "host-answers");
            t.setDaemon(true);
            return t;
          });

  private volatile SpiderProcess process;
  private volatile Thread failedThread;
  private volatile String hostFailureWhere;
  private volatile Throwable hostFailure;
  private volatile Engine engine;
  private volatile boolean draining;

  /** JOBDIR or SCHEDULER=redis from -s (null: none): announced in ready. */
  private final String frontierMode;

  private volatile FrontierPump pump;
  private volatile int signalExitCode;
  private final AtomicInteger signals = new AtomicInteger();

  // owned by the reader thread
  private String spiderLine;
  private String component = "spider";
  private boolean base64Default;
  private volatile HttpErrors httpErrors;

  public Session(Config config) {
    this.config = config;
    this.log = config.log();
    this.frontierMode = FrontierPump.mode(config.commandLineSettings());
    parser.frontier(frontierMode != null);
  }

  /**
   * Runs the crawl to its end; returns the exit code. While it runs, a thread of this JVM that dies
   * of an uncaught error (e.g. the HTTP client's own reading thread on OutOfMemoryError, which
   * leaves every download in flight unanswered) ends the crawl as {@link End#INTERNAL_ERROR}.
   */
  public int run() throws InterruptedException {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.UncaughtExceptionHandler mine =
        (t, e) -> {
          // no allocation before the crawl knows: memory may be what this thread died of
          failedThread = t;
          hostFailure = e;
          end.complete(End.INTERNAL_ERROR);
          if (previous != null) {
            previous.uncaughtException(t, e);
          }
        };
    Thread.setDefaultUncaughtExceptionHandler(mine);
    try {
      return crawl();
    } finally {
      if (Thread.getDefaultUncaughtExceptionHandler() == mine) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
      }
    }
  }

  private int crawl() throws InterruptedException {
    long started = System.nanoTime();
    try {
      if (config.inJvm() != null) {
        log.info(HOST, "Starting the spider in this JVM");
        process = SpiderProcess.startInJvm(config.inJvm(), log, this);
      } else {
        log.info(HOST, "Starting the spider: " + String.join(" ", config.command()));
        process = SpiderProcess.start(config.command(), config.environment(), log, this);
      }
    } catch (IOException e) {
      log.error(HOST, "Could not start the spider: " + e.getMessage());
      answers.shutdownNow();
      return 1;
    }
    process.send(frontierMode != null ? Outbound.readyFrontier() : Outbound.ready());
    End how;
    try {
      how = end.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    Throwable failure = hostFailure;
    if (how == End.INTERNAL_ERROR && failure != null) {
      Thread t = failedThread;
      logHostFailure(
          t != null ? "running its thread " + t.getName() : hostFailureWhere, failure, true);
    }
    Engine e;
    synchronized (engineLock) {
      e = engine; // no engine is created once the end is known
    }
    how = stop(how, e);
    boolean engineLogsClosing = e != null;
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (!engineLogsClosing) {
      log.info(HOST, "Spider closed (" + how.reason + ")"); // the engine logs it when there is one
    }
    log.info(
        HOST,
        String.format(
            Locale.ROOT,
            "Sent %d responses and %d exceptions; %d requests were not answered (duplicates,"
                + " off-site, shutdown); spider exit code %d; %.3f s",
            responses.get(),
            exceptions.get(),
            unanswered.get(),
            process.exitCode(),
            elapsed));
    return signalExitCode != 0 ? signalExitCode : how.exitCode;
  }

  /**
   * A signal (SIGINT/SIGTERM): the first stops scheduling and lets in-flight requests finish within
   * the drain bound; the second stops at once.
   *
   * @param exitCode the exit code to end with (128 + the signal number)
   */
  public void interrupt(String signal, int exitCode) {
    signalExitCode = exitCode;
    if (signals.incrementAndGet() > 1) {
      log.info(HOST, "Received " + signal + " twice, forcing unclean shutdown");
      end.complete(End.FORCED);
      return;
    }
    log.info(HOST, "Received " + signal + ", shutting down gracefully. Send again to force");
    draining = true;
    if (frontierMode != null) {
      // leases taken are downloaded, answered and acknowledged; the rest stays in the frontier
      FrontierPump f = pump;
      if (f != null) {
        f.stopTaking();
      }
      Thread t = new Thread(this::drainFrontier, "host-drain");
      t.setDaemon(true);
      t.start();
      return;
    }
    Engine e = engine;
    if (e != null) {
      e.shutdown(); // queued requests are answered with Engine.SHUTDOWN_TEXT
    }
    SpiderProcess p = process;
    if (p != null && (signal.equals("SIGTERM") || p.inThisJvm())) {
      // how Scrapy Cloud stops a job (start-crawl execs the host): the spider must learn it too,
      // or it would record a finished crawl; a StreamSpider runtime ends its current callback,
      // flushes its items and writes FIN cancelled. Ctrl-C already reaches the whole group.
      log.info(HOST, "Passing SIGTERM on to the spider (pid " + p.pid() + ")");
      p.terminate();
    }
    Thread t = new Thread(this::drain, "host-drain");
    t.setDaemon(true);
    t.start();
  }

  private void drain() {
    long deadline = System.nanoTime() + config.drainMillis() * 1_000_000;
    synchronized (drainLock) {
      try {
        while (inFlight.get() > 0 && !end.isDone()) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            log.warning(
                HOST,
                inFlight.get()
                    + " requests still in flight after "
                    + config.drainMillis()
                    + " ms; abandoning them");
            break;
          }
          drainLock.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    end.complete(End.SHUTDOWN);
  }

  /**
   * Frontier mode's graceful stop: every lease this worker holds is downloaded, answered and
   * acknowledged (within the drain bound), then the spider's input is closed and it finishes.
   */
  private void drainFrontier() {
    long deadline = System.nanoTime() + config.drainMillis() * 1_000_000;
    try {
      FrontierPump f = pump;
      if (f != null) {
        int left = f.awaitAcknowledged(deadline);
        if (left > 0) {
          log.warning(
              HOST,
              left
                  + " requests were not acknowledged after "
                  + config.drainMillis()
                  + " ms; they stay in the frontier and are fetched again"
                  + " when the crawl resumes");
        }
      }
      SpiderProcess p = process;
      if (p != null && !end.isDone()) {
        log.info(HOST, "Closing the spider's input; it finishes what it received");
        p.closeInput();
      }
      end.get(config.exitGraceMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      // the spider did not close in time: stop() sends it SIGTERM
    }
    end.complete(End.SHUTDOWN);
  }

  /**
   * Stops the downloads and the spider process as the end requires, then closes the crawl with the
   * end it really had: a spider that sent {@code close} and then exited with a non-zero code
   * failed.
   */
  private End stop(End how, Engine e) throws InterruptedException {
    if (e != null) {
      e.shutdown();
      if (how == End.FORCED) {
        e.close(); // aborts what is on the wire
      }
    }
    switch (how) {
      case SPIDER_STDERR, FORCED -> {
        process.abandonInput();
        process.kill();
      }
      case FINISHED -> process.abandonInput();
      case PROTOCOL_ERROR -> process.closeInput(); // the error line goes out first
      case SHUTDOWN -> {
        // the spider reads the last answers, then the end of its input; SIGTERM if it lingers
        process.closeInput();
        if (!process.waitFor(config.exitGraceMillis())) {
          log.info(HOST, "The spider did not exit at the end of its input: sending it SIGTERM");
          process.terminate();
        }
      }
      case SPIDER_EXITED, SPIDER_FAILED, INTERNAL_ERROR -> process.abandonInput();
    }
    if (!process.waitFor(config.exitGraceMillis())) {
      log.info(HOST, "Killing the spider process " + process.pid());
      process.kill();
      process.waitFor(5000);
    } else if (how == End.FINISHED && process.exitCode() != 0) {
      // e.g. a feed on a full disk, or a Scrapy Cloud pipe whose reader left: the spider stops
      // with close, but its exit code says the crawl failed
      log.error(
          HOST,
          "The spider sent close but exited with code "
              + process.exitCode()
              + ": the crawl failed");
      how = End.SPIDER_FAILED;
    }
    if (e != null) {
      e.finish(how.reason); // Scrapy's closing lines and stats dump
    }
    FrontierPump f = pump;
    if (f != null) {
      f.close(how == End.FINISHED);
    }
    answers.shutdownNow();
    return how;
  }

  // --- spider → host -----------------------------------------------------------------------

  @Override
  public void onLine(String line, boolean utf8) {
    if (end.isDone()) {
      log.debug(HOST, "Ignoring a message sent after the crawl ended: " + line);
      return;
    }
    Inbound msg;
    try {
      if (!utf8) {
        throw new InvalidMessageException("Received message is not a valid json. (not UTF-8)");
      }
      msg = parser.parse(line);
      if (!(msg instanceof Inbound.Log) && !(msg instanceof Inbound.Spider) && spiderLine == null) {
        throw new InvalidMessageException("You must start your spider before sending this message");
      }
      if (msg instanceof Inbound.Spider && spiderLine != null) {
        throw new InvalidMessageException("Spider already initialized");
      }
    } catch (InvalidMessageException e) {
      sendError(line, e.getMessage());
      return;
    }
    if (msg instanceof Inbound.Log m) {
      log.log(component, m.level(), m.message());
    } else if (msg instanceof Inbound.Spider m) {
      openSpider(m);
    } else if (msg instanceof Inbound.Request m) {
      request(m);
    } else if (msg instanceof Inbound.Processed m) {
      FrontierPump f = pump;
      if (f != null) {
        f.processed(m.id());
      }
    } else {
      log.debug(HOST, "The spider sent close");
      end.complete(draining && frontierMode != null ? End.SHUTDOWN : End.FINISHED);
    }
  }

  @Override
  public void onHostThreadFailed(String where, Throwable e) {
    if (!end.isDone()) {
      hostFailureWhere = where; // logged by run(), once the crawl knows (no allocation here)
      hostFailure = e;
      if (end.complete(End.INTERNAL_ERROR)) {
        return;
      }
    }
    logHostFailure(where, e, false);
  }

  private void logHostFailure(String where, Throwable e, boolean stopping) {
    try {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      log.error(
          HOST,
          "Internal error in the host while "
              + where
              + "; "
              + (stopping ? "stopping the crawl: " : "")
              + trace.toString().strip());
    } catch (Throwable again) {
      log.error(HOST, "Internal error in the host while " + where + ": " + e);
    }
  }

  @Override
  public void onLineFailed(String line, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String shown =
        line.length() > 500 ? line.substring(0, 500) + "... (" + line.length() + " chars)" : line;
    log.error(
        HOST,
        "Internal error in the host while handling the spider's message "
            + shown
            + "; stopping the crawl. Please report this with the trace: "
            + trace.toString().strip());
    end.complete(End.INTERNAL_ERROR);
  }

  @Override
  public void onStdoutClosed() {
    if (draining) {
      log.info(HOST, "The spider stopped");
      end.complete(End.SHUTDOWN);
      return;
    }
    if (!end.isDone()) {
      log.error(HOST, "The spider closed its stdout without sending close");
    }
    end.complete(End.SPIDER_EXITED);
  }

  @Override
  public void onStderr(String text) {
    String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (config.allowStderr()) {
      for (String l : trimmed.split("\n", -1)) {
        log.warning(component + " stderr", l);
      }
      return;
    }
    log.error(HOST, "Received error from external spider: " + trimmed);
    if (!end.isDone()) {
      log.error(
          HOST,
          "Closing the process due to this error (a real Scrapy Streaming host does"
              + " the same; run with --allow-stderr to only log the spider's stderr)");
      end.complete(End.SPIDER_STDERR);
    }
  }

  private void sendError(String line, String details) {
    log.error(HOST, "Received message: " + line);
    log.error(HOST, details);
    process.send(Outbound.error(new ErrorMessage(line, details)));
    end.complete(End.PROTOCOL_ERROR);
  }

  private void openSpider(Inbound.Spider m) {
    SpiderMessage s = m.message();
    Engine e;
    FrontierPump f = null;
    try {
      Settings settings =
          Settings.builder()
              .spider(s.customSettings())
              .commandLine(commandLine())
              .alsoKnown(config.spiderSettings())
              .build(log);
      checkFrontier(settings, m.frontier());
      httpErrors =
          new HttpErrors(
              settings.getBool("HTTPERROR_ALLOW_ALL"),
              settings.getIntList("HTTPERROR_ALLOWED_CODES"));
      synchronized (engineLock) {
        if (end.isDone()) {
          return; // the crawl ended (stderr, a signal) while this message was read
        }
        e = new Engine(settings, log, s.name()); // applies LOG_LEVEL; opens the HTTP cache
        // downloads wait while the answers to build hold too many bodies (Scrapy's scraper slot)
        e.setBackout(() -> scraperBytes.get() > SCRAPER_SLOT_MAX_ACTIVE_SIZE);
        if (frontierMode != null) {
          try {
            f = FrontierPump.open(settings, s.name(), log, e.stats(), frontierHost());
          } catch (IllegalArgumentException ex) {
            e.close();
            throw ex;
          }
          pump = f;
        }
        engine = e;
      }
    } catch (IllegalArgumentException ex) {
      sendError(m.line(), ex.getMessage());
      return;
    }
    e.setAllowedDomains(s.allowedDomains());
    e.onFatal(this::onHostThreadFailed);
    spiderLine = m.line();
    component = s.name();
    if (draining) {
      e.shutdown();
    }
    e.start();
    for (String problem : m.startUrlProblems()) {
      sendException(m.line(), problem);
    }
    if (f != null) {
      for (String url : s.startUrls()) {
        try {
          f.pushStartUrls(List.of(url));
        } catch (IllegalArgumentException bad) {
          sendException(m.line(), bad.getMessage());
        }
      }
      if (draining) {
        f.stopTaking(); // a signal came while the frontier was opened
      }
      f.start();
      return;
    }
    for (String url : s.startUrls()) {
      startUrl(url);
    }
  }

  /**
   * Frontier mode needs the runtime's confirmation, and JOBDIR / SCHEDULER=redis only work from the
   * command line: frontier mode is announced in ready, before custom_settings are known.
   */
  private void checkFrontier(Settings settings, boolean confirmed) {
    String scheduler = settings.getString("SCHEDULER");
    boolean redis = FrontierPump.isRedis(scheduler);
    if (!redis && !"scrapy.core.scheduler.Scheduler".equals(scheduler)) {
      throw new IllegalArgumentException(
          "SCHEDULER '"
              + scheduler
              + "' (from "
              + settings.source("SCHEDULER")
              + "): the embedded host has Scrapy's scheduler and"
              + " 'redis' (scrapy_redis.scheduler.Scheduler)");
    }
    String jobdir = settings.getString("JOBDIR");
    if (frontierMode == null && (redis || (jobdir != null && !jobdir.isBlank()))) {
      throw new IllegalArgumentException(
          (redis ? "SCHEDULER=redis" : "JOBDIR")
              + " comes from "
              + settings.source(redis ? "SCHEDULER" : "JOBDIR")
              + ": give it with -s on the command line (the host announces it to the spider"
              + " before it reads custom_settings)");
    }
    if (frontierMode != null && !confirmed) {
      throw new IllegalArgumentException(
          frontierMode
              + " needs a spider whose StreamSpider"
              + " runtime supports frontier mode: this spider's spider message did not confirm it"
              + " (\"frontier\": true); rebuild the spider jar with this version of StreamSpider");
    }
    if (frontierMode != null && redis && jobdir != null && !jobdir.isBlank()) {
      throw new IllegalArgumentException(
          "JOBDIR and SCHEDULER=redis together: choose one (Redis keeps the crawl's state)");
    }
  }

  private FrontierPump.Host frontierHost() {
    return new FrontierPump.Host() {
      @Override
      public void fetch(Inbound.Request request) {
        fetchLeased(request);
      }

      @Override
      public int downloading() {
        return inFlight.get();
      }

      @Override
      public void closeSpiderInput() {
        SpiderProcess p = process;
        if (p != null && !end.isDone()) {
          p.closeInput();
        }
      }

      @Override
      public void failed(String where, Throwable e) {
        onHostThreadFailed(where, e);
      }
    };
  }

  private List<String> commandLine() {
    List<String> out = new ArrayList<>();
    config.commandLineSettings().forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /**
   * Start URLs: fetched with dont_filter, answered with id {@code parse}, failures name the spider
   * line.
   */
  private void startUrl(String url) {
    DownloadRequest req =
        new DownloadRequest(
            "GET", url, Map.of(), new byte[0], new LinkedHashMap<>(), null, 0, true, null);
    String line = spiderLine;
    submit(
        req,
        line,
        "parse",
        result -> {
          Map<String, Object> meta = new LinkedHashMap<>(result.meta());
          meta.put("request_id", "parse");
          answer(line, "parse", withMeta(result, meta), false);
        });
  }

  private void request(Inbound.Request r) {
    RequestMessage m = r.message();
    boolean base64 = base64For(m);
    if (r.problem() != null) {
      sendException(r.line(), r.problem());
      return;
    }
    DownloadRequest req;
    try {
      req = downloadRequest(m);
    } catch (IllegalArgumentException e) {
      sendException(r.line(), e.getMessage());
      return;
    }
    FrontierPump f = pump;
    if (f != null) {
      try {
        if (!f.push(r, req, base64)) {
          unanswered.incrementAndGet();
        }
      } catch (IllegalArgumentException e) {
        sendException(r.line(), e.getMessage()); // Scrapy's text for a URL it cannot request
      }
      return;
    }
    fetch(r, req, base64);
  }

  /** Downloads a request the frontier leased to this worker (the pump's thread). */
  private void fetchLeased(Inbound.Request r) {
    RequestMessage m = r.message();
    DownloadRequest req;
    try {
      req = downloadRequest(m);
    } catch (IllegalArgumentException e) {
      sendException(r.line(), e.getMessage());
      return;
    }
    // the frontier filtered it already; off-site requests never reach it (the runtime drops them)
    req =
        new DownloadRequest(
            req.method(),
            req.url(),
            req.headers(),
            req.body(),
            req.meta(),
            req.cookies(),
            req.priority(),
            true,
            req.encoding());
    fetch(
        r,
        req,
        Boolean.TRUE.equals(m.base64()) && m.kind() != RequestMessage.Kind.SELECTOR_REQUEST);
  }

  private void fetch(Inbound.Request r, DownloadRequest req, boolean base64) {
    RequestMessage m = r.message();
    switch (m.kind()) {
      case REQUEST ->
          submit(req, r.line(), m.id(), result -> answer(r.line(), m.id(), result, base64));
      case SELECTOR_REQUEST -> submit(req, r.line(), m.id(), result -> answerSelector(r, result));
      case FROM_RESPONSE_REQUEST ->
          submit(req, r.line(), m.id(), page -> submitForm(r, req, page, base64));
    }
  }

  /**
   * docs/real-host.md "A sticky base64 flag": a request's explicit base64 becomes the default of
   * later requests and from_response_requests (unless stickiness is off); selector_request is text.
   */
  private boolean base64For(RequestMessage m) {
    if (m.kind() == RequestMessage.Kind.SELECTOR_REQUEST) {
      return false;
    }
    if (m.base64() == null) {
      return config.stickyBase64() && base64Default;
    }
    if (config.stickyBase64()) {
      base64Default = m.base64();
    }
    return m.base64();
  }

  /**
   * What Scrapy's {@code Request(**fields)} builds, or its error text. The engine makes the URL
   * safe (and fails a bad one with Scrapy's text).
   */
  private static DownloadRequest downloadRequest(RequestMessage m) {
    Charset charset =
        m.encoding() == null ? StandardCharsets.UTF_8 : PyCodecs.charset(m.encoding());
    byte[] body = m.body() == null ? new byte[0] : encode(m.body(), charset, m.encoding());
    Map<String, Object> meta = new LinkedHashMap<>();
    if (m.meta() != null) {
      meta.putAll(m.meta());
    }
    meta.put("request_id", m.id());
    return new DownloadRequest(
        m.method() == null ? "GET" : m.method().toUpperCase(Locale.ROOT),
        m.url(),
        m.headers() == null ? Map.of() : m.headers(),
        body,
        meta,
        m.cookies(),
        m.priority() == null ? 0 : m.priority(),
        Boolean.TRUE.equals(m.dontFilter()),
        m.encoding());
  }

  private static byte[] encode(String text, Charset charset, String label) {
    try {
      ByteBuffer b =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "'" + (label == null ? "utf-8" : label) + "' codec can't encode the request body");
    }
  }

  /**
   * The second half of a {@code from_response_request}: Scrapy's {@code FormRequest.from_response}
   * on the fetched page, then the submission, answered as the message's own request.
   */
  private void submitForm(
      Inbound.Request r, DownloadRequest pageRequest, DownloadResult page, boolean base64) {
    RequestMessage m = r.message();
    ResponseText.Text html = text(r.line(), page);
    if (html == null) {
      return;
    }
    FormSubmission form;
    try {
      form =
          FormSubmitter.fromResponse(
              html.text(), page.url(), m.fromResponseRequest(), html.charset());
    } catch (FormException e) {
      // Scrapy names the page as <status url>; FormSubmitter assumes 200
      sendException(
          r.line(),
          e.getMessage()
              .replace("<200 " + page.url() + ">", "<" + page.status() + " " + page.url() + ">"));
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(pageRequest.headers());
    headers.putAll(form.headers());
    DownloadRequest submission =
        new DownloadRequest(
            form.method(),
            form.url(),
            headers,
            form.body().getBytes(html.charset()),
            new LinkedHashMap<>(pageRequest.meta()),
            pageRequest.cookies(),
            pageRequest.priority(),
            pageRequest.dontFilter(),
            PyCodecs.pythonName(html.charset()));
    submit(submission, r.line(), m.id(), result -> answer(r.line(), m.id(), result, base64));
  }

  private void answerSelector(Inbound.Request r, DownloadResult result) {
    RequestMessage m = r.message();
    ResponseText.Text page = text(r.line(), result);
    if (page == null) {
      return;
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    try {
      // Selector(response): XML for an XmlResponse, HTML for the other text responses
      HtmlPage html =
          ResponseText.kind(result.headers(), result.url(), result.body()) == ResponseText.Kind.XML
              ? HtmlPage.parseXml(page.text(), result.url())
              : HtmlPage.parse(page.text(), result.url());
      m.selector().forEach((field, spec) -> values.put(field, html.getall(spec)));
    } catch (SelectorSyntaxException e) {
      sendException(r.line(), e.getMessage());
      return;
    }
    send(
        new ResponseMessage(
            m.id(),
            result.url(),
            result.status(),
            result.headers(),
            page.text(),
            result.meta(),
            flags(result),
            values));
  }

  /**
   * The page as text, or null after answering with the exception the real host raises: {@link
   * #NOT_TEXT} where Scrapy's selectors and forms need {@code response.text}.
   */
  private ResponseText.Text text(String line, DownloadResult result) {
    return text(line, result, NOT_TEXT);
  }

  private ResponseText.Text text(String line, DownloadResult result, String binaryText) {
    String refusal = refusal(result);
    if (refusal != null) {
      sendException(line, refusal);
      return null;
    }
    if (!ResponseText.isText(result.headers(), result.url(), result.body())) {
      sendException(line, binaryText);
      return null;
    }
    return ResponseText.decode(result.headers(), result.body());
  }

  /**
   * Answers a download with a {@code response}, or an {@code exception} as the real host does:
   * non-2xx statuses unless allowed, binary bodies unless base64 was asked for.
   */
  private void answer(String line, String id, DownloadResult result, boolean base64) {
    String refusal = refusal(result);
    if (refusal != null) {
      sendException(line, refusal);
      return;
    }
    byte[] bytes = result.body();
    Outbound.Body body;
    if (base64) {
      body = Outbound.base64(bytes);
    } else {
      if (!ResponseText.isText(result.headers(), result.url(), bytes)) {
        sendException(line, NOT_SERIALIZABLE);
        return;
      }
      ResponseText.Encoding encoding = ResponseText.encoding(result.headers(), bytes);
      // decoded and escaped as the line goes out: the body is held once, as the bytes downloaded
      body = Outbound.text(() -> ResponseText.reader(bytes, encoding));
    }
    ResponseMessage m =
        new ResponseMessage(
            id,
            result.url(),
            result.status(),
            result.headers(),
            null,
            result.meta(),
            flags(result),
            null);
    if (end.isDone()) {
      return; // the crawl is over: the spider gets nothing more
    }
    responses.incrementAndGet();
    process.send(Outbound.response(m, body));
  }

  /** Scrapy's HttpErrorMiddleware: the exception text for a status the spider did not ask for. */
  private String refusal(DownloadResult result) {
    if (httpErrors.allowed(result.status(), result.meta())) {
      return null;
    }
    log.info(
        HOST,
        "Ignoring response <"
            + result.status()
            + " "
            + result.url()
            + ">: HTTP status code is not handled or not allowed");
    return "Ignoring non-200 response";
  }

  private static List<String> flags(DownloadResult result) {
    return result.flags() == null ? List.of() : result.flags();
  }

  private static DownloadResult withMeta(DownloadResult r, Map<String, Object> meta) {
    return new DownloadResult(r.url(), r.status(), r.headers(), r.body(), meta, r.flags());
  }

  /**
   * Submits a download; {@code onResult} runs on a downloader thread. Duplicates and off-site
   * requests get no answer, as under the real host.
   */
  private void submit(
      DownloadRequest req, String line, String id, Consumer<DownloadResult> onResult) {
    if (draining && frontierMode == null) {
      log.info(HOST, "Not fetching " + id + " <" + req.url() + ">: the crawl is shutting down");
      unanswered.incrementAndGet();
      return;
    }
    inFlight.incrementAndGet();
    Downloader.Admission admission;
    try {
      admission =
          engine.submit(
              req,
              // decoding, selectors, forms and JSON run here, not on the engine's few threads
              result -> {
                long size =
                    Math.max(result.body() == null ? 0 : result.body().length, MIN_RESPONSE_SIZE);
                scraperBytes.addAndGet(size);
                boolean queued =
                    offEngineThreads(
                        () -> {
                          try {
                            onResult.accept(result);
                          } catch (Throwable e) {
                            // a bug, or no memory left to build the answer: the request is still
                            // answered
                            log.error(HOST, "Answering " + id + " failed: " + e);
                            sendException(line, Failures.hostErrorText(e));
                          } finally {
                            answered(size);
                            done();
                          }
                        });
                if (!queued) {
                  answered(size);
                }
              },
              failure -> {
                try {
                  sendException(line, failure);
                } finally {
                  done();
                }
              });
    } catch (RuntimeException e) {
      done();
      sendException(line, e.getMessage() == null ? e.toString() : e.getMessage());
      return;
    }
    if (admission != Downloader.Admission.SCHEDULED) {
      log.debug(
          HOST,
          "No answer for "
              + id
              + " <"
              + req.url()
              + ">: "
              + admission.name().toLowerCase(Locale.ROOT));
      unanswered.incrementAndGet();
      done();
    }
  }

  /** Runs {@code work} on the answers' threads; false once the crawl is over (not run). */
  private boolean offEngineThreads(Runnable work) {
    try {
      answers.execute(work);
      return true;
    } catch (RejectedExecutionException e) {
      // the crawl is over: nothing more goes to the spider
      return false;
    }
  }

  /** Scrapy's scraper counts a response as at least this many bytes. */
  private static final long MIN_RESPONSE_SIZE = 1024;

  /** A downloaded response of {@code size} bytes was answered: the engine resumes if it waited. */
  private void answered(long size) {
    long after = scraperBytes.addAndGet(-size);
    Engine e = engine;
    if (after <= SCRAPER_SLOT_MAX_ACTIVE_SIZE
        && after + size > SCRAPER_SLOT_MAX_ACTIVE_SIZE
        && e != null) {
      e.resume();
    }
  }

  private void done() {
    if (inFlight.decrementAndGet() == 0 && draining) {
      synchronized (drainLock) {
        drainLock.notifyAll();
      }
    }
    FrontierPump f = pump;
    if (f != null) {
      f.wake(); // room for another lease
    }
  }

  private void send(ResponseMessage m) {
    if (end.isDone()) {
      return; // the crawl is over: the spider gets nothing more
    }
    responses.incrementAndGet();
    // encoded straight into the spider's stdin by its writer thread: no String of the whole line
    // and no second copy as bytes
    process.send(Outbound.response(m, Outbound.bodyOf(m)));
  }

  private void sendException(String line, String text) {
    if (end.isDone()) {
      return;
    }
    exceptions.incrementAndGet();
    process.send(Outbound.exception(new ExceptionMessage(line, text)));
  }

  /**
   * HttpErrorMiddleware's rules: meta first, then HTTPERROR_ALLOW_ALL / HTTPERROR_ALLOWED_CODES.
   */
  private record HttpErrors(boolean allowAll, List<Integer> allowedCodes) {
    boolean allowed(int status, Map<String, Object> meta) {
      if (status >= 200 && status < 300) {
        return true;
      }
      if (meta != null && PyFormat.truthy(meta.get("handle_httpstatus_all"))) {
        return true;
      }
      List<?> allowed;
      if (meta != null && meta.containsKey("handle_httpstatus_list")) {
        Object list = meta.get("handle_httpstatus_list");
        allowed = list instanceof List<?> l ? l : List.of();
      } else if (allowAll) {
        return true;
      } else {
        allowed = allowedCodes;
      }
      for (Object o : allowed) {
        if (o instanceof Number n && n.doubleValue() == status) {
          return true;
        }
      }
      return false;
    }
  }
}
