package io.streamspider.host.internal;

import io.streamspider.host.engine.DownloadRequest;
import io.streamspider.host.engine.DownloadResult;
import io.streamspider.host.engine.Downloader;
import io.streamspider.runtime.SpiderInfo;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A plain downloader on the JDK's {@link HttpClient} (asynchronous, no thread per request): no
 * scheduler, duplicate filter, retries or cookie jar. It lets the protocol side run before the
 * download engine of {@code io.streamspider.host.engine} is there. Failures carry Scrapy's texts.
 */
public final class SimpleDownloader implements Downloader {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final ExecutorService executor;
  private final double timeoutSeconds;
  private final String userAgent;
  private final HostLog log;
  private volatile boolean shutdown;

  public SimpleDownloader(SpiderInfo spider, Map<String, String> commandLineSettings, HostLog log) {
    Settings settings = new Settings(spider.customSettings(), commandLineSettings);
    this.timeoutSeconds = settings.getFloat("DOWNLOAD_TIMEOUT", 180.0);
    if (!(timeoutSeconds > 0)) {
      throw new IllegalArgumentException(
          "Invalid value for setting DOWNLOAD_TIMEOUT: " + timeoutSeconds + " (must be > 0)");
    }
    this.userAgent = settings.getString("USER_AGENT", "StreamSpider (+https://scrapy.org)");
    this.log = log;
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "simple-downloader");
              t.setDaemon(true);
              return t;
            });
    this.client =
        HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
            .build();
  }

  @Override
  public Admission submit(
      DownloadRequest request, Consumer<DownloadResult> onResult, Consumer<String> onFailure) {
    if (shutdown) {
      onFailure.accept("The crawl is shutting down");
      return Admission.SCHEDULED;
    }
    URI uri;
    try {
      uri = URI.create(request.url());
    } catch (IllegalArgumentException e) {
      onFailure.accept("Invalid URL: " + e.getMessage());
      return Admission.SCHEDULED;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      onFailure.accept(
          "Unsupported URL scheme '" + scheme + "': no handler available for that scheme");
      return Admission.SCHEDULED;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("invalid") || host.endsWith(".invalid")) {
      // RFC 6761 §6.4: resolvers answer "no such name" for .invalid without asking anyone
      onFailure.accept(dnsFailure(host));
      return Admission.SCHEDULED;
    }
    HttpRequest http;
    try {
      http = httpRequest(request, uri);
    } catch (IllegalArgumentException e) {
      onFailure.accept(e.getMessage());
      return Admission.SCHEDULED;
    }
    long started = System.nanoTime();
    client
        .sendAsync(http, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                onFailure.accept(failureText(error, request, host));
                return;
              }
              double latency = (System.nanoTime() - started) / 1e9;
              Map<String, Object> meta = new LinkedHashMap<>(request.meta());
              meta.put("download_timeout", timeoutSeconds);
              meta.put("download_slot", host);
              meta.put("download_latency", latency);
              onResult.accept(
                  new DownloadResult(
                      response.uri().toString(),
                      response.statusCode(),
                      headers(response.headers()),
                      response.body(),
                      meta,
                      List.of()));
            });
    return Admission.SCHEDULED;
  }

  private HttpRequest httpRequest(DownloadRequest request, URI uri) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
            .method(
                request.method(),
                request.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    boolean hasUserAgent = false;
    for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
      if (RESTRICTED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        log.debug("host", "Not sending header " + e.getKey() + ": the HTTP client sets it itself");
        continue;
      }
      hasUserAgent |= e.getKey().equalsIgnoreCase("User-Agent");
      for (String v : e.getValue()) {
        b.header(e.getKey(), v);
      }
    }
    if (!hasUserAgent) {
      b.header("User-Agent", userAgent);
    }
    String cookie = cookieHeader(request.cookies());
    if (!cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    return b.build();
  }

  private static String cookieHeader(Object cookies) {
    List<String> pairs = new ArrayList<>();
    if (cookies instanceof Map<?, ?> m) {
      m.forEach((k, v) -> pairs.add(k + "=" + v));
    } else if (cookies instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> c && c.get("name") != null) {
          pairs.add(c.get("name") + "=" + c.get("value"));
        }
      }
    }
    return String.join("; ", pairs);
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":")) {
                out.put(name, values);
              }
            });
    return out;
  }

  private String failureText(Throwable error, DownloadRequest request, String host) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof HttpTimeoutException) {
      return "User timeout caused connection failure: Getting " + request.url() + " took longer than "
          + timeoutSeconds + " seconds..";
    }
    if (e instanceof ConnectException) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        return dnsFailure(host);
      }
      return "Connection was refused by other side: 111: Connection refused.";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String dnsFailure(String host) {
    return "DNS lookup failed: no results for hostname lookup: " + host + ".";
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public void close() {
    shutdown = true;
    executor.shutdownNow();
  }
}
