package io.streamspider.host.internal.engine;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Download failures in Scrapy's words: the text the real host sends in an {@code exception} message
 * ({@code failure.getErrorMessage()}), the Twisted/Scrapy class name Scrapy counts in {@code
 * downloader/exception_type_count/...} and {@code retry/reason_count/...}, and whether Scrapy's
 * RetryMiddleware retries it.
 */
public final class Failures {
  private static final String CONNECTION_DONE =
      "<twisted.python.failure.Failure twisted.internet.error.ConnectionDone: "
          + "Connection was closed cleanly.>";
  private static final String DATA_LOSS =
      "<twisted.python.failure.Failure twisted.web.http._DataLoss: >";

  private Failures() {}

  /** One failed download attempt. */
  public record Failure(String text, String pythonClass, boolean retryable) {}

  public static Failure dnsLookup(String host) {
    return new Failure(
        "DNS lookup failed: no results for hostname lookup: " + host + ".",
        "twisted.internet.error.DNSLookupError",
        true);
  }

  public static Failure connectionRefused() {
    return new Failure(
        "Connection was refused by other side: 111: Connection refused.",
        "twisted.internet.error.ConnectionRefusedError",
        true);
  }

  public static Failure timeout(String url, double seconds) {
    return new Failure(
        "User timeout caused connection failure: Getting "
            + url
            + " took longer than "
            + PyFormat.floatRepr(seconds)
            + " seconds..",
        "twisted.internet.error.TimeoutError",
        true);
  }

  /** The connection closed before a status line arrived. */
  public static Failure responseNeverReceived() {
    return new Failure(
        "[" + CONNECTION_DONE + "]", "twisted.web._newclient.ResponseNeverReceived", true);
  }

  /** The body ended before Content-Length (or the last chunk) was reached. */
  public static Failure dataLoss() {
    return new Failure(
        "[" + CONNECTION_DONE + ", " + DATA_LOSS + "]",
        "twisted.web._newclient.ResponseFailed",
        true);
  }

  /** The server's bytes are not HTTP (bad status line, bad header). */
  public static Failure parseError(String detail) {
    return new Failure(
        "[<twisted.python.failure.Failure twisted.web._newclient.ParseError: ("
            + PyFormat.strRepr(detail)
            + ",)>]",
        "twisted.web._newclient.ResponseFailed",
        true);
  }

  public static Failure connectionLost(String detail) {
    return new Failure(
        "[<twisted.python.failure.Failure twisted.internet.error.ConnectionLost: "
            + "Connection to the other side was lost in a non-clean fashion: "
            + detail
            + ".>]",
        "twisted.web._newclient.ResponseFailed",
        true);
  }

  public static Failure tls(String detail) {
    return new Failure(
        "[<twisted.python.failure.Failure OpenSSL.SSL.Error: " + detail + ">]",
        "twisted.web._newclient.ResponseNeverReceived",
        true);
  }

  public static Failure maxSizeExpected(String url, long size, long maxSize) {
    return new Failure(
        "Cancelling download of "
            + url
            + ": expected response size ("
            + size
            + ") larger than download max size ("
            + maxSize
            + ").",
        "twisted.internet.defer.CancelledError",
        false);
  }

  /**
   * A body that grew past the limit while downloading. Scrapy's text is empty here; ours repeats
   * its warning so the spider learns why.
   */
  public static Failure maxSizeReceived(String requestRepr, long received, long maxSize) {
    return new Failure(
        "Received ("
            + received
            + ") bytes larger than download max size ("
            + maxSize
            + ") in request "
            + requestRepr
            + ".",
        "twisted.internet.defer.CancelledError",
        false);
  }

  /**
   * The host itself failed on this download (e.g. it ran out of memory holding the body): no Scrapy
   * text exists for it; the spider learns what happened, and it is not retried.
   */
  public static Failure hostError(Throwable e) {
    Throwable cause =
        e instanceof BodyCollector.HostErrorException && e.getCause() != null ? e.getCause() : e;
    return new Failure(
        hostErrorText(cause),
        cause instanceof OutOfMemoryError ? "builtins.MemoryError" : cause.getClass().getName(),
        false);
  }

  /** The exception text of a request the host failed on (see {@link #hostError}). */
  public static String hostErrorText(Throwable cause) {
    return "Internal error in the host: "
        + cause
        + (cause instanceof OutOfMemoryError
            ? " (give the host more memory with -Xmx, or lower DOWNLOAD_MAXSIZE)"
            : "");
  }

  public static Failure unsupportedScheme(String scheme) {
    return new Failure(
        "Unsupported URL scheme '" + scheme + "': no handler available for that scheme",
        "scrapy.exceptions.NotSupported",
        false);
  }

  public static Failure ignoreRequest(String text) {
    return new Failure(text, "scrapy.exceptions.IgnoreRequest", false);
  }

  public static Failure decoding(Decoding.DecodingException e) {
    return new Failure(e.getMessage(), e.pythonClass(), false);
  }

  /**
   * Classifies an exception from the JDK client.
   *
   * @param host the request's host, for DNS failures
   * @param headersReceived whether a status line and headers arrived before it
   */
  public static Failure of(Throwable t, String host, boolean headersReceived) {
    Throwable e = unwrap(t);
    if (e instanceof Error || e instanceof BodyCollector.HostErrorException) {
      return hostError(e);
    }
    if (e instanceof UnresolvedAddressException
        || e instanceof UnknownHostException
        || (e.getCause() instanceof UnresolvedAddressException)) {
      return dnsLookup(host);
    }
    if (e instanceof HttpConnectTimeoutException) {
      return new Failure(
          "TCP connection timed out: 110: Connection timed out.",
          "twisted.internet.error.TCPTimedOutError",
          true);
    }
    if (e instanceof NoRouteToHostException) {
      return new Failure(
          "No route to host: 113: No route to host.", "twisted.internet.error.NoRouteError", true);
    }
    if (e instanceof ConnectException) {
      Throwable cause = e.getCause();
      if (cause instanceof UnresolvedAddressException) {
        return dnsLookup(host);
      }
      return connectionRefused();
    }
    if (e instanceof SSLException) {
      return tls(String.valueOf(e.getMessage()));
    }
    if (e instanceof ProtocolException) {
      return parseError(String.valueOf(e.getMessage()));
    }
    if (e instanceof HttpTimeoutException) {
      return new Failure(
          "User timeout caused connection failure.", "twisted.internet.error.TimeoutError", true);
    }
    String msg = String.valueOf(e.getMessage());
    if (!headersReceived) {
      if (msg.contains("Invalid status line")
          || msg.contains("Bad header")
          || msg.contains("status line")) {
        return parseError(msg);
      }
      return responseNeverReceived();
    }
    if (e instanceof EOFException
        || msg.contains("EOF reached")
        || msg.contains("fixed content-length")
        || msg.contains("closed")
        || msg.contains("chunk")) {
      return dataLoss();
    }
    if (e instanceof IOException) {
      return connectionLost(msg);
    }
    return connectionLost(e.getClass().getSimpleName() + ": " + msg);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException
            || e instanceof ExecutionException
            || e instanceof CancellationException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
