package io.streamspider.host.internal.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One request as it moves through the engine (scheduler, slot, download, redirects, retries), with
 * the callbacks that get its one answer. Touched by one thread at a time: each stage hands it to
 * the next through an executor or a lock.
 */
public final class Job {
  public final Consumer<DownloadResult> onResult;
  public final Consumer<String> onFailure;
  private final AtomicBoolean answered = new AtomicBoolean();

  public String method;
  public String url;
  public Map<String, List<String>> headers;
  public byte[] body;
  public final Map<String, Object> meta;
  public int priority;
  public boolean dontFilter;

  /** The request's cookies, applied on the first attempt only (as Scrapy's redirects drop them). */
  public Object cookies;

  /** A host-internal request (robots.txt) that bypasses the scheduler. */
  public final boolean direct;

  /** Insertion order, for LIFO within a priority as Scrapy's memory queue. */
  public long sequence;

  public Job(
      String method,
      String url,
      Map<String, List<String>> headers,
      byte[] body,
      Map<String, Object> meta,
      int priority,
      boolean dontFilter,
      Object cookies,
      boolean direct,
      Consumer<DownloadResult> onResult,
      Consumer<String> onFailure) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
    this.meta = meta == null ? new LinkedHashMap<>() : meta;
    this.priority = priority;
    this.dontFilter = dontFilter;
    this.cookies = cookies;
    this.direct = direct;
    this.onResult = onResult;
    this.onFailure = onFailure;
  }

  /** True once, for the one answer this job gets. */
  public boolean claimAnswer() {
    return answered.compareAndSet(false, true);
  }

  public boolean answered() {
    return answered.get();
  }

  /** Scrapy's {@code repr(request)}: {@code <GET http://...>}. */
  public String repr() {
    return "<" + method + " " + url + ">";
  }

  /** The Referer header as Scrapy's log lines show it ({@code None} when there is none). */
  public String referer() {
    List<String> r = HeaderNames.get(headers, "Referer");
    return r.isEmpty() ? "None" : r.get(0);
  }

  /** A meta value as a boolean the way Python's truthiness reads JSON values. */
  public boolean metaFlag(String key) {
    return PyFormat.truthy(meta.get(key));
  }

  /** A meta value as a boolean, {@code fallback} when the key is absent. */
  public boolean metaBool(String key, boolean fallback) {
    return meta.containsKey(key) ? metaFlag(key) : fallback;
  }

  /** A numeric meta value, {@code fallback} when it is absent or not a number. */
  public long metaLong(String key, long fallback) {
    return meta.get(key) instanceof Number n ? n.longValue() : fallback;
  }
}
