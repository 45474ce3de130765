package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.internal.output.CrawlOutput;
import io.streamspider.runtime.protocol.ExceptionMessage;
import io.streamspider.runtime.protocol.ProcessedMessage;
import io.streamspider.runtime.protocol.ResponseMessage;
import io.streamspider.runtime.spi.LocalSelectors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Hands what the host sent to the spider: a response to its callback (the body checked against the
 * size limits and decoded, selectors evaluated here with {@code SELECTORS=local}), an exception to
 * the callback's {@code @OnError} method, a line that cannot be read to the request it names. What
 * the spider returns is flattened into items, written to the output, and requests, handed to the
 * {@link RequestSubmitter}. In frontier mode a response or exception of an id this process did not
 * send goes to the callback the id names, and each one handled is acknowledged with {@code
 * processed}. The {@link CrawlLoop} calls it one line at a time, under its lock.
 */
final class Dispatcher {
  /** The callback id of start URL responses. */
  static final String START_ID = "parse";

  /** Scrapy's defaults: warn above 32 MiB, refuse above 1 GiB; 0 turns either off. */
  static final long DOWNLOAD_WARNSIZE = 32L << 20;

  static final long DOWNLOAD_MAXSIZE = 1L << 30;

  /** The most a Java array (a byte[] body, a String's bytes) can hold. */
  private static final long HARD_MAXSIZE = Integer.MAX_VALUE - 16;

  private final SpiderDefinition<Object> definition;
  private final Object spider;
  private final LineReader in;
  private final ProtocolWriter writer;
  private final CrawlOutput output;
  private final RuntimeLog log;
  private final Stats stats;
  private final LocalSelectors localSelectors;
  private final JsonFactory json;
  private final InFlight inFlight;
  private final RequestSubmitter submitter;
  private final AtomicLong dequeued;
  private final AtomicLong received;
  private boolean frontier;
  private long warnSize = DOWNLOAD_WARNSIZE;
  private long maxSize = DOWNLOAD_MAXSIZE;
  private int currentIndex = -1; // the output's REQ index of the response being handled

  /** Lines that could not be read and named no request: one of them may have answered one. */
  private int unattributed;

  Dispatcher(
      SpiderDefinition<Object> definition,
      Object spider,
      LineReader in,
      ProtocolWriter writer,
      CrawlOutput output,
      RuntimeLog log,
      Stats stats,
      LocalSelectors localSelectors,
      JsonFactory json,
      InFlight inFlight,
      RequestSubmitter submitter) {
    this.definition = definition;
    this.spider = spider;
    this.in = in;
    this.writer = writer;
    this.output = output;
    this.log = log;
    this.stats = stats;
    this.localSelectors = localSelectors;
    this.json = json;
    this.inFlight = inFlight;
    this.submitter = submitter;
    this.dequeued = stats.counter("scheduler/dequeued");
    this.received = stats.counter("response_received_count");
  }

  /** Frontier mode from now on (docs/scale-out.md, "The runtime in frontier mode"). */
  void frontierMode() {
    frontier = true;
  }

  /** DOWNLOAD_WARNSIZE and DOWNLOAD_MAXSIZE in bytes, 0 for none. */
  void sizeLimits(long warn, long max) {
    warnSize = warn;
    maxSize = max;
  }

  int unattributed() {
    return unattributed;
  }

  /** A response: to its callback; in frontier mode acknowledged once its results are out. */
  void response(ResponseMessage r) throws IOException {
    onResponse(r);
    processed(r.id());
  }

