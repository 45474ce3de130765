package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.streamspider.runtime.Callback;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.FormSpec;
import io.streamspider.runtime.LocalSelectors;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SelectorSpec;
import io.streamspider.runtime.SpiderDefinition;
import io.streamspider.runtime.SpiderInfo;
import io.streamspider.runtime.internal.output.CrawlOutput;
import io.streamspider.runtime.protocol.CloseMessage;
import io.streamspider.runtime.protocol.ProcessedMessage;
import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Scrapy Streaming client loop: stdin line → message → callback → requests and items →
 * stdout line / item output. Single-threaded; a watchdog and a shutdown hook synchronise on
 * {@link #lock}.
 */
public final class CrawlLoop {
  /** How the loop ended; the process exit code follows from it. */
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

  /** A request sent and not yet answered. */
  private record Pending(
      Callback callback, String url, String method, Map<String, Object> meta, boolean localSelectors, int parent) {}

  private static final String START_ID = "parse";
  private static final long CANCEL_WAIT_SECONDS = 10;
  /** Scrapy's defaults: warn above 32 MiB, refuse above 1 GiB; 0 turns either off. */
  static final long DOWNLOAD_WARNSIZE = 32L << 20;
  static final long DOWNLOAD_MAXSIZE = 1L << 30;
  /** The most a Java array (a byte[] body, a String's bytes) can hold. */
  private static final long HARD_MAXSIZE = Integer.MAX_VALUE - 16;

  /** Held while a line is handled; the watchdog and SIGTERM take it between lines. */
  private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
  private volatile Thread loopThread;

  private final SpiderDefinition<Object> definition;
  private final Object spider;
  private final LineReader in;
  private final HostMessageReader reader;
  private final ProtocolWriter writer;
  private final CrawlOutput output;
  private final RuntimeLog log;
  private final Stats stats;
  private final LocalSelectors localSelectors;
  private final Map<String, Object> extraSettings;
  private final JsonFactory json;

  private final Map<String, Pending> pending = new HashMap<>();
  private final java.util.concurrent.atomic.AtomicLong enqueued;
  private final java.util.concurrent.atomic.AtomicLong dequeued;
  private final java.util.concurrent.atomic.AtomicLong received;
  private final java.util.concurrent.atomic.AtomicLong requests;
  private final RequestFilter filter;
  private int pendingStart;
  private long sequence;
  private Response current;
  private int currentIndex = -1; // the output's REQ index of the response being handled
  private volatile long waitingSince = -1;
  private volatile Outcome outcome;
  private long warnSize = DOWNLOAD_WARNSIZE;
  private long maxSize = DOWNLOAD_MAXSIZE;
  /** Lines that could not be read and named no request: one of them may have answered one. */
  private int unattributed;
  /**
   * Frontier mode (docs/scale-out.md), announced by the embedded host's ready: ids carry
   * {@link #token}, responses are dispatched by their id's prefix and acknowledged with
   * {@code processed}, the host filters duplicates and decides when the crawl ends.
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
    this.spider = spider;
    this.in = in;
    this.reader = reader;
    this.writer = writer;
    this.output = output;
    this.log = log;
    this.stats = stats;
    this.localSelectors = localSelectors;
    this.extraSettings = extraSettings;
    this.json = json;
    this.filter = new RequestFilter(definition.info().allowedDomains(),
        RuntimeSettings.dupefilterDebug(definition.info().customSettings(), extraSettings));
    this.enqueued = stats.counter("scheduler/enqueued");
    this.dequeued = stats.counter("scheduler/dequeued");
    this.received = stats.counter("response_received_count");
    this.requests = stats.counter("request_count");
  }

  /** Runs the crawl to its end. */
  public Outcome run() throws IOException {
    loopThread = Thread.currentThread();
    if (!awaitReady()) {
      // no host is listening for log messages before ready, but none will come: say it anyway,
      // on stdout as a log message (stderr stays silent) and to the item outputs
      writer.markReady();
      return finish(Outcome.HOST_GONE, "stdin ended before the host sent ready: the spider was not"
          + " started by a Scrapy Streaming host, or the host went away (to crawl without one, use --local)");
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
      if (!frontier && nothingInFlight()) {
        return close();
      }
    } finally {
      lock.unlock();
    }
    while (true) {
      waitingSince = System.nanoTime();
      boolean more = in.next();
      waitingSince = -1;
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
              "the host closed stdin with " + inFlight() + " request(s) in flight; stopping");
        }
        Outcome o;
        try {
          o = handleLine();
        } catch (OutputFailed e) {
          return outputFailed(e);
        }
        if (o != null) {
          return o;
        }
        if (!frontier && nothingInFlight()) {
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
        log.warning("ignoring a line of " + in.dropped().length() + " bytes from the host before ready:"
            + " it does not fit in the heap");
        continue;
      }
      Incoming m;
      try {
        m = reader.read(in);
      } catch (ProtocolException e) {
        log.warning("ignoring a line from the host before ready (" + e.getMessage() + "): "
            + preview());
        continue;
      }
      if (m instanceof Incoming.Ready r) {
        if (r.frontier()) {
          frontier = true;
          token = newToken();
        }
        writer.markReady();
        return true;
      }
      if (m instanceof Incoming.Error e) {
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
    Callback parse = definition.callback(START_ID);
    boolean hostFetchesStart =
        parse == null
            || (parse.kind() == Callback.Kind.PLAIN && !parse.base64())
            || info.startUrls().isEmpty();
    Map<String, Object> settings = new LinkedHashMap<>(info.customSettings());
    settings.putAll(extraSettings);
    warnSize = sizeSettingOrDefault(settings, "DOWNLOAD_WARNSIZE", DOWNLOAD_WARNSIZE);
    maxSize = sizeSettingOrDefault(settings, "DOWNLOAD_MAXSIZE", DOWNLOAD_MAXSIZE);
    SpiderMessage message =
        new SpiderMessage(
            info.name(),
            hostFetchesStart ? info.startUrls() : List.of(),
            info.allowedDomains().isEmpty() ? null : info.allowedDomains(),
            settings.isEmpty() ? null : settings,
            frontier ? Boolean.TRUE : null);
    send(message);
    if (frontier) {
      log.info("frontier mode: request ids end in #" + token + ".N; the host's frontier filters"
          + " duplicates and decides when the crawl ends");
    }
    if (parse == null && !info.startUrls().isEmpty()) {
      log.error("spider " + info.name() + " has start URLs but no callback with id \"parse\"");
    }
    if (hostFetchesStart) {
      pendingStart = info.startUrls().size();
      stats.add("scheduler/enqueued", pendingStart);
    } else {
      // the host fetches start_urls as plain requests; a parse with selectors, a form or a
      // binary body needs its own kind of request (issue: "start-URL strategy")
      for (String url : info.startUrls()) {
        submit(Request.to(parse, url).dontFilter(true), null);
      }
    }
  }

  /** 8 random base-36 characters: ids of two processes collide with odds of 1 in 2.8e12. */
  private static String newToken() {
    long n = Math.floorMod(new java.security.SecureRandom().nextLong(), 2_821_109_907_456L); // 36^8
    String t = Long.toString(n, 36);
    return "0".repeat(8 - t.length()) + t;
  }

  /**
   * What to run once the host announced frontier mode, before the spider message is sent (the
   * launcher routes SIGINT/SIGTERM to {@link #stopRequested} then).
   */
  public void onFrontierMode(Runnable action) {
    onFrontier = action;
  }

  /** @return an outcome when the line ends the crawl */
  private Outcome handleLine() throws IOException {
    LineReader.Dropped dropped = in.dropped();
    if (dropped != null) {
      return unreadable(dropped.found(), "out of memory: the line of " + dropped.length()
          + " bytes does not fit in the spider's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB; java -Xmx sets it)", "(a line of " + dropped.length() + " bytes)", "response/out_of_memory");
    }
    Incoming m;
    try {
      m = reader.read(in);
    } catch (ProtocolException e) {
      return unreadable(reader.salvage(in), e.getMessage(), preview(), null);
    } catch (OutOfMemoryError e) {
      LineSalvage.Found found = reader.salvage(in);
      in.release();
      return unreadable(found, "out of memory while reading the line (" + e.getMessage() + ")", preview(),
          "response/out_of_memory");
    }
    if (m instanceof Incoming.Response r) {
      onResponse(r);
      processed(r.id());
    } else if (m instanceof Incoming.Exception e) {
      processed(onException(e));
    } else if (m instanceof Incoming.Error e) {
      return finish(
          Outcome.HOST_ERROR,
          "the host reported an error: " + e.details() + " (in reply to: " + e.receivedMessage() + ")");
    } else if (m instanceof Incoming.Ready) {
      log.debug("ignoring a repeated ready message");
    } else {
      stats.increment("protocol/unknown_messages");
      log.warning("ignoring a message of unknown type " + typeOf(m) + " from the host");
    }
    return null;
  }

  /**
   * Frontier mode: tells the host that the response or exception {@code id} was handled and what
   * its callback returned is durable. Items are flushed when written and each request line is
   * flushed, so everything before this line is on its way; the host acknowledges the lease.
   */
  private void processed(String id) throws IOException {
    if (!frontier || id == null) {
      return;
    }
    try {
      writer.write(new ProcessedMessage(id));
    } catch (ProtocolWriter.InvalidMessageException e) {
      log.error("cannot acknowledge a response: " + e.getMessage());
    }
  }

  /** The callback id an id names: the part before its last {@code #}, else the whole id. */
  static String callbackIdOf(String id) {
    int hash = id.lastIndexOf('#');
    return hash < 0 ? id : id.substring(0, hash);
  }

  /**
   * Frontier mode: the callback of a response or exception this process did not send (another
   * worker's, a previous run's), named by its id's prefix; null, with an ERROR, when no callback
   * has that id.
   */
  private Callback foreignCallback(String id, String url) {
    String callbackId = callbackIdOf(id);
    Callback c = definition.callback(callbackId);
    if (c == null) {
      stats.increment("frontier/unknown_callback");
      log.error("the host delivered " + id + " <" + url + "> for callback \"" + callbackId
          + "\", which this spider does not have (known ids: " + callbackIds() + "); dropped and"
          + " acknowledged. Was the frontier filled by another spider or another version of it?");
    }
    return c;
  }

  private void onResponse(Incoming.Response r) throws IOException {
    Pending p = pending.remove(r.id());
    Callback callback;
    boolean local = p != null && p.localSelectors();
    if (p != null) {
      callback = p.callback();
    } else if (START_ID.equals(r.id()) && pendingStart > 0) {
      pendingStart--;
      callback = definition.callback(START_ID);
    } else if (frontier) {
      callback = foreignCallback(r.id(), r.url());
      if (callback == null) {
        return;
      }
      // sent as a plain request by a worker with SELECTORS=local: evaluated here too
      local = callback.kind() == Callback.Kind.SELECTOR && localSelectors != null
          && r.selector() == null;
    } else {
      stats.increment("response/unexpected");
      log.warning("ignoring a response with id " + r.id() + " that no pending request has ("
          + r.url() + ")");
      return;
    }
    dequeued.incrementAndGet();
    String url = p != null ? p.url() : r.url();
    Map<String, Object> meta = p != null ? p.meta() : r.meta();
    if (r.statusString() != null) {
      stats.increment("response/status_string");
      log.warning("the status of the response to " + r.id() + " <" + r.url() + "> is the string \""
          + r.statusString() + "\"; taken as " + r.status());
    }
    boolean base64 = callback != null && callback.base64();
    Response response;
    try {
      Object body = r.bodyStart() < 0 ? "" : decodeBody(r, p, base64);
      in.release(); // the line's chunks: the body is decoded, no second copy is kept
      String text = body instanceof String s ? s : null;
      byte[] bytes = body instanceof byte[] b ? b : null;
      Map<String, List<String>> selector = r.selector();
      if (local) {
        selector = evaluateLocally(callback, r.url(), r.headers(),
            text != null ? text : new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      }
      response = new Response(r.id(), callback == null ? null : callback.id(), r.url(), r.status(), r.headers(),
          text, bytes, r.meta(), r.flags(), selector);
    } catch (BodyRefused e) {
      failRequest(r.id(), callback, url, meta, e.getMessage(), true);
      return;
    } catch (ProtocolException e) {
      stats.increment("protocol/unreadable_lines");
      stats.increment("response/unreadable");
      log.error("cannot read the host's response to request " + r.id() + " <" + url + "> (" + e.getMessage() + "): " + preview());
      failRequest(r.id(), callback, url, meta, "the host's response could not be read: " + e.getMessage(), false);
      return;
    } catch (OutOfMemoryError e) {
      // decoding the body, or the local selectors' copy of it: what was made is garbage now
      in.release();
      stats.increment("response/out_of_memory");
      log.error("out of memory: the body of the response to request " + r.id() + " <" + url
          + "> does not fit in the spider's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB; java -Xmx sets it): " + e.getMessage());
      failRequest(r.id(), callback, url, meta, "out of memory: the body of the response does not fit in the"
          + " spider's heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; java -Xmx sets it)", false);
      return;
    }
    received.incrementAndGet();
    int index = output.response(response, p == null ? null : p.method(), p == null ? -1 : p.parent());
    if (callback == null) {
      log.error("no callback with id \"parse\" for the start URL response " + response);
      return;
    }
    current = response;
    currentIndex = index;
    try {
      Object result;
      try {
        result = definition.invoke(spider, callback, response);
      } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError e) {
        userError("callback " + callback.id() + " failed on " + response, e);
        return;
      }
      emit(result, response);
    } finally {
      current = null;
      currentIndex = -1;
    }
  }

  /** A body over DOWNLOAD_MAXSIZE; its request fails. */
  private static final class BodyRefused extends Exception {
    BodyRefused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks the body's size against the limits (Scrapy's wording), then decodes it.
   *
   * @throws BodyRefused over DOWNLOAD_MAXSIZE (or what a Java array can hold)
   * @throws ProtocolException a body that does not decode (bad escape, invalid base64, ...)
   */
  private Object decodeBody(Incoming.Response r, Pending p, boolean base64) throws IOException, BodyRefused {
    long size = reader.bodySize(in, r.bodyStart(), base64);
    long max = sizeMeta(r, p, "download_maxsize", maxSize);
    long warn = sizeMeta(r, p, "download_warnsize", warnSize);
    String request = "<" + (p == null || p.method() == null ? "GET" : p.method().toUpperCase(Locale.ROOT)) + " "
        + (p != null ? p.url() : r.url()) + ">";
    if (max > 0 && size > max) {
      stats.increment("response/maxsize_exceeded");
      String why = "Received (" + size + ") bytes larger than download max size (" + max + ") in request " + request + ".";
      log.warning(why);
      throw new BodyRefused(why);
    }
    if (size > HARD_MAXSIZE) {
      stats.increment("response/maxsize_exceeded");
      throw new BodyRefused("Received (" + size + ") bytes, more than the " + HARD_MAXSIZE
          + " a Java array holds, in request " + request + ".");
    }
    if (warn > 0 && size > warn) {
      stats.increment("response/warnsize_exceeded");
      log.warning("Received (" + size + ") bytes larger than download warn size (" + warn + ") in request " + request + ".");
    }
    return reader.body(in, r.bodyStart(), base64);
  }

  /** A per-request limit from meta (the response's, as Scrapy used it, else the request's). */
  private static long sizeMeta(Incoming.Response r, Pending p, String key, long fallback) {
    Object v = r.meta() != null ? r.meta().get(key) : null;
    if (v == null && p != null) {
      v = p.meta().get(key);
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  /** A size setting; one of the spider's custom settings (the launcher checked -s) may be bad. */
  private long sizeSettingOrDefault(Map<String, ?> settings, String name, long fallback) {
    try {
      return sizeSetting(settings, name, fallback);
    } catch (IllegalArgumentException e) {
      log.error("the spider's custom setting " + name + "=" + settings.get(name)
          + " is not a number of bytes (0 for no limit); using Scrapy's default " + fallback);
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
      long n = v instanceof Number num && !(v instanceof Double || v instanceof Float)
          ? num.longValue() : Long.parseLong(v.toString().strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-s " + name + "=" + v + ": expected a number of bytes (0 for no limit)");
    }
  }

  /**
   * A request failed on the spider's side (its response was unreadable, too big, or did not fit
   * in memory): to its callback's {@code @OnError}, else an ERROR naming it.
   */
  private void failRequest(String id, Callback callback, String url, Map<String, Object> meta, String why, boolean logIfUnhandled)
      throws IOException {
    stats.increment("request_failed_count");
    if (callback == null || !callback.hasErrorHandler()) {
      if (logIfUnhandled) {
        log.error("request " + id + " <" + url + "> failed: " + why);
      }
      return;
    }
    Failure failure = new Failure(id, callback.id(), url, meta, why, null);
    Object result;
    try {
      result = definition.onError(spider, callback, failure);
    } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError ex) {
      userError("error handler of " + callback.id() + " failed on " + url, ex);
      return;
    }
    emit(result, null);
  }

  /**
   * A line that cannot be read. When it names a request in flight (its id, or the request_id the
   * host copies into meta), that request fails now instead of waiting for an answer that will
   * not come; an unreadable {@code error} still ends the crawl; anything else is an ERROR naming
   * the line, and the crawl goes on.
   */
  private Outcome unreadable(LineSalvage.Found found, String why, String line, String counter) throws IOException {
    stats.increment("protocol/unreadable_lines");
    if (counter != null) {
      stats.increment(counter);
    }
    String type = found.type();
    if ("error".equals(type)) {
      return finish(Outcome.HOST_ERROR, "the host reported an error, in a line that cannot be read (" + why + "): " + line);
    }
    String id = found.requestId();
    if (id == null && found.receivedMessage() != null) {
      id = idOf(found.receivedMessage());
    }
    if (id != null) {
      Pending p = pending.remove(id);
      Callback callback = null;
      boolean known = true;
      if (p != null) {
        callback = p.callback();
      } else if (START_ID.equals(id) && pendingStart > 0) {
        pendingStart--;
        callback = definition.callback(START_ID);
      } else if (frontier) {
        callback = foreignCallback(id, found.url());
        if (callback == null) {
          processed(id);
          return null;
        }
      } else {
        known = false;
      }
      if (known) {
        String url = p != null ? p.url() : found.url();
        stats.increment("scheduler/dequeued");
        if (counter == null) {
          stats.increment("response/unreadable");
        }
        String what = "exception".equals(type) ? "the host's exception for" : "the host's response to";
        log.error("cannot read " + what + " request " + id + " <" + url + "> (" + why + "): " + line);
        failRequest(id, callback, url, p != null ? p.meta() : Map.of(),
            ("exception".equals(type) ? "the host reported an exception, in a line that cannot be read: " : "the host's response could not be read: ") + why,
            false);
        processed(id);
        return null;
      }
      log.error("cannot read a line from the host (" + why + "); it names request " + id
          + ", which is not in flight: " + line);
      return null;
    }
    unattributed++;
    if (frontier) {
      log.error("cannot read a line from the host (" + why + "); it names no request, so if it"
          + " answered one, that one is not acknowledged and the host delivers it again when its"
          + " lease expires: " + line);
      return null;
    }
    log.error("cannot read a line from the host (" + why + "); it names no request, so if it answered one of the "
        + inFlight() + " request(s) in flight, that one stays unanswered and the crawl ends as failed after"
        + " IDLE_TIMEOUT: " + line);
    return null;
  }

  /** The id of a protocol line the spider sent (as the host quotes it), or null. */
  private String idOf(String message) {
    try (JsonParser p = json.createParser(message)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken t = p.nextToken();
          if (t == JsonToken.VALUE_STRING && f.equals("id")) {
            return p.getText();
          }
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      // no id to be had
    }
    return null;
  }

  private Map<String, List<String>> evaluateLocally(
      Callback callback, String url, Map<String, List<String>> headers, String body) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, SelectorSpec> e : callback.selectors().entrySet()) {
      try {
        values.put(e.getKey(), localSelectors.select(body, url, headers, e.getValue()));
      } catch (RuntimeException ex) {
        log.error("selector " + e.getKey() + " (" + e.getValue() + ") failed on " + url + ": " + ex.getMessage());
        values.put(e.getKey(), List.of());
      }
    }
    return values;
  }

  /** @return the id to acknowledge in frontier mode, or null */
  private String onException(Incoming.Exception e) throws IOException {
    String type = null;
    String id = null;
    String url = null;
    Map<String, Object> meta = null;
    if (e.receivedMessage() != null) {
      try (JsonParser p = json.createParser(e.receivedMessage())) {
        if (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_STRING && f.equals("type")) {
              type = p.getText();
            } else if (t == JsonToken.VALUE_STRING && f.equals("id")) {
              id = p.getText();
            } else if (t == JsonToken.VALUE_STRING && f.equals("url")) {
              url = p.getText();
            } else if (t == JsonToken.START_OBJECT && f.equals("meta") && frontier) {
              @SuppressWarnings("unchecked")
              Map<String, Object> m = (Map<String, Object>) HostMessageReader.readValue(p, t);
              meta = m;
            } else {
              p.skipChildren();
            }
          }
        }
      } catch (IOException ignored) {
        // an unparseable received_message is reported below as unmatched
      }
    }
    if ("spider".equals(type)) {
      // a start URL failed; the host does not say which (docs/real-host.md "Failures")
      stats.increment("start_requests/failed");
      stats.increment("scheduler/dequeued");
      if (pendingStart > 0) {
        pendingStart--;
      }
      log.error("a start URL failed: " + e.exception());
      return START_ID; // the id of start URL responses
    }
    Pending p = id == null ? null : pending.remove(id);
    Callback callback;
    if (p != null) {
      callback = p.callback();
      url = p.url();
      meta = p.meta();
    } else if (frontier && id != null) {
      callback = foreignCallback(id, url);
      if (callback == null) {
        return id;
      }
      meta = meta == null ? Map.of() : meta;
    } else {
      stats.increment("exception/unmatched");
      log.error("the host reported an exception for no pending request: " + e.exception()
          + " (message: " + e.receivedMessage() + ")");
      return null;
    }
    stats.increment("scheduler/dequeued");
    stats.increment("request_failed_count");
    Failure failure = new Failure(id, callback.id(), url, meta, e.exception(), e.receivedMessage());
    if (!callback.hasErrorHandler()) {
      log.error("request " + id + " <" + url + "> failed: " + e.exception());
      return id;
    }
    Object result;
    try {
      result = definition.onError(spider, callback, failure);
    } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError ex) {
      userError("error handler of " + callback.id() + " failed on " + url, ex);
      return id;
    }
    emit(result, null);
    return id;
  }

  /** Flattens what a callback returned into requests (sent) and items (written). */
  private void emit(Object result, Response from) throws IOException {
    if (result == null) {
      return;
    }
    if (result instanceof Request r) {
      submit(r, from);
    } else if (result instanceof Iterable<?> it) {
      Iterator<?> i;
      try {
        i = it.iterator();
        while (i.hasNext()) {
          emit(i.next(), from);
        }
      } catch (RuntimeException e) {
        userError("iterating the results of a callback failed", e);
      }
    } else if (result instanceof Stream<?> s) {
      try (s) {
        Iterator<?> i = s.iterator();
        while (i.hasNext()) {
          emit(i.next(), from);
        }
      } catch (RuntimeException e) {
        userError("the stream a callback returned failed", e);
      }
    } else if (result instanceof Object[] a) {
      for (Object o : a) {
        emit(o, from);
      }
    } else if (result instanceof Optional<?> o) {
      if (o.isPresent()) {
        emit(o.get(), from);
      }
    } else {
      item(result, from);
    }
  }

  private void item(Object item, Response from) throws IOException {
    boolean written;
    try {
      written = output.item(item, from);
    } catch (InterruptedIOException | RuntimeException | LinkageError e) {
      // this item only: an interrupted wait (SIGTERM while no reader opened the pipe) or a bug
      // in a serializer; the loop goes on
      stats.increment("item_dropped_count");
      log.error("cannot write item " + describe(item) + " from " + from + ": " + e.getMessage());
      return;
    } catch (IOException e) {
      // the output itself failed: every later item would be lost as well
      stats.increment("item_dropped_count");
      throw new OutputFailed(item, from, e);
    }
    stats.increment(written ? "item_scraped_count" : "item_dropped_count");
  }

  /** Thrown out of a callback's results when the item output failed; ends the crawl. */
  private static final class OutputFailed extends IOException {
    OutputFailed(Object item, Response from, IOException cause) {
      super("cannot write item " + describe(item) + " from " + from + ": " + cause.getMessage(), cause);
    }
  }

  private static String describe(Object item) {
    String s = String.valueOf(item);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** Validates, filters and sends one request; a programming error is logged, never sent. */
  void submit(Request r, Response from) throws IOException {
    Callback callback = r.callback() != null ? r.callback() : definition.callback(r.callbackId());
    if (callback == null) {
      invalid(r, "unknown callback id \"" + r.callbackId() + "\"; known ids: " + callbackIds());
      return;
    }
    if (r.url() == null || r.url().isBlank()) {
      invalid(r, "the request has no URL");
      return;
    }
    String url;
    String host;
    try {
      url = Urls.requestUrl(from == null ? null : from.url(), r.url(), r.encoding());
      host = Urls.hostname(url);
    } catch (Urls.BadUrlException e) {
      invalid(r, "malformed URL " + r.url() + (from == null ? "" : " (on " + from.url() + ")") + ": " + e.getMessage());
      return;
    }
    if (!filter.isOnSite(host)) {
      stats.increment("offsite/filtered");
      log.debug("Filtered offsite request to " + host + ": <" + method(r) + " " + url + ">");
      return;
    }
    boolean local = callback.kind() == Callback.Kind.SELECTOR && localSelectors != null;
    FormSpec form = callback.kind() == Callback.Kind.FORM ? callback.form().withFormdata(r.formData()) : null;
    // frontier mode: the host's frontier filters, with the duplicate filter every worker shares
    if (!r.dontFilter() && !frontier) {
      String extra = form == null ? null : form.toString();
      if (!filter.firstSeen(method(r), url, r.body(), extra)) {
        stats.increment("dupefilter/filtered");
        String line = filter.duplicateLogLine(method(r), url, from == null ? null : from.url());
        if (line != null) {
          log.debug(line);
        }
        return;
      }
    }
    String id = callback.id() + "#" + (frontier ? token + "." : "") + (++sequence);
    RequestMessage.Kind kind =
        switch (callback.kind()) {
          case PLAIN -> RequestMessage.Kind.REQUEST;
          case SELECTOR -> local ? RequestMessage.Kind.REQUEST : RequestMessage.Kind.SELECTOR_REQUEST;
          case FORM -> RequestMessage.Kind.FROM_RESPONSE_REQUEST;
        };
    RequestMessage message =
        new RequestMessage(
            kind,
            id,
            url,
            // explicit on every request: the host's base64 default is sticky (docs/real-host.md)
            kind == RequestMessage.Kind.SELECTOR_REQUEST ? null : callback.base64(),
            r.method(),
            r.meta(),
            r.body(),
            r.headers(),
            r.cookies(),
            r.encoding(),
            r.priority(),
            // the runtime filtered already, the host must not drop it silently; in frontier mode
            // the host's frontier filters
            frontier ? Boolean.valueOf(r.dontFilter()) : Boolean.TRUE,
            form,
            kind == RequestMessage.Kind.SELECTOR_REQUEST ? callback.selectors() : null);
    try {
      writer.write(message);
    } catch (ProtocolWriter.InvalidMessageException e) {
      invalid(r, e.getMessage());
      return;
    }
    if (!frontier) {
      // frontier mode keeps nothing per request: its response may reach another worker, and
      // whichever response comes is dispatched by its id
      pending.put(id, new Pending(callback, url, r.method(), r.meta() == null ? Map.of() : r.meta(),
          local, currentIndex));
    }
    enqueued.incrementAndGet();
    requests.incrementAndGet();
  }

  private static String method(Request r) {
    return r.method() == null ? "GET" : r.method().toUpperCase(Locale.ROOT);
  }

  private String callbackIds() {
    List<String> ids = new ArrayList<>();
    for (Callback c : definition.callbacks()) {
      ids.add(c.id());
    }
    return ids.toString();
  }

  private void invalid(Request r, String why) {
    stats.increment("request/invalid");
    log.error("request not sent: " + why + " " + r + (current != null ? " (returned while handling " + current + ")" : ""));
  }

  private void userError(String what, Throwable e) {
    stats.increment("spider_exceptions/" + e.getClass().getSimpleName());
    stats.increment("spider_exceptions");
    log.error(what, e);
  }

  private void send(io.streamspider.runtime.protocol.Message m) throws IOException {
    try {
      writer.write(m);
    } catch (ProtocolWriter.InvalidMessageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private boolean nothingInFlight() {
    return pendingStart == 0 && pending.isEmpty();
  }

  private int inFlight() {
    return pendingStart + pending.size();
  }

  private Outcome close() throws IOException {
    outcome = Outcome.FINISHED;
    log.info("nothing in flight; closing. Stats: " + stats.snapshot());
    return closeNormally("finished");
  }

  /**
   * Frontier mode: the host closed stdin, its sign that the crawl is over for this worker (its
   * frontier stayed empty, or it is stopping). Everything received was handled; what this
   * process sent and got no answer for stays in the frontier.
   */
  private Outcome closeAtEndOfInput() {
    outcome = Outcome.FINISHED;
    String signal = stopSignal;
    String reason = signal == null ? "finished" : "shutdown";
    log.info("the host closed stdin" + (signal == null ? "" : " after " + signal) + "; closing ("
        + reason + "). Stats: " + stats.snapshot());
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
      log.error("cannot save the spider state to " + jobState.file() + " (" + e + "); a resumed"
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
   * The item output failed: the crawl stops, as going on would lose every later item. The host
   * gets {@code close} (it is still there), the FIFO (if it still works) {@code FIN failed}.
   */
  private Outcome outputFailed(OutputFailed e) {
    outcome = Outcome.OUTPUT_FAILED;
    log.error(e.getMessage() + "; stopping the crawl with " + inFlight()
        + " request(s) in flight, as every later item would be lost too. Stats: " + stats.snapshot());
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

  /** Watchdog: closes the crawl when the host sent nothing for {@code timeoutNanos}. */
  public boolean closeIfIdle(long timeoutNanos) throws IOException {
    if (frontier) {
      return false; // the host decides when the crawl ends
    }
    long since = waitingSince;
    if (since < 0 || System.nanoTime() - since < timeoutNanos) {
      return false;
    }
    lock.lock();
    try {
      if (outcome != null || waitingSince < 0) {
        return false;
      }
      List<String> ids = new ArrayList<>(pending.keySet());
      if (pendingStart > 0) {
        ids.add(pendingStart + " start URL(s)");
      }
      // the crawl did not finish: requests are unanswered. No close: the host sees the spider's
      // output end without one (then the process exit), which it reports as a crawl that failed;
      // close would say finished
      outcome = Outcome.IDLE_TIMEOUT;
      log.error("no message from the host for " + seconds(timeoutNanos) + " s with " + inFlight()
          + " request(s) still pending: " + ids + "; stopping, the crawl did not finish"
          + (unattributed > 0 ? " (" + unattributed + " line(s) from the host could not be read and named no"
              + " request: the answers may have been among them)" : "")
          + ". Stats: " + stats.snapshot());
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
      log.error("the crawl stopped on an internal error with " + inFlight() + " request(s) in flight. Stats: "
          + stats.snapshot(), e);
      saveState();
      output.finish("failed");
      closeOutput();
      return outcome;
    } finally {
      lock.unlock();
    }
  }

  /**
   * SIGTERM: waits for the current callback, then ends the crawl as cancelled. A loop stuck
   * longer than {@code CANCEL_WAIT_SECONDS} (e.g. an item waiting for a pipe reader that never
   * comes) is interrupted.
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
      log.warning("received SIGTERM; stopping with " + inFlight() + " request(s) in flight. Stats: "
          + stats.snapshot());
      saveState();
      output.finish("cancelled");
      closeOutput();
    } finally {
      lock.unlock();
    }
  }

  /**
   * SIGINT or SIGTERM. In frontier mode the first one only marks how the crawl will end: the
   * host stops taking from its frontier, lets the requests in flight finish, then closes stdin,
   * and the crawl closes as shutdown with everything delivered handled. Otherwise, and on a
   * second signal, as {@link #cancel()}.
   *
   * @return true when the crawl goes on until the host closes stdin
   */
  public boolean stopRequested(String signal) {
    if (frontier && stopSignal == null) {
      stopSignal = signal;
      log.info("received " + signal + "; closing as shutdown when the host closes stdin (send it"
          + " again to stop at once)");
      return true;
    }
    cancel();
    return false;
  }

  public Outcome outcome() {
    return outcome;
  }

  private String preview() {
    if (in.dropped() != null) {
      return "(a line of " + in.dropped().length() + " bytes)";
    }
    return in.big() != null ? "(a line of " + in.big().length() + " bytes)" : HostMessageReader.preview(in.buffer(), in.offset(), in.length());
  }

  private static String typeOf(Incoming m) {
    return m instanceof Incoming.Unknown u ? u.type() : m.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
