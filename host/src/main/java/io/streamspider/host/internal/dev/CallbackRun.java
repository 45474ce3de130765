package io.streamspider.host.internal.dev;

import io.streamspider.host.internal.ResponseText;
import io.streamspider.host.internal.engine.DownloadResult;
import io.streamspider.host.select.internal.ParselLocalSelectors;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One callback run on one downloaded page, in this JVM, as a crawl would run it: the callback's
 * {@code @Selector}s evaluated by the embedded host's parsel engine, the method called through the
 * generated dispatch table, and what it returned flattened into items and requests as the runtime
 * flattens it. The base of {@code parse} and {@code check}.
 */
public final class CallbackRun {
  /** What a callback produced. */
  public record Produced(Response response, List<Object> items, List<Request> requests) {}

  private CallbackRun() {}

  /** The response a callback receives for a page: decoded text (or bytes), selectors evaluated. */
  public static Response response(Callback callback, String id, DownloadResult page) {
    String text = null;
    byte[] bytes = null;
    if (callback.base64()) {
      bytes = page.body();
    } else {
      text = ResponseText.decode(page.headers(), page.body()).text();
    }
    Map<String, List<String>> selector = null;
    if (callback.kind() == Callback.Kind.SELECTOR) {
      ParselLocalSelectors parsel = new ParselLocalSelectors();
      selector = new LinkedHashMap<>();
      for (Map.Entry<String, SelectorSpec> e : callback.selectors().entrySet()) {
        try {
          selector.put(
              e.getKey(),
              List.copyOf(parsel.select(text, page.url(), page.headers(), e.getValue())));
        } catch (RuntimeException ex) {
          throw new IllegalStateException(
              "selector "
                  + e.getKey()
                  + " ("
                  + e.getValue()
                  + ") of callback "
                  + callback.id()
                  + " failed on "
                  + page.url()
                  + ": "
                  + ex.getMessage(),
              ex);
        }
      }
    }
    return new Response(
        id,
        callback.id(),
        page.url(),
        page.status(),
        page.headers(),
        text,
        bytes,
        page.meta(),
        page.flags(),
        selector);
  }

  /**
   * Calls the callback.
   *
   * @throws IllegalStateException naming the callback and page when it throws
   */
  public static <S> Produced run(
      SpiderDefinition<S> definition, S spider, Callback callback, Response response) {
    Object returned;
    try {
      returned = definition.invoke(spider, callback, response);
    } catch (Exception | LinkageError e) {
      throw new IllegalStateException(
          "callback " + callback.id() + " failed on " + response.url() + ": " + e, e);
    }
    List<Object> items = new ArrayList<>();
    List<Request> requests = new ArrayList<>();
    flatten(returned, items, requests);
    return new Produced(response, items, requests);
  }

  /**
   * Walks what a callback returned as the runtime walks it: requests, iterables, streams, arrays
   * and optionals (nested ones too); anything else is an item. In order.
   */
  public static void flatten(Object o, List<Object> items, List<Request> requests) {
    if (o == null) {
      return;
    }
    if (o instanceof Request r) {
      requests.add(r);
    } else if (o instanceof Iterable<?> it) {
      for (Object x : it) {
        flatten(x, items, requests);
      }
    } else if (o instanceof Stream<?> s) {
      try (s) {
        for (Iterator<?> i = s.iterator(); i.hasNext(); ) {
          flatten(i.next(), items, requests);
        }
      }
    } else if (o instanceof Object[] a) {
      for (Object x : a) {
        flatten(x, items, requests);
      }
    } else if (o instanceof Optional<?> opt) {
      opt.ifPresent(x -> flatten(x, items, requests));
    } else {
      items.add(o);
    }
  }
}
