package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.engine.Failures.Failure;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One attempt to download a job as the downloader middlewares see it: the request as it is sent,
 * then its response. The downloader extends it with the attempt's own state, so an attempt is one
 * object. Handed from stage to stage through an executor or a future, never shared.
 */
class Exchange {
  final Job job;

  /** The URL the HTTP client sends. */
  URI uri;

  /** The headers sent: the job's, then what the middlewares add (defaults, cookies). */
  Map<String, List<String>> requestHeaders;

  int status;

  /** The response's headers as Scrapy shows them (mutable: decoding drops Content-Encoding). */
  Map<String, List<String>> headers;

  byte[] body;

  /** The response's flags (mutable): {@code cached}, {@code partial}, {@code dataloss}. */
  List<String> flags;

  /** Why the job fails, set with {@link DownloaderMiddleware.Outcome#FAIL}. */
  Failure failure;

  Exchange(Job job) {
    this.job = job;
  }

  /** Sets the response the response pass works on. */
  void respond(int status, Map<String, List<String>> headers, byte[] body, List<String> flags) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.flags = flags;
  }

  /** Fails the job with an {@code IgnoreRequest}-like text; returns {@code FAIL}. */
  DownloaderMiddleware.Outcome fail(Failure failure) {
    this.failure = failure;
    return DownloaderMiddleware.Outcome.FAIL;
  }
}
