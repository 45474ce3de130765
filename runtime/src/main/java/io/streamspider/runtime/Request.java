package io.streamspider.runtime;

import io.streamspider.runtime.generated.Callback;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request a callback returns. The runtime turns it into the protocol message its callback needs
 * ({@code request}, {@code selector_request} or {@code from_response_request}).
 *
 * <p>Prefer the generated {@code <Spider>_Requests} factories, which the compiler checks. A request
 * made with {@link #to(String, String)} names its callback by id and is checked when the callback
 * returns it. A relative URL is resolved against the URL of the response being handled, as Scrapy's
 * {@code response.follow} does.
 *
 * <p>Fluent and mutable: each setter returns this request.
 */
public final class Request {
  private final Callback callback;
  private final String callbackId;
  private final String url;
  private String method;
  private Map<String, Object> meta;
  private String body;
  private Map<String, List<String>> headers;
  private Object cookies;
  private String encoding;
  private Integer priority;
  private boolean dontFilter;
  private Map<String, Object> formData;

  private Request(Callback callback, String callbackId, String url) {
    this.callback = callback;
    this.callbackId = callbackId;
    this.url = url;
  }

  /** A request to a callback of the generated dispatch table (used by generated factories). */
  public static Request to(Callback callback, String url) {
    Objects.requireNonNull(callback, "callback == null");
    return new Request(callback, callback.id(), url);
  }

  /**
   * A request to the callback with id {@code callbackId}; an unknown id is an error at run time.
   */
  public static Request to(String callbackId, String url) {
    Objects.requireNonNull(callbackId, "callbackId == null");
    return new Request(null, callbackId, url);
  }

  public Request method(String method) {
    this.method = method;
    return this;
  }

  /** Adds a meta entry; the value must be JSON-serialisable. It comes back in the response. */
  public Request meta(String key, Object value) {
    if (meta == null) {
      meta = new LinkedHashMap<>();
    }
    meta.put(key, value);
    return this;
  }

  public Request meta(Map<String, ?> entries) {
    entries.forEach(this::meta);
    return this;
  }

  public Request body(String body) {
    this.body = body;
    return this;
  }

  /** Adds a header value (a name may carry several). */
  public Request header(String name, String value) {
    if (headers == null) {
      headers = new LinkedHashMap<>();
    }
    headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    return this;
  }

  /** Cookies as a name → value map (Scrapy's dict form). */
  public Request cookies(Map<String, String> cookies) {
    this.cookies = new LinkedHashMap<>(cookies);
    return this;
  }

  /**
   * Cookies in Scrapy's list form: maps with {@code name}, {@code value} and optionally {@code
   * domain}, {@code path}.
   */
  public Request cookies(List<Map<String, String>> cookies) {
    this.cookies = new ArrayList<>(cookies);
    return this;
  }

  public Request encoding(String encoding) {
    this.encoding = encoding;
    return this;
  }

  public Request priority(int priority) {
    this.priority = priority;
    return this;
  }

  /** Sends the request even if an identical one was sent before. */
  public Request dontFilter(boolean dontFilter) {
    this.dontFilter = dontFilter;
    return this;
  }

  /** Sets a form field for a form callback, over the callback's own {@code formData}. */
  public Request formData(String name, String value) {
    return putFormData(name, value);
  }

  /** Sets a repeated form field for a form callback. */
  public Request formData(String name, List<String> values) {
    return putFormData(name, List.copyOf(values));
  }

  /** Removes a field from the submitted form (Scrapy's {@code formdata={name: None}}). */
  public Request removeFormField(String name) {
    return putFormData(name, null);
  }

  private Request putFormData(String name, Object value) {
    Objects.requireNonNull(name, "name == null");
    if (formData == null) {
      formData = new LinkedHashMap<>();
    }
    formData.put(name, value);
    return this;
  }

  /** The callback, when this request was built through the generated table; else null. */
  public Callback callback() {
    return callback;
  }

  public String callbackId() {
    return callbackId;
  }

  public String url() {
    return url;
  }

  public String method() {
    return method;
  }

  public Map<String, Object> meta() {
    return meta;
  }

  public String body() {
    return body;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** A {@code Map<String, String>}, a {@code List<Map<String, String>>}, or null. */
  public Object cookies() {
    return cookies;
  }

  public String encoding() {
    return encoding;
  }

  public Integer priority() {
    return priority;
  }

  public boolean dontFilter() {
    return dontFilter;
  }

  /** Per-request form data overrides; null when none. */
  public Map<String, Object> formData() {
    return formData;
  }

  @Override
  public String toString() {
    return "<" + (method == null ? "GET" : method) + " " + url + " -> " + callbackId + ">";
  }
}
