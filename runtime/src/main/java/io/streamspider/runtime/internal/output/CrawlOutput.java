package io.streamspider.runtime.internal.output;

import io.streamspider.runtime.Response;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a crawl's items (and, for Scrapy Cloud, its logs, requests and stats) leave the process.
 * Scrapy Streaming has no item message, so items must be durable by themselves (docs/real-host.md,
 * "Fatal conditions"). The loop calls these methods from one thread, except {@link #finish} which a
 * shutdown hook may call after the loop stopped.
 */
public interface CrawlOutput extends AutoCloseable {

  /** Called once, before the {@code spider} message is sent; {@code stats} may be polled. */
  void open(Supplier<Map<String, Object>> stats) throws IOException;

  /**
   * An item a callback produced while handling {@code from}. Written and flushed when this returns,
   * so a SIGKILL right after loses nothing.
   *
   * @return false if the item was refused (e.g. over a size limit); the output has said why
   */
  boolean item(Object item, Response from) throws IOException;

  /** A log record the runtime sent to the host (level CRITICAL..DEBUG). */
  default void log(String level, String message) {}

  /** A response the host delivered (Scrapy Cloud's REQ). */
  default void response(Response response) {
    response(response, null, -1);
  }

  /**
   * A response the host delivered, with what the loop knows of its request: the HTTP method it was
   * sent with (null: GET) and the index returned for the response whose callback sent it (-1 for a
   * start URL). Scrapy Cloud's REQ then carries the method and its {@code parent}.
   *
   * @return this response's REQ index, or -1 when this output numbers none
   */
  default int response(Response response, String method, int parent) {
    return -1;
  }

  /** The crawl ended: {@code finished}, {@code cancelled} or {@code failed}. Idempotent. */
  default void finish(String outcome) {}

  @Override
  void close() throws IOException;
}
