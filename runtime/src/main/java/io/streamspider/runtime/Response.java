package io.streamspider.runtime;

import io.streamspider.runtime.internal.PyUrl;
import io.streamspider.runtime.internal.ResponseAccess;
import io.streamspider.runtime.protocol.ResponseBody;
import io.streamspider.runtime.spi.LocalSelectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response handed to a callback: the protocol's {@code response} or {@code response_selector}
 * message.
 */
public final class Response {
  static {
    ResponseAccess.install(Response::new);
  }

  private final String id;
  private final String callbackId;
  private final String url;
  private final int status;
  private final Map<String, List<String>> headers;
  private final String text;
  private final byte[] bytes;

  /**
   * A text body the runtime has not decoded yet (its JSON string, copied out of the line it came
   * in): decoded on the first {@link #text()} or {@link #body()}, so a callback that never reads
   * the body does not pay for it. Null once decoded, and for a response made with a body.
   */
  private ResponseBody undecoded;

  private volatile String decoded;

  private final Map<String, Object> meta;
  private final List<String> flags;
  private final Map<String, List<String>> selector;
  private LocalSelectors.Match document; // parsed on the first css/xpath, at most once

  /**
   * @param text the body as text, or null when the body arrived as base64
   * @param bytes the decoded body when it arrived as base64, else null
   */
  public Response(
      String id,
      String callbackId,
      String url,
      int status,
      Map<String, List<String>> headers,
      String text,
      byte[] bytes,
      Map<String, Object> meta,
      List<String> flags,
      Map<String, List<String>> selector) {
    this.id = id;
    this.callbackId = callbackId;
    this.url = url;
    this.status = status;
    this.headers = headers == null ? Map.of() : headers;
    this.text = text;
    this.bytes = bytes;
    this.meta = meta == null ? Map.of() : meta;
    this.flags = flags == null ? List.of() : flags;
    this.selector = selector;
  }

  /** A response whose text body is decoded when first asked for (see {@link ResponseAccess}). */
  private Response(
      String id,
      String callbackId,
      String url,
      int status,
      Map<String, List<String>> headers,
      ResponseBody undecoded,
      Map<String, Object> meta,
      List<String> flags,
      Map<String, List<String>> selector) {
    this(id, callbackId, url, status, headers, null, null, meta, flags, selector);
    synchronized (this) { // as decode() reads it, on whatever thread the response reaches
      this.undecoded = undecoded;
    }
  }

  /** The request id as sent and answered (unique per request). */
  public String id() {
    return id;
  }

  /** The id of the callback handling this response. */
  public String callbackId() {
    return callbackId;
  }

  public String url() {
    return url;
  }

  public int status() {
    return status;
  }

  /** Header name → values, as the host sent them. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, matched case-insensitively, or null. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** The body as text (for a base64 body: its bytes read as UTF-8). */
  public String text() {
    if (text != null) {
      return text;
    }
    if (bytes != null) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    String t = decoded;
    return t != null ? t : decode();
  }

  private synchronized String decode() {
    if (decoded == null) {
      try {
        // the runtime read this JSON string once already (the line was parsed whole, its escapes
        // and UTF-8 checked): decoding it cannot fail
        decoded = undecoded == null ? "" : (String) undecoded.decode(false);
      } catch (IOException e) {
        throw new IllegalStateException("the body of " + this + " does not decode", e);
      }
      undecoded = null;
    }
    return decoded;
  }

  /** The body's bytes: decoded base64, or the text's UTF-8 bytes. */
  public byte[] body() {
    return bytes != null ? bytes : text().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the body arrived base64-encoded. */
  public boolean isBinary() {
    return bytes != null;
  }

  /** The request's meta plus the host's keys ({@code download_latency}, ...). */
  public Map<String, Object> meta() {
    return meta;
  }

  public Object meta(String key) {
    return meta.get(key);
  }

  public List<String> flags() {
    return flags;
  }

  /** The values of a {@code response_selector} field; empty when absent. */
  public List<String> values(String field) {
    if (selector == null) {
      return List.of();
    }
    List<String> v = selector.get(field);
    return v == null ? List.of() : v;
  }

  /** The {@code selector} object of a {@code response_selector}; null for a plain response. */
  public Map<String, List<String>> selector() {
    return selector;
  }

  /**
   * Scrapy's {@code response.css(query)}: an ad-hoc CSS query on this response, evaluated in the
   * spider process with parsel's semantics ({@code ::text}, {@code ::attr(name)}), the page parsed
   * once however many queries follow. Needs the embedded host ({@code
   * io.streamspider:streamspider-host}) on the class path.
   *
   * @throws IllegalArgumentException when the query does not parse
   * @throws IllegalStateException when no parsel engine is on the class path
   */
  public Selection css(String query) {
    java.util.Objects.requireNonNull(query, "query == null");
    try {
      return Selection.of(document().css(query));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "css query \"" + query + "\" on " + this + ": " + e.getMessage(), e);
    }
  }

  /** Scrapy's {@code response.xpath(query)}; see {@link #css(String)}. */
  public Selection xpath(String query) {
    java.util.Objects.requireNonNull(query, "query == null");
    try {
      return Selection.of(document().xpath(query));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "xpath query \"" + query + "\" on " + this + ": " + e.getMessage(), e);
    }
  }

  private synchronized LocalSelectors.Match document() {
    if (document == null) {
      document = Parsers.get().parse(text(), url, headers);
    }
    return document;
  }

  /** The {@link LocalSelectors} on the class path, looked up once. */
  private static final class Parsers {
    private static final LocalSelectors INSTANCE = load();

    static LocalSelectors get() {
      if (INSTANCE == null) {
        throw new IllegalStateException(
            "Response.css and Response.xpath evaluate queries in the spider process and need the "
                + "embedded host's parsel engine on the class path: add the dependency "
                + "io.streamspider:streamspider-host to the spider (and to its fat jar)");
      }
      return INSTANCE;
    }

    private static LocalSelectors load() {
      for (LocalSelectors s :
          java.util.ServiceLoader.load(LocalSelectors.class, Response.class.getClassLoader())) {
        return s;
      }
      return null;
    }
  }

  /**
   * Resolves a possibly relative URL against this response's URL, as Scrapy's {@code
   * response.urljoin} does (Python's {@code urljoin}; nothing is escaped yet: a request made from
   * the result is, when it is sent).
   *
   * @throws IllegalArgumentException when the URL is malformed (e.g. an unclosed IPv6 bracket)
   */
  public String urljoin(String href) {
    try {
      return PyUrl.urljoin(url, href);
    } catch (PyUrl.UrlException e) {
      throw new IllegalArgumentException(
          "cannot resolve URL " + href + " against " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "<" + status + " " + url + ">";
  }
}
