package io.streamspider.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saved response to feed to a callback: its body (from a file, a class-path resource, a string or
 * bytes) with the URL, status, headers and meta the callback should see. Immutable; each {@code
 * with...} method returns a changed copy.
 *
 * <pre>{@code
 * Page page = Page.resource("/pages/product-7.html")
 *     .url("http://127.0.0.1:8000/catalogue/product-7.html");
 * }</pre>
 *
 * Defaults: URL {@value #DEFAULT_URL}, status 200, header {@code Content-Type: text/html;
 * charset=utf-8} unless headers are given, no meta. The body is decoded as the embedded host
 * decodes it (charset from {@code Content-Type}, then the page's own declaration, else UTF-8).
 */
public final class Page {
  /** The URL of a page that was given none. */
  public static final String DEFAULT_URL = "http://localhost/";

  private final String source;
  private final byte[] body;
  private final String url;
  private final int status;
  private final Map<String, List<String>> headers;
  private final Map<String, Object> meta;

  private Page(
      String source,
      byte[] body,
      String url,
      int status,
      Map<String, List<String>> headers,
      Map<String, Object> meta) {
    this.source = source;
    this.body = body;
    this.url = url;
    this.status = status;
    this.headers = headers;
    this.meta = meta;
  }

  /** A page whose body is this text (UTF-8). */
  public static Page html(String html) {
    Objects.requireNonNull(html, "html == null");
    return new Page(
        "a string", html.getBytes(StandardCharsets.UTF_8), DEFAULT_URL, 200, null, Map.of());
  }

  /** A page whose body is these bytes (an image, a page in another charset). */
  public static Page bytes(byte[] body) {
    Objects.requireNonNull(body, "body == null");
    return new Page("bytes", body.clone(), DEFAULT_URL, 200, null, Map.of());
  }

  /**
   * A page saved in a file.
   *
   * @throws IllegalArgumentException naming the file when it does not exist or cannot be read
   */
  public static Page file(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      return new Page("file " + file, Files.readAllBytes(file), DEFAULT_URL, 200, null, Map.of());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("saved page not found: " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read saved page " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  /**
   * A page saved as a class-path resource (e.g. under {@code src/test/resources}), by absolute name
   * ({@code /pages/listing.html}; a leading slash is optional).
   *
   * @throws IllegalArgumentException naming the resource when it is not on the class path
   */
  public static Page resource(String name) {
    Objects.requireNonNull(name, "name == null");
    String path = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Page.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "saved page not found on the class path: resource /" + path);
      }
      return new Page("resource /" + path, in.readAllBytes(), DEFAULT_URL, 200, null, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource /" + path, e);
    }
  }

  /** This page at {@code url} (relative links in it resolve against it). */
  public Page url(String url) {
    Objects.requireNonNull(url, "url == null");
    return new Page(source, body, url, status, headers, meta);
  }

  public Page status(int status) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("HTTP status must be 100-999, got " + status);
    }
    return new Page(source, body, url, status, headers, meta);
  }

  /** Adds a response header value (the default Content-Type is then no longer added). */
  public Page header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    Map<String, List<String>> h = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((k, v) -> h.put(k, new ArrayList<>(v)));
    }
    h.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return new Page(source, body, url, status, Collections.unmodifiableMap(h), meta);
  }

  /** Adds a meta entry, as the request that fetched the page carried it. */
  public Page meta(String key, Object value) {
    Objects.requireNonNull(key, "key == null");
    Map<String, Object> m = new LinkedHashMap<>(meta);
    m.put(key, value);
    return new Page(source, body, url, status, headers, Collections.unmodifiableMap(m));
  }

  /** Replaces the meta. */
  public Page meta(Map<String, ?> meta) {
    return new Page(
        source, body, url, status, headers, Collections.unmodifiableMap(new LinkedHashMap<>(meta)));
  }

  public String url() {
    return url;
  }

  public int status() {
    return status;
  }

  /** The headers as the callback sees them. */
  public Map<String, List<String>> headers() {
    if (headers == null) {
      return Map.of("Content-Type", List.of("text/html; charset=utf-8"));
    }
    return headers;
  }

  public Map<String, Object> meta() {
    return meta;
  }

  /** A copy of the body's bytes. */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyBytes() {
    return body;
  }

  /** Where the page came from, for error messages: {@code file x}, {@code resource /x}, ... */
  public String source() {
    return source;
  }

  /** {@code <URL> (resource /pages/x.html)}: how failures name the page. */
  @Override
  public String toString() {
    return "<" + status + " " + url + "> (" + source + ")";
  }
}