  /** An exception: to the request's {@code @OnError} method; acknowledged as a response is. */
  void exception(ExceptionMessage e) throws IOException {
    processed(onException(e));
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
      log.error(
          "the host delivered "
              + id
              + " <"
              + url
              + "> for callback \""
              + callbackId
              + "\", which this spider does not have (known ids: "
              + RequestSubmitter.callbackIds(definition)
              + "); dropped and acknowledged. Was the frontier filled by another spider or another"
              + " version of it?");
    }
    return c;
  }

  private void onResponse(ResponseMessage r) throws IOException {
    InFlight.Pending p = inFlight.remove(r.id());
    Callback callback;
    boolean local = p != null && p.localSelectors();
    if (p != null) {
      callback = p.callback();
    } else if (START_ID.equals(r.id()) && inFlight.startAnswered()) {
      callback = definition.callback(START_ID);
    } else if (frontier) {
      callback = foreignCallback(r.id(), r.url());
      if (callback == null) {
        return;
      }
      // sent as a plain request by a worker with SELECTORS=local: evaluated here too
      local =
          callback.kind() == Callback.Kind.SELECTOR
              && localSelectors != null
              && r.selector() == null;
    } else {
      stats.increment("response/unexpected");
      log.warning(
          "ignoring a response with id "
              + r.id()
              + " that no pending request has ("
              + r.url()
              + ")");
      return;
    }
    dequeued.incrementAndGet();
    String url = p != null ? p.url() : r.url();
    Map<String, Object> meta = p != null ? p.meta() : r.meta();
    if (r.statusText() != null) {
      stats.increment("response/status_string");
      log.warning(
          "the status of the response to "
              + r.id()
              + " <"
              + r.url()
              + "> is the string \""
              + r.statusText()
              + "\"; taken as "
              + r.status());
    }
    boolean base64 = callback != null && callback.base64();
    Response response;
    try {
      // a text body the callback may never read (a callback of @Selector values and a Response
      // for its URL) is checked against the limits, then copied out of the line undecoded and
      // decoded on first use: the line was parsed whole, so it is known to decode
      boolean lazy =
          !base64 && !local && r.body() instanceof HostMessageReader.LineBody && in.big() == null;
      Object body = r.body() == null ? "" : decodeBody(r, p, base64, lazy);
      in.release(); // the line's chunks: the body is decoded, no second copy is kept
      String text = body instanceof String s ? s : null;
      byte[] bytes = body instanceof byte[] b ? b : null;
      Map<String, List<String>> selector = r.selector();
      if (body instanceof HostMessageReader.LineBody undecoded) {
        response =
            ResponseAccess.lazyText(
                r.id(),
                callback == null ? null : callback.id(),
                r.url(),
                r.status(),
                r.headers(),
                undecoded,
                r.meta(),
                r.flags(),
                selector);
      } else {
        if (local) {
          selector =
              evaluateLocally(
                  callback,
                  r.url(),
                  r.headers(),
                  text != null ? text : new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        response =
            new Response(
                r.id(),
                callback == null ? null : callback.id(),
                r.url(),
                r.status(),
                r.headers(),
                text,
                bytes,
                r.meta(),
                r.flags(),
                selector);
      }
    } catch (BodyRefused e) {
      failRequest(r.id(), callback, url, meta, e.getMessage(), true);
      return;
    } catch (ProtocolException e) {
      stats.increment("protocol/unreadable_lines");
      stats.increment("response/unreadable");
      log.error(
          "cannot read the host's response to request "
              + r.id()
              + " <"
              + url
              + "> ("
              + e.getMessage()
              + "): "
              + preview(in));
      failRequest(
          r.id(),
          callback,
          url,
          meta,
          "the host's response could not be read: " + e.getMessage(),
          false);
      return;
    } catch (OutOfMemoryError e) {
      // decoding the body, or the local selectors' copy of it: what was made is garbage now
      in.release();
      stats.increment("response/out_of_memory");
      log.error(
          "out of memory: the body of the response to request "
              + r.id()
              + " <"
              + url
              + "> does not fit in the spider's heap ("
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MiB; java -Xmx sets it): "
              + e.getMessage());
      failRequest(
          r.id(),
          callback,
          url,
          meta,
          "out of memory: the body of the response does not fit in the"
              + " spider's heap ("
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MiB; java -Xmx sets it)",
          false);
      return;
    }
    received.incrementAndGet();
    int index =
        output.response(response, p == null ? null : p.method(), p == null ? -1 : p.parent());
    if (callback == null) {
      log.error("no callback with id \"parse\" for the start URL response " + response);
      return;
    }
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
   * Checks the body's size against the limits (Scrapy's wording), then decodes it; with {@code
   * lazy} (a text body in an ordinary line), returns it undecoded, copied out of the line.
   *
   * @throws BodyRefused over DOWNLOAD_MAXSIZE (or what a Java array can hold)
   * @throws ProtocolException a body that does not decode (bad escape, invalid base64, ...)
   */
  private Object decodeBody(ResponseMessage r, InFlight.Pending p, boolean base64, boolean lazy)
      throws IOException, BodyRefused {
    long max = sizeMeta(r, p, "download_maxsize", maxSize);
    long warn = sizeMeta(r, p, "download_warnsize", warnSize);
    long bound = r.body().sizeBound(base64);
    if (bound <= HARD_MAXSIZE && (max <= 0 || bound <= max) && (warn <= 0 || bound <= warn)) {
      // within every limit even at its largest: no need to count the body's bytes
      return lazy ? ((HostMessageReader.LineBody) r.body()).detach() : r.body().decode(base64);
    }
    long size = r.body().size(base64);
    String request =
        "<"
            + (p == null || p.method() == null ? "GET" : p.method().toUpperCase(Locale.ROOT))
            + " "
            + (p != null ? p.url() : r.url())
            + ">";
    if (max > 0 && size > max) {
      stats.increment("response/maxsize_exceeded");
      String why =
          "Received ("
              + size
              + ") bytes larger than download max size ("
              + max
              + ") in request "
              + request
              + ".";
      log.warning(why);
      throw new BodyRefused(why);
    }
    if (size > HARD_MAXSIZE) {
      stats.increment("response/maxsize_exceeded");
      throw new BodyRefused(
          "Received ("
              + size
              + ") bytes, more than the "
              + HARD_MAXSIZE
              + " a Java array holds, in request "
              + request
              + ".");
    }
    if (warn > 0 && size > warn) {
      stats.increment("response/warnsize_exceeded");
      log.warning(
          "Received ("
              + size
              + ") bytes larger than download warn size ("
              + warn
              + ") in request "
              + request
              + ".");
    }
    return lazy ? ((HostMessageReader.LineBody) r.body()).detach() : r.body().decode(base64);
  }

  /** A per-request limit from meta (the response's, as Scrapy used it, else the request's). */
  private static long sizeMeta(ResponseMessage r, InFlight.Pending p, String key, long fallback) {
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

  /**
   * A request failed on the spider's side (its response was unreadable, too big, or did not fit in
   * memory): to its callback's {@code @OnError}, else an ERROR naming it.
   */
  private void failRequest(
      String id,
      Callback callback,
      String url,
      Map<String, Object> meta,
      String why,
      boolean logIfUnhandled)
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
   * A line that cannot be read, other than an {@code error} (which ends the crawl: the loop's).
   * When it names a request in flight (its id, or the request_id the host copies into meta), that
   * request fails now instead of waiting for an answer that will not come; anything else is an
   * ERROR naming the line, and the crawl goes on.
   */
  void unreadable(LineSalvage.Found found, String why, String line, String counter)
      throws IOException {
    String type = found.type();
    String id = found.requestId();
    if (id == null && found.receivedMessage() != null) {
      id = idOf(found.receivedMessage());
    }
    if (id != null) {
      InFlight.Pending p = inFlight.remove(id);
      Callback callback = null;
      boolean known = true;
      if (p != null) {
        callback = p.callback();
      } else if (START_ID.equals(id) && inFlight.startAnswered()) {
        callback = definition.callback(START_ID);
      } else if (frontier) {
        callback = foreignCallback(id, found.url());
        if (callback == null) {
          processed(id);
          return;
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
        String what =
            "exception".equals(type) ? "the host's exception for" : "the host's response to";
        log.error(
            "cannot read " + what + " request " + id + " <" + url + "> (" + why + "): " + line);
        failRequest(
            id,
            callback,
            url,
            p != null ? p.meta() : Map.of(),
            ("exception".equals(type)
                    ? "the host reported an exception, in a line that cannot be read: "
                    : "the host's response could not be read: ")
                + why,
            false);
        processed(id);
        return;
      }
      log.error(
          "cannot read a line from the host ("
              + why
              + "); it names request "
              + id
              + ", which is not in flight: "
              + line);
      return;
    }
    unattributed++;
    if (frontier) {
      log.error(
          "cannot read a line from the host ("
              + why
              + "); it names no request, so if it answered one, that one is not acknowledged and"
              + " the host delivers it again when its lease expires: "
              + line);
      return;
    }
    log.error(
        "cannot read a line from the host ("
            + why
            + "); it names no request, so if it answered one of the "
            + inFlight.count()
            + " request(s) in flight, that one stays unanswered and the crawl ends as failed after"
            + " IDLE_TIMEOUT: "
            + line);
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
        log.error(
            "selector "
                + e.getKey()
                + " ("
                + e.getValue()
                + ") failed on "
                + url
                + ": "
                + ex.getMessage());
        values.put(e.getKey(), List.of());
      }
    }
    return values;
  }

  /**
   * @return the id to acknowledge in frontier mode, or null
   */
  private String onException(ExceptionMessage e) throws IOException {
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
      inFlight.startAnswered();
      log.error("a start URL failed: " + e.exception());
      return START_ID; // the id of start URL responses
    }
    InFlight.Pending p = id == null ? null : inFlight.remove(id);
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
      log.error(
          "the host reported an exception for no pending request: "
              + e.exception()
              + " (message: "
              + e.receivedMessage()
              + ")");
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
      submitter.submit(r, from, from == null ? -1 : currentIndex);
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
  static final class OutputFailed extends IOException {
    OutputFailed(Object item, Response from, IOException cause) {
      super(
          "cannot write item " + describe(item) + " from " + from + ": " + cause.getMessage(),
          cause);
    }
  }

  private static String describe(Object item) {
    String s = String.valueOf(item);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private void userError(String what, Throwable e) {
    stats.increment("spider_exceptions/" + e.getClass().getSimpleName());
    stats.increment("spider_exceptions");
    log.error(what, e);
  }

  /** The current line's start, for a message (its size when it is too big to show). */
  static String preview(LineReader in) {
    if (in.dropped() != null) {
      return "(a line of " + in.dropped().length() + " bytes)";
    }
    return in.big() != null
        ? "(a line of " + in.big().length() + " bytes)"
        : HostMessageReader.preview(in.buffer(), in.offset(), in.length());
  }
}
