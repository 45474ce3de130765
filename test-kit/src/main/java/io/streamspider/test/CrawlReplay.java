package io.streamspider.test;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.host.internal.ResponseText;
import io.streamspider.host.internal.engine.Decoding;
import io.streamspider.host.internal.engine.HeaderNames;
import io.streamspider.host.internal.engine.HttpCache;
import io.streamspider.host.internal.engine.RequestUrls;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.internal.RequestFilter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays a whole crawl from a recorded HTTP cache, offline and deterministically: the cache a
 * crawl with {@code -s HTTPCACHE_ENABLED=true} left (Scrapy's FilesystemCacheStorage layout, {@code
 * <dir>/<spider>/<fp[0:2]>/<fp>/}) answers every request, the spider's callbacks run in-process
 * through {@link SpiderTester}, and the result holds every item and request.
 *
 * <pre>{@code
 * ReplayResult crawl = CrawlReplay.of(CatalogueSpider.class)
 *     .from(Path.of(".scrapy/httpcache"))
 *     .startUrls("http://127.0.0.1:8000/")
 *     .run();
 * assertEquals(105, crawl.items(Product.class).size());
 * }</pre>
 *
 * <p>As in a crawl: start URLs go to {@code parse}; requests are resolved, filtered off-site
 * ({@code allowed_domains}) and as duplicates (the runtime's filter: method, canonical URL, body,
 * form) unless {@code dontFilter}; a form request fetches its page and submits the form as {@code
 * FormRequest.from_response}; redirects stored in the cache are followed (302/303 as GET); gzip and
 * deflate bodies are decoded; a non-2xx status goes to the callback's {@code @OnError} handler with
 * the host's text ({@code Ignoring non-200 response}); meta makes the JSON round trip it makes
 * through the protocol. Requests are answered one at a time in the order they were made (breadth
 * first), so a replay gives the same result every time; the order of items may differ from the live
 * crawl's, which ran requests concurrently.
 *
 * <p>A request the cache cannot answer is a failure {@code Ignored request not in cache: <GET url>}
 * (as with {@code HTTPCACHE_IGNORE_MISSING}): it goes to {@code @OnError}, and is listed in {@link
 * ReplayResult#missing()}. A callback that throws fails the replay with an {@link AssertionError}
 * naming the callback and the URL.
 *
 * @param <S> the spider class
 */
public final class CrawlReplay<S> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_REDIRECTS = 20;

  private final SpiderTester<S> tester;
  private final SpiderDefinition<S> definition;
  private Path cacheDir;
  private List<String> startUrls;
  private List<String> allowedDomains;
  private boolean fingerprint27;
  private boolean gzip;

  private CrawlReplay(SpiderDefinition<S> definition) {
    this.definition = definition;
    this.tester = SpiderTester.of(definition);
  }

  /** A replay of the spider behind this generated definition. */
  public static <S> CrawlReplay<S> of(SpiderDefinition<S> definition) {
    return new CrawlReplay<>(Objects.requireNonNull(definition, "definition == null"));
  }

  /** A replay of {@code spiderClass}, through its generated definition. */
  @SuppressWarnings("unchecked")
  public static <S> CrawlReplay<S> of(Class<S> spiderClass) {
    return of((SpiderDefinition<S>) Definitions.of(spiderClass));
  }

  /**
   * The HTTPCACHE_DIR of the recording crawl (holding {@code <spider name>/}).
   *
   * @throws IllegalArgumentException when it has no cache for this spider
   */
  public CrawlReplay<S> from(Path httpcacheDir) {
    Objects.requireNonNull(httpcacheDir, "httpcacheDir == null");
    Path spiderDir = httpcacheDir.resolve(definition.info().name());
    if (!Files.isDirectory(spiderDir)) {
      throw new IllegalArgumentException(
          "no recorded cache of spider "
              + definition.info().name()
              + " in "
              + httpcacheDir.toAbsolutePath()
              + " (expected the directory "
              + spiderDir.toAbsolutePath()
              + ", which a crawl with -s HTTPCACHE_ENABLED=true -s HTTPCACHE_DIR="
              + httpcacheDir
              + " writes)");
    }
    this.cacheDir = spiderDir;
    return this;
  }

  /** A spider argument ({@code -a name=value}). */
  public CrawlReplay<S> arg(String name, String value) {
    tester.arg(name, value);
    return this;
  }

  /** The start URLs the recording crawl used (default: the spider's own). */
  public CrawlReplay<S> startUrls(String... urls) {
    this.startUrls = List.of(urls);
    return this;
  }

  /** The allowed domains (default: the spider's own). */
  public CrawlReplay<S> allowedDomains(String... domains) {
    this.allowedDomains = List.of(domains);
    return this;
  }

  /**
   * As the recording crawl's REQUEST_FINGERPRINTER_IMPLEMENTATION: {@code 2.6} (default) or {@code
   * 2.7}.
   */
  public CrawlReplay<S> requestFingerprinter(String implementation) {
    if (!implementation.equals("2.6") && !implementation.equals("2.7")) {
      throw new IllegalArgumentException(
          "REQUEST_FINGERPRINTER_IMPLEMENTATION must be 2.6 or 2.7, got " + implementation);
    }
    this.fingerprint27 = implementation.equals("2.7");
    return this;
  }

  /** As the recording crawl's HTTPCACHE_GZIP. */
  public CrawlReplay<S> gzip(boolean gzip) {
    this.gzip = gzip;
    return this;
  }

  /** Runs the crawl from the cache. */
  public ReplayResult run() {
    if (cacheDir == null) {
      throw new IllegalStateException("call from(httpcacheDir) before run()");
    }
    RequestFilter filter =
        new RequestFilter(
            allowedDomains != null ? allowedDomains : definition.info().allowedDomains());
    Deque<ProducedRequest> queue = new ArrayDeque<>();
    Callback parse = tester.callback("parse");
    for (String url : startUrls != null ? startUrls : definition.info().startUrls()) {
      queue.add(
          ProducedRequest.of(
              parse, url, io.streamspider.runtime.Request.to(parse, url).dontFilter(true)));
    }
    List<Object> items = new ArrayList<>();
    List<ProducedRequest> requests = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    int responses = 0;
    int sequence = 0;
    while (!queue.isEmpty()) {
      ProducedRequest r = queue.poll();
      Callback callback = tester.callback(r.callbackId());
      String id = r.callbackId() + "#" + (++sequence);
      Fetched f;
      try {
        f = fetch(r);
      } catch (Missing m) {
        missing.add(m.getMessage());
        f = new Fetched(null, m.getMessage());
      }
      CallbackResult result;
      if (f.page != null && f.page.status() >= 200 && f.page.status() < 300) {
        responses++;
        Response response = tester.response(callback, f.page);
        Object returned;
        try {
          returned = definition.invoke(tester.spider(), callback, response);
        } catch (Exception | LinkageError e) {
          throw new AssertionError(
              "replay: callback " + r.callbackId() + " threw on " + f.page + ": " + e, e);
        }
        result = tester.collect(r.callbackId(), f.page, response, returned);
      } else {
        String text = f.page != null ? "Ignoring non-200 response" : f.failure;
        Failure failure = new Failure(id, r.callbackId(), r.url(), roundTrip(r.meta()), text, null);
        failures.add(failure);
        if (!callback.hasErrorHandler()) {
          continue;
        }
        Object returned;
        try {
          returned = definition.onError(tester.spider(), callback, failure);
        } catch (Exception | LinkageError e) {
          throw new AssertionError(
              "replay: error handler of " + r.callbackId() + " threw for " + r.url() + ": " + e, e);
        }
        result = tester.collect(r.callbackId(), null, null, returned);
      }
      items.addAll(result.items());
      for (ProducedRequest next : result.requests()) {
        requests.add(next);
        if (admit(filter, next)) {
          queue.add(next);
        }
      }
    }
    return new ReplayResult(items, requests, failures, missing, responses);
  }

  /** The runtime's filters: off-site, then duplicates (unless dontFilter). */
  private static boolean admit(RequestFilter filter, ProducedRequest r) {
    String host = URI.create(RequestUrls.requestUrl(r.url(), null)).getHost();
    if (!filter.isOnSite(host)) {
      return false;
    }
    return r.dontFilter()
        || filter.firstSeen(
            r.method(), r.url(), r.body(), r.form() == null ? null : r.form().toString());
  }

  private record Fetched(Page page, String failure) {}

  /** A request the cache has no answer for. */
  private static final class Missing extends Exception {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message);
    }
  }

  private Fetched fetch(ProducedRequest r) throws Missing {
    Map<String, Object> meta = roundTrip(r.meta());
    byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
    if (r.kind() != MessageKind.FROM_RESPONSE_REQUEST) {
      return new Fetched(get(r.method(), r.url(), body, meta), null);
    }
    // from_response_request: the form's page first, then the submission
    Page formPage = get("GET", r.url(), new byte[0], Map.of());
    if (formPage.status() < 200 || formPage.status() >= 300) {
      return new Fetched(formPage, null);
    }
    ResponseText.Text text = ResponseText.decode(formPage.headers(), formPage.bodyBytes());
    FormSubmission s;
    try {
      s = FormSubmitter.fromResponse(text.text(), formPage.url(), r.form(), text.charset());
    } catch (FormException e) {
      return new Fetched(null, e.getMessage());
    }
    return new Fetched(get(s.method(), s.url(), s.body().getBytes(text.charset()), meta), null);
  }

  /** One request from the cache, redirects followed, body decoded. */
  private Page get(String method, String url, byte[] body, Map<String, Object> meta)
      throws Missing {
    String m = method.toUpperCase(Locale.ROOT);
    String u = RequestUrls.requestUrl(url, null);
    byte[] b = body;
    for (int redirects = 0; ; redirects++) {
      String key = HttpCache.key(m, u, b, fingerprint27);
      HttpCache.Cached c = HttpCache.read(HttpCache.entry(cacheDir, key), 0, gzip);
      if (c == null) {
        throw new Missing(
            "Ignored request not in cache: <" + m + " " + u + "> (entry " + key + ")");
      }
      List<String> location = HeaderNames.get(c.headers(), "Location");
      if (REDIRECTS.contains(c.status()) && !location.isEmpty() && redirects < MAX_REDIRECTS) {
        u = RequestUrls.redirectTarget(u, location.get(0));
        if (c.status() == 302 || c.status() == 303) {
          if (!m.equals("HEAD")) {
            m = "GET";
          }
          b = new byte[0];
        }
        continue;
      }
      Map<String, List<String>> headers = new LinkedHashMap<>(c.headers());
      byte[] decoded = decode(c.body(), headers, u);
      Page page =
          Page.bytes(decoded).url(c.url() == null ? u : c.url()).status(c.status()).meta(meta);
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        for (String v : h.getValue()) {
          page = page.header(h.getKey(), v);
        }
      }
      return page;
    }
  }

  private static byte[] decode(byte[] body, Map<String, List<String>> headers, String url) {
    List<String> encodings = HeaderNames.get(headers, "Content-Encoding");
    if (encodings.isEmpty() || !Decoding.supported(encodings.get(encodings.size() - 1))) {
      return body;
    }
    try {
      byte[] out = Decoding.decode(body, encodings.get(encodings.size() - 1), 0);
      HeaderNames.remove(headers, "Content-Encoding");
      return out;
    } catch (Decoding.DecodingException | Decoding.TooLargeException e) {
      throw new IllegalArgumentException(
          "cannot decode the cached body of " + url + ": " + e.getMessage(), e);
    }
  }

  /** Meta as the protocol carries it: through JSON and back. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> roundTrip(Map<String, Object> meta) {
    if (meta == null || meta.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(JSON.writeValueAsBytes(meta), LinkedHashMap.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "meta is not JSON-serialisable: " + meta + " (" + e.getMessage() + ")", e);
    }
  }
}
