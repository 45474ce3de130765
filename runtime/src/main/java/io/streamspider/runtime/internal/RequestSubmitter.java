package io.streamspider.runtime.internal;

import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.spi.LocalSelectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the requests a spider returns: checks the callback and the URL (made safe as Scrapy makes
 * it), drops off-site requests and duplicates (not in frontier mode: the host's frontier filters
 * there), gives each an id ({@code <callback>#<n>}, in frontier mode {@code
 * <callback>#<token>.<n>}), writes it as the request message its callback needs and records it as
 * {@link InFlight}. A request that cannot be sent is an ERROR naming it, never a line the host
 * would reject.
 */
final class RequestSubmitter {
  private final SpiderDefinition<Object> definition;
  private final RequestFilter filter;
  private final LocalSelectors localSelectors;
  private final ProtocolWriter writer;
  private final RuntimeLog log;
  private final Stats stats;
  private final InFlight inFlight;
  private final AtomicLong enqueued;
  private final AtomicLong requests;
  private long sequence;
  private final UrlMemo urls = new UrlMemo();

  /** Frontier mode: no duplicate filter, ids carry {@link #token}, nothing kept in flight. */
  private boolean frontier;

  private String token;

  RequestSubmitter(
      SpiderDefinition<Object> definition,
      RequestFilter filter,
      LocalSelectors localSelectors,
      ProtocolWriter writer,
      RuntimeLog log,
      Stats stats,
      InFlight inFlight) {
    this.definition = definition;
    this.filter = filter;
    this.localSelectors = localSelectors;
    this.writer = writer;
    this.log = log;
    this.stats = stats;
    this.inFlight = inFlight;
    this.enqueued = stats.counter("scheduler/enqueued");
    this.requests = stats.counter("request_count");
  }

  /** Frontier mode from now on, with this process's token (see {@link #newToken()}). */
  void frontierMode(String token) {
    this.frontier = true;
    this.token = token;
  }

  /**
   * Validates, filters and sends one request; a programming error is logged, never sent.
   *
   * @param from the response whose callback returned it, or null (a start URL, an errback)
   * @param parentIndex the output's REQ index of {@code from}, or -1
   */
  void submit(Request r, Response from, int parentIndex) throws IOException {
    Callback callback = r.callback() != null ? r.callback() : definition.callback(r.callbackId());
    if (callback == null) {
      invalid(
          r,
          from,
          "unknown callback id \"" + r.callbackId() + "\"; known ids: " + callbackIds(definition));
      return;
    }
    if (r.url() == null || r.url().isBlank()) {
      invalid(r, from, "the request has no URL");
      return;
    }
    String url;
    String host;
    try {
      String[] urlAndHost =
          urls.requestUrl(from == null ? null : from.url(), r.url(), r.encoding());
      url = urlAndHost[0];
      host = urlAndHost[1];
    } catch (PyUrl.UrlException e) {
      invalid(
          r,
          from,
          "malformed URL "
              + r.url()
              + (from == null ? "" : " (on " + from.url() + ")")
              + ": "
              + e.getMessage());
      return;
    }
    if (!filter.isOnSite(host)) {
      stats.increment("offsite/filtered");
      log.debug("Filtered offsite request to " + host + ": <" + method(r) + " " + url + ">");
      return;
    }
    boolean local = callback.kind() == Callback.Kind.SELECTOR && localSelectors != null;
    FormSpec form =
        callback.kind() == Callback.Kind.FORM ? callback.form().withFormdata(r.formData()) : null;
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
          case SELECTOR ->
              local ? RequestMessage.Kind.REQUEST : RequestMessage.Kind.SELECTOR_REQUEST;
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
      invalid(r, from, e.getMessage());
      return;
    }
    if (!frontier) {
      // frontier mode keeps nothing per request: its response may reach another worker, and
      // whichever response comes is dispatched by its id
      inFlight.add(
          id,
          new InFlight.Pending(
              callback,
              url,
              r.method(),
              r.meta() == null ? Map.of() : r.meta(),
              local,
              parentIndex));
    }
    enqueued.incrementAndGet();
    requests.incrementAndGet();
  }

  private static String method(Request r) {
    return r.method() == null ? "GET" : r.method().toUpperCase(Locale.ROOT);
  }

  static String callbackIds(SpiderDefinition<?> definition) {
    List<String> ids = new ArrayList<>();
    for (Callback c : definition.callbacks()) {
      ids.add(c.id());
    }
    return ids.toString();
  }

  private void invalid(Request r, Response from, String why) {
    stats.increment("request/invalid");
    log.error(
        "request not sent: "
            + why
            + " "
            + r
            + (from != null ? " (returned while handling " + from + ")" : ""));
  }

  /** 8 random base-36 characters: ids of two processes collide with odds of 1 in 2.8e12. */
  static String newToken() {
    long n = Math.floorMod(new java.security.SecureRandom().nextLong(), 2_821_109_907_456L); // 36^8
    String t = Long.toString(n, 36);
    return "0".repeat(8 - t.length()) + t;
  }
}
