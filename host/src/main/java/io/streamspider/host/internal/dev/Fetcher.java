package io.streamspider.host.internal.dev;

import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.engine.DownloadRequest;
import io.streamspider.host.internal.engine.DownloadResult;
import io.streamspider.host.internal.engine.Downloader;
import io.streamspider.host.internal.engine.Engine;
import io.streamspider.host.internal.engine.Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Downloads pages one at a time through the embedded host's engine, with the spider's settings: its
 * middlewares (redirects, retries, cookies, compression, robots.txt, the HTTP cache) apply as in a
 * crawl.
 */
final class Fetcher implements AutoCloseable {
  /** A download that did not give a response: the engine's failure text. */
  static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }
  }

  private final Engine engine;

  /**
   * @param spiderName names the HTTP cache's directory ({@code <HTTPCACHE_DIR>/<spider>/})
   */
  Fetcher(Settings settings, HostLog log, String spiderName) {
    this.engine = new Engine(settings, log, spiderName);
    engine.start();
  }

  /** GET {@code url}; any status comes back as a result. */
  DownloadResult get(String url) throws FetchException, InterruptedException {
    return fetch("GET", url, Map.of(), null);
  }

  DownloadResult fetch(String method, String url, Map<String, List<String>> headers, String body)
      throws FetchException, InterruptedException {
    CompletableFuture<Object> done = new CompletableFuture<>();
    DownloadRequest request =
        new DownloadRequest(
            method,
            url,
            headers,
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
            Map.of("handle_httpstatus_all", true),
            null,
            0,
            true,
            null);
    Downloader.Admission a = engine.submit(request, done::complete, done::complete);
    if (a != Downloader.Admission.SCHEDULED) {
      throw new FetchException(url + " was not fetched: " + a);
    }
    Object outcome;
    try {
      outcome = done.get();
    } catch (ExecutionException e) {
      throw new FetchException(url + ": " + e.getCause());
    }
    if (outcome instanceof DownloadResult r) {
      return r;
    }
    throw new FetchException(url + ": " + outcome);
  }

  @Override
  public void close() {
    engine.finish("finished");
  }
}
