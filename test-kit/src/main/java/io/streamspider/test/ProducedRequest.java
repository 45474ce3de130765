package io.streamspider.test;

import io.streamspider.runtime.Request;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request a callback returned, as the runtime would send it: callback resolved, URL resolved
 * against the page, the protocol message it becomes, and for a form callback the {@code
 * from_response_request} arguments with the request's own {@code formData} laid over the
 * callback's.
 *
 * @param callbackId the callback that will handle the answer
 * @param kind the protocol message the runtime sends for it
 * @param url the absolute URL (relative ones resolved against the page, as {@code response.follow})
 * @param method {@code GET} unless set
 * @param meta the request's meta (empty if none)
 * @param headers the request's headers (empty if none)
 * @param body the request's body, or null
 * @param form for {@link MessageKind#FROM_RESPONSE_REQUEST}: the form arguments sent; else null
 * @param selectors for {@link MessageKind#SELECTOR_REQUEST}: the selectors sent; else empty
 * @param dontFilter whether it bypasses the duplicate filter
 * @param priority the request's priority (0 if unset)
 * @param request the request object as the callback returned it
 */
public record ProducedRequest(
    String callbackId,
    MessageKind kind,
    String url,
    String method,
    Map<String, Object> meta,
    Map<String, List<String>> headers,
    String body,
    FormSpec form,
    Map<String, SelectorSpec> selectors,
    boolean dontFilter,
    int priority,
    Request request) {

  static ProducedRequest of(Callback callback, String url, Request r) {
    MessageKind kind =
        switch (callback.kind()) {
          case PLAIN -> MessageKind.REQUEST;
          case SELECTOR -> MessageKind.SELECTOR_REQUEST;
          case FORM -> MessageKind.FROM_RESPONSE_REQUEST;
        };
    return new ProducedRequest(
        callback.id(),
        kind,
        url,
        r.method() == null ? "GET" : r.method().toUpperCase(Locale.ROOT),
        r.meta() == null ? Map.of() : r.meta(),
        r.headers() == null ? Map.of() : r.headers(),
        r.body(),
        kind == MessageKind.FROM_RESPONSE_REQUEST
            ? callback.form().withFormdata(r.formData())
            : null,
        callback.selectors(),
        r.dontFilter(),
        r.priority() == null ? 0 : r.priority(),
        r);
  }

  /** A meta entry, or null. */
  public Object meta(String key) {
    return meta.get(key);
  }

  /**
   * For a form request: the value the request sets for a form field (its own or the callback's), or
   * null.
   */
  public Object formData(String name) {
    return form == null || form.formdata() == null ? null : form.formdata().get(name);
  }

  /** {@code <GET url -> callback> (kind)}. */
  @Override
  public String toString() {
    return "<" + method + " " + url + " -> " + callbackId + "> (" + kind.wire() + ")";
  }
}
