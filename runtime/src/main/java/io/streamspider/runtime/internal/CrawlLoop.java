package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import io.streamspider.runtime.internal.output.CrawlOutput;
import io.streamspider.runtime.protocol.CloseMessage;
import io.streamspider.runtime.protocol.ErrorMessage;
import io.streamspider.runtime.protocol.ExceptionMessage;
import io.streamspider.runtime.protocol.Message;
import io.streamspider.runtime.protocol.Ready;
import io.streamspider.runtime.protocol.ResponseMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import io.streamspider.runtime.spi.LocalSelectors;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Scrapy Streaming client loop: waits for {@code ready}, sends the {@code spider} message, then
 * reads the host's lines one by one and hands each to the {@link Dispatcher} (which calls the
 * spider and hands its requests to the {@link RequestSubmitter}), until the crawl ends: every way
 * it can end, with its {@link Outcome}, is here. Single-threaded; the {@link Watchdog} and the
 * signal handlers synchronise on {@link #lock}.
 */
public final class CrawlLoop {
  private static final long CANCEL_WAIT_SECONDS = 10;

  /** Held while a line is handled; the watchdog and SIGTERM take it between lines. */
  private final java.util.concurrent.locks.ReentrantLock lock =
      new java.util.concurrent.locks.ReentrantLock();

  private volatile Thread loopThread;

  private final SpiderDefinition<Object> definition;
  private final LineReader in;
  private final HostMessageReader reader;
  private final ProtocolWriter writer;
  private final CrawlOutput output;
  private final RuntimeLog log;
  private final Stats stats;
  private final Map<String, Object> extraSettings;
  private final InFlight inFlight = new InFlight();
  private final RequestSubmitter submitter;
  private final Dispatcher dispatcher;
  private final Watchdog watchdog = new Watchdog();
  private volatile Outcome outcome;

  /**
   * Frontier mode (docs/scale-out.md), announced by the embedded host's ready: ids carry {@link
   * #token}, responses are dispatched by their id's prefix and acknowledged with {@code processed},
   * the host filters duplicates and decides when the crawl ends.
   */
  private volatile boolean frontier;

  /** Frontier mode: this process's part of every request id, so ids never collide. */
  private String token;

  /** Frontier mode: the first SIGINT/SIGTERM; the crawl ends as shutdown at end of stdin. */
  private volatile String stopSignal;

  private Runnable onFrontier = () -> {};

  /** The spider's state in JOBDIR, saved when the crawl ends; null without a JOBDIR. */
  private final JobDirState jobState;

  public CrawlLoop(
      SpiderDefinition<Object> definition,
      Object spider,
      LineReader in,
      HostMessageReader reader,
      ProtocolWriter writer,
      CrawlOutput output,
      RuntimeLog log,
      Stats stats,
      LocalSelectors localSelectors,
      Map<String, Object> extraSettings,
      JsonFactory json,
      JobDirState jobState) {
    this.definition = definition;
    this.jobState = jobState;
    this.in = in;
    this.reader = reader;
    this.writer = writer;
    this.output = output;
    this.log = log;
    this.stats = stats;
    this.extraSettings = extraSettings;
    RequestFilter filter =
        new RequestFilter(
            definition.info().allowedDomains(),
            RuntimeSettings.dupefilterDebug(definition.info().customSettings(), extraSettings));
    this.submitter =
        new RequestSubmitter(definition, filter, localSelectors, writer, log, stats, inFlight);
    this.dispatcher =
        new Dispatcher(
            definition,
            spider,
            in,
            writer,
            output,
            log,
            stats,
            localSelectors,
            json,
            inFlight,
            submitter);
  }

  /** Runs the crawl to its end. */
  public Outcome run() throws IOException {
    loopThread = Thread.currentThread();
    if (!awaitReady()) {
      // no host is listening for log messages before ready, but none will come: say it anyway,
      // on stdout as a log message (stderr stays silent) and to the item outputs
      writer.markReady();
      return finish(
          Outcome.HOST_GONE,
          "stdin ended before the host sent ready: the spider was not started by a Scrapy Streaming"
              + " host, or the host went away (to crawl without one, use --local)");
    }
    if (frontier) {
      onFrontier.run();
    }
    lock.lock();
    try {
      if (outcome != null) {
        return outcome;
      }
      start();
      if (!frontier && inFlight.isEmpty()) {
        return close();
      }
    } finally {
      lock.unlock();
    }
    while (true) {
      watchdog.waiting();
      boolean more = in.next();
      watchdog.busy();
      lock.lock();
      try {
        if (outcome != null) {
          return outcome; // the watchdog or a signal ended the crawl meanwhile
        }
        if (!more) {
          if (frontier) {
            return closeAtEndOfInput();
          }
          return finish(
              Outcome.HOST_GONE,
              "the host closed stdin with " + inFlight.count() + " request(s) in flight; stopping");
        }
        Outcome o;
        try {
          o = handleLine();
        } catch (Dispatcher.OutputFailed e) {
          return outputFailed(e);
        }
        if (o != null) {
          return o;
        }
        if (!frontier && inFlight.isEmpty()) {
          return close();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private boolean awaitReady() throws IOException {
    while (in.next()) {
      if (in.dropped() != null) {
        log.warning(
            "ignoring a line of "
                + in.dropped().length()
                + " bytes from the host before ready:"
                + " it does not fit in the heap");
        continue;
      }
      Message m;
      try {
        m = reader.read(in);
      } catch (ProtocolException e) {
        log.warning(
            "ignoring a line from the host before ready ("
                + e.getMessage()
                + "): "
                + Dispatcher.preview(in));
        continue;
      }
      if (m instanceof Ready r) {
        if (r.frontier()) {
          frontier = true;
          token = RequestSubmitter.newToken();
          submitter.frontierMode(token);
          dispatcher.frontierMode();
        }
        writer.markReady();
        return true;
      }
      if (m instanceof ErrorMessage e) {
        writer.markReady();
        finish(Outcome.HOST_ERROR, "the host reported an error before ready: " + e.details());
        return true;
      }
      log.warning("ignoring a " + typeOf(m) + " message from the host before ready");
    }
    return false;
  }

  private void start() throws IOException {
    SpiderInfo info = definition.info();
    Callback parse = definition.callback(Dispatcher.START_ID);
    boolean hostFetchesStart =
        parse == null
            || (parse.kind() == Callback.Kind.PLAIN && !parse.base64())
            || info.startUrls().isEmpty();
    Map<String, Object> settings = new LinkedHashMap<>(info.customSettings());
    settings.putAll(extraSettings);
    long warnSize =
        sizeSettingOrDefault(settings, "DOWNLOAD_WARNSIZE", Dispatcher.DOWNLOAD_WARNSIZE);
    long maxSize = sizeSettingOrDefault(settings, "DOWNLOAD_MAXSIZE", Dispatcher.DOWNLOAD_MAXSIZE);
    dispatcher.sizeLimits(warnSize, maxSize);
    SpiderMessage message =
        new SpiderMessage(
            info.name(),
            hostFetchesStart ? info.startUrls() : List.of(),
            info.allowedDomains().isEmpty() ? null : info.allowedDomains(),
            settings.isEmpty() ? null : settings,
            frontier ? Boolean.TRUE : null);
    send(message);
    if (frontier) {
      log.info(
          "frontier mode: request ids end in #"
              + token
              + ".N; the host's frontier filters"
              + " duplicates and decides when the crawl ends");
    }
    if (parse == null && !info.startUrls().isEmpty()) {
      log.error("spider " + info.name() + " has start URLs but no callback with id \"parse\"");
    }
    if (hostFetchesStart) {
      inFlight.startUrls(info.startUrls().size());
      stats.add("scheduler/enqueued", info.startUrls().size());
    } else {
      // the host fetches start_urls as plain requests; a parse with selectors, a form or a
      // binary body needs its own kind of request (issue: "start-URL strategy")
      for (String url : info.startUrls()) {
        submitter.submit(Request.to(parse, url).dontFilter(true), null, -1);
      }
    }
  }

  /**
   * What to run once the host announced frontier mode, before the spider message is sent (the
   * launcher routes SIGINT/SIGTERM to {@link #stopRequested} then).
   */
  public void onFrontierMode(Runnable action) {
    onFrontier = action;
  }

  /**
   * @return an outcome when the line ends the crawl
   */
  private Outcome handleLine() throws IOException {
    LineReader.Dropped dropped = in.dropped();
    if (dropped != null) {
      return unreadable(
          dropped.found(),
          "out of memory: the line of "
              + dropped.length()
              + " bytes does not fit in the spider's heap ("
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MiB; java -Xmx sets it)",
          "(a line of " + dropped.length() + " bytes)",
          "response/out_of_memory");
    }
    Message m;
    try {
      m = reader.read(in);
    } catch (ProtocolException e) {
      return unreadable(reader.salvage(in), e.getMessage(), Dispatcher.preview(in), null);
    } catch (OutOfMemoryError e) {
      LineSalvage.Found found = reader.salvage(in);
      in.release();
      return unreadable(
          found,
          "out of memory while reading the line (" + e.getMessage() + ")",
          Dispatcher.preview(in),
          "response/out_of_memory");
    }
    if (m instanceof ResponseMessage r) {
      dispatcher.response(r);
    } else if (m instanceof ExceptionMessage e) {
      dispatcher.exception(e);
    } else if (m instanceof ErrorMessage e) {
      return finish(
          Outcome.HOST_ERROR,
          "the host reported an error: "
              + e.details()
              + " (in reply to: "
              + e.receivedMessage()
              + ")");
    } else if (m instanceof Ready) {
      log.debug("ignoring a repeated ready message");
    } else {
      stats.increment("protocol/unknown_messages");
      log.warning("ignoring a message of unknown type " + typeOf(m) + " from the host");
    }
    return null;
  }

  /** A size setting; one of the spider's custom settings (the launcher checked -s) may be bad. */
  private long sizeSettingOrDefault(Map<String, ?> settings, String name, long fallback) {
    try {
      return sizeSetting(settings, name, fallback);
    } catch (IllegalArgumentException e) {
      log.error(
          "the spider's custom setting "
              + name
              + "="
              + settings.get(name)
              + " is not a number of bytes (0 for no limit); using Scrapy's default "
              + fallback);
      return fallback;
    }
  }

  /** A size setting (DOWNLOAD_MAXSIZE, DOWNLOAD_WARNSIZE): a number of bytes, 0 for no limit. */
  static long sizeSetting(Map<String, ?> settings, String name, long fallback) {
    Object v = settings.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = SettingValues.getint(v);
      if (n < 0) {
        throw new IllegalArgumentException("negative");
      }
      return n;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "-s " + name + "=" + v + ": expected a number of bytes (0 for no limit)");
    }
  }

  /**
   * A line that cannot be read: an unreadable {@code error} still ends the crawl; anything else
   * goes to {@link Dispatcher#unreadable} (the request it names fails) and the crawl goes on.
   */
  private Outcome unreadable(LineSalvage.Found found, String why, String line, String counter)
      throws IOException {
    stats.increment("protocol/unreadable_lines");
    if (counter != null) {
      stats.increment(counter);
    }
    if ("error".equals(found.type())) {
      return finish(
          Outcome.HOST_ERROR,
          "the host reported an error, in a line that cannot be read (" + why + "): " + line);
    }
    dispatcher.unreadable(found, why, line, counter);
    return null;
  }

  private void send(io.streamspider.runtime.protocol.Message m) throws IOException {
    try {
      writer.write(m);
    } catch (ProtocolWriter.InvalidMessageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Outcome close() throws IOException {
    outcome = Outcome.FINISHED;
    log.info("nothing in flight; closing. Stats: " + stats.snapshot());
    return closeNormally("finished");
  }

  /**
   * Frontier mode: the host closed stdin, its sign that the crawl is over for this worker (its
   * frontier stayed empty, or it is stopping). Everything received was handled; what this process
   * sent and got no answer for stays in the frontier.
   */
  private Outcome closeAtEndOfInput() {
    outcome = Outcome.FINISHED;
    String signal = stopSignal;
    String reason = signal == null ? "finished" : "shutdown";
    log.info(
        "the host closed stdin"
            + (signal == null ? "" : " after " + signal)
            + "; closing ("
            + reason
            + "). Stats: "
            + stats.snapshot());
    return closeNormally(reason);
  }

  /** Saves the state, ends the outputs with {@code reason} and sends {@code close}. */
  private Outcome closeNormally(String reason) {
    if (!saveState()) {
      outcome = Outcome.FAILED;
      reason = "failed";
    }
    output.finish(reason);
    closeOutput();
    sendClose();
    return outcome;
  }

  /**
   * Saves the spider's state to JOBDIR (when there is one), as Scrapy does whatever the crawl's
   * end; false, with an ERROR naming the file, when it cannot be written.
   */
  private boolean saveState() {
    if (jobState == null) {
      return true;
    }
    try {
      jobState.save();
      log.debug("saved the spider state to " + jobState.file());
      return true;
    } catch (IOException | RuntimeException e) {
      stats.increment("spider_state/save_failed");
      log.error(
          "cannot save the spider state to "
              + jobState.file()
              + " ("
              + e
              + "); a resumed"
              + " crawl would start from the state saved before");
      return false;
    }
  }

  /** {@code close} to the host, if it is still there; the items are safe by now. */
  private void sendClose() {
    try {
      writer.write(CloseMessage.INSTANCE);
    } catch (ProtocolWriter.InvalidMessageException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      // the host is gone already
    }
  }

  /**
   * The item output failed: the crawl stops, as going on would lose every later item. The host gets
   * {@code close} (it is still there), the FIFO (if it still works) {@code FIN failed}.
   */
  private Outcome outputFailed(Dispatcher.OutputFailed e) {
    outcome = Outcome.OUTPUT_FAILED;
    log.error(
        e.getMessage()
            + "; stopping the crawl with "
            + inFlight.count()
            + " request(s) in flight, as every later item would be lost too. Stats: "
            + stats.snapshot());
    saveState();
    output.finish("failed");
    closeOutput();
    sendClose();
    return outcome;
  }

  private Outcome finish(Outcome o, String why) {
    outcome = o;
    log.error(why + ". Stats: " + stats.snapshot());
    saveState();
    output.finish("failed");
    closeOutput();
    return o;
  }

  private void closeOutput() {
    try {
      output.close();
    } catch (IOException | RuntimeException e) {
      log.error("closing the item output failed: " + e.getMessage());
    }
  }

  /** The {@link Watchdog}'s: ends the crawl when the host sent nothing for {@code timeoutNanos}. */
  public boolean closeIfIdle(long timeoutNanos) throws IOException {
    if (frontier) {
      return false; // the host decides when the crawl ends
    }
    if (!watchdog.idleFor(timeoutNanos)) {
      return false;
    }
    lock.lock();
    try {
      if (outcome != null || !watchdog.isWaiting()) {
        return false;
      }
      List<String> ids = inFlight.describe();
      // the crawl did not finish: requests are unanswered. No close: the host sees the spider's
      // output end without one (then the process exit), which it reports as a crawl that failed;
      // close would say finished
      outcome = Outcome.IDLE_TIMEOUT;
      log.error(
          "no message from the host for "
              + seconds(timeoutNanos)
              + " s with "
              + inFlight.count()
              + " request(s) still pending: "
              + ids
              + "; stopping, the crawl did not finish"
              + (dispatcher.unattributed() > 0
                  ? " ("
                      + dispatcher.unattributed()
                      + " line(s) from the host could not be read and named no"
                      + " request: the answers may have been among them)"
                  : "")
              + ". Stats: "
              + stats.snapshot());
      saveState();
      output.finish("failed");
      closeOutput();
      writer.end();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private static String seconds(long nanos) {
    double s = nanos / 1e9;
    return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
  }

  /**
   * An error inside the runtime ended the crawl (not a signal): logged with its trace, items
   * flushed, the outcome failed. Called by the launcher with whatever escaped {@link #run()}.
   */
  public Outcome fail(Throwable e) {
    lock.lock();
    try {
      if (outcome != null) {
        return outcome;
      }
      outcome = Outcome.FAILED;
      log.error(
          "the crawl stopped on an internal error with "
              + inFlight.count()
              + " request(s) in flight. Stats: "
              + stats.snapshot(),
          e);
      saveState();
      output.finish("failed");
      closeOutput();
      return outcome;
    } finally {
      lock.unlock();
    }
  }

  /**
   * SIGTERM: waits for the current callback, then ends the crawl as cancelled. A loop stuck longer
   * than {@code CANCEL_WAIT_SECONDS} (e.g. an item waiting for a pipe reader that never comes) is
   * interrupted.
   */
  public void cancel() {
    boolean locked;
    try {
      locked = lock.tryLock(CANCEL_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
      if (!locked) {
        Thread t = loopThread;
        if (t != null) {
          t.interrupt();
        }
        locked = lock.tryLock(CANCEL_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      locked = false;
    }
    if (!locked) {
      // still stuck: record the outcome without the loop's state
      saveState();
      output.finish("cancelled");
      closeOutput();
      return;
    }
    try {
      if (outcome != null) {
        return;
      }
      outcome = Outcome.CANCELLED;
      log.warning(
          "received SIGTERM; stopping with "
              + inFlight.count()
              + " request(s) in flight. Stats: "
              + stats.snapshot());
      saveState();
      output.finish("cancelled");
      closeOutput();
    } finally {
      lock.unlock();
    }
  }

  /**
   * SIGINT or SIGTERM. In frontier mode the first one only marks how the crawl will end: the host
   * stops taking from its frontier, lets the requests in flight finish, then closes stdin, and the
   * crawl closes as shutdown with everything delivered handled. Otherwise, and on a second signal,
   * as {@link #cancel()}.
   *
   * @return true when the crawl goes on until the host closes stdin
   */
  public boolean stopRequested(String signal) {
    if (frontier && stopSignal == null) {
      stopSignal = signal;
      log.info(
          "received "
              + signal
              + "; closing as shutdown when the host closes stdin (send it"
              + " again to stop at once)");
      return true;
    }
    cancel();
    return false;
  }

  public Outcome outcome() {
    return outcome;
  }

  private static String typeOf(Message m) {
    return m.type();
  }
}
