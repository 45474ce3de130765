package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrapy's {@code HttpCompressionMiddleware} (590, COMPRESSION_ENABLED): asks for {@code gzip,
 * deflate} and decodes them, bounded by DOWNLOAD_MAXSIZE (meta {@code download_maxsize}); an
 * undecodable body fails the job with Python's text.
 */
final class HttpCompressionMiddleware implements DownloaderMiddleware {
  private static final List<String> ACCEPT_ENCODING = List.of(Decoding.ACCEPT_ENCODING);

  private final long maxSize;
  private final Stats stats;
  private final HostLog log;

  HttpCompressionMiddleware(Settings settings, Stats stats, HostLog log) {
    this.maxSize = settings.getLong("DOWNLOAD_MAXSIZE");
    this.stats = stats;
    this.log = log;
  }

  @Override
  public int priority() {
    return 590;
  }

  @Override
  public Outcome processRequest(Exchange x) {
    if (!HeaderNames.has(x.requestHeaders, "Accept-Encoding")) {
      x.requestHeaders.put("Accept-Encoding", ACCEPT_ENCODING);
    }
    return Outcome.CONTINUE;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    Job job = x.job;
    if (job.method.equals("HEAD")) {
      return Outcome.CONTINUE;
    }
    List<String> encodings = HeaderNames.get(x.headers, "Content-Encoding");
    if (encodings.isEmpty()) {
      return Outcome.CONTINUE;
    }
    String encoding = encodings.get(encodings.size() - 1);
    if (Decoding.supported(encoding)) {
      long max = job.metaLong("download_maxsize", maxSize);
      try {
        x.body = Decoding.decode(x.body, encoding, max);
      } catch (Decoding.DecodingException e) {
        return x.fail(Failures.decoding(e));
      } catch (Decoding.TooLargeException e) {
        log.warning(
            HttpDownloader.LOG,
            "Received ("
                + e.getMessage()
                + ") bytes larger than download max size ("
                + max
                + ") in request "
                + job.repr()
                + ".");
        return x.fail(Failures.maxSizeReceived(job.repr(), Long.parseLong(e.getMessage()), max));
      }
      List<String> rest = new ArrayList<>(encodings.subList(0, encodings.size() - 1));
      HeaderNames.remove(x.headers, "Content-Encoding");
      if (!rest.isEmpty()) {
        x.headers.put("Content-Encoding", rest);
      }
    }
    stats.inc("httpcompression/response_bytes", x.body.length);
    stats.inc("httpcompression/response_count");
    return Outcome.CONTINUE;
  }
}
