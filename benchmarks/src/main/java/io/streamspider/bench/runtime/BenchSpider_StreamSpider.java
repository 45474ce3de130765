package io.streamspider.bench.runtime;

import io.streamspider.runtime.Callback;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.SpiderDefinition;
import io.streamspider.runtime.SpiderInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark spider's dispatch table (hand-written, as generated code would be): each
 * response to {@code page} yields the next request until {@code -a pages=N} responses, and
 * every {@code -a heapEvery=K} responses an item with the heap in use after a GC.
 */
public final class BenchSpider_StreamSpider implements SpiderDefinition<BenchSpider_StreamSpider.Spider> {
  static final Callback PARSE = Callback.plain("parse");
  static final Callback PAGE = Callback.plain("page");
  static final Callback BLOB = Callback.plain("blob").withBase64Body();

  /** The spider's state. */
  public static final class Spider {
    long pages;
    long heapEvery;
    long seen;
    boolean dontFilter;
    boolean blob;
  }

  @Override
  public SpiderInfo info() {
    return new SpiderInfo("bench", List.of("http://127.0.0.1:9/start"), List.of("127.0.0.1"), Map.of());
  }

  @Override
  public Collection<Callback> callbacks() {
    return List.of(PARSE, PAGE, BLOB);
  }

  @Override
  public Callback callback(String id) {
    return switch (id) {
      case "parse" -> PARSE;
      case "page" -> PAGE;
      case "blob" -> BLOB;
      default -> null;
    };
  }

  @Override
  public Set<String> argumentNames() {
    return Set.of("pages", "heapEvery", "dontFilter", "blob");
  }

  @Override
  public Spider newSpider(SpiderArguments arguments) {
    Spider s = new Spider();
    s.pages = arguments.has("pages") ? arguments.longValue("pages") : 1000;
    s.heapEvery = arguments.has("heapEvery") ? arguments.longValue("heapEvery") : 0;
    s.dontFilter = arguments.has("dontFilter") && arguments.booleanValue("dontFilter");
    s.blob = arguments.has("blob") && arguments.booleanValue("blob");
    return s;
  }

  @Override
  public Object invoke(Spider spider, Callback callback, Response response) {
    if (spider.blob) {
      // one request whose answer is the big base64 body; its bytes are only counted
      return callback == PARSE ? Request.to(BLOB, "http://127.0.0.1:9/blob") : Map.of("bytes", response.body().length);
    }
    long n = ++spider.seen;
    Object item = null;
    if (spider.heapEvery > 0 && n % spider.heapEvery == 0) {
      System.gc();
      Runtime rt = Runtime.getRuntime();
      item = Map.of("responses", n, "heapUsed", rt.totalMemory() - rt.freeMemory());
    }
    if (n >= spider.pages) {
      return item;
    }
    // a fresh URL each time: the duplicate filter records every one, as in a real crawl
    Request next = Request.to(PAGE, "http://127.0.0.1:9/page/" + n + "?sort=asc&page=" + n).dontFilter(spider.dontFilter);
    return item == null ? next : List.of(item, next);
  }

  @Override
  public Object onError(Spider spider, Callback callback, Failure failure) {
    return null;
  }
}
