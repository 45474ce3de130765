package io.streamspider.runtime;

import java.util.Map;

/**
 * A request that failed: the host answered it with an {@code exception} message (network error,
 * non-2xx status, no form found, ...), or the runtime could not take its response (a body over
 * {@code DOWNLOAD_MAXSIZE}, a response line it cannot read, a body that does not fit in the heap).
 * Handed to the callback's {@code @OnError} method.
 *
 * @param requestId the id the request was sent with
 * @param callbackId the callback the request was for
 * @param url the request's URL
 * @param meta the request's meta (empty if none)
 * @param exception the host's text, e.g. {@code Ignoring non-200 response}, or the runtime's, e.g.
 *     {@code Received (2000000) bytes larger than download max size (1000000) in request <GET
 *     http://...>.}
 * @param receivedMessage the protocol line the host was answering; null when the runtime failed the
 *     request itself
 */
public record Failure(
    String requestId,
    String callbackId,
    String url,
    Map<String, Object> meta,
    String exception,
    String receivedMessage) {

  public Failure {
    meta = meta == null ? Map.of() : meta;
  }

  /** Whether the host dropped the response for its HTTP status (Scrapy's HttpError). */
  public boolean isHttpError() {
    return exception != null && exception.startsWith("Ignoring non-200 response");
  }
}
