package io.streamspider.host.internal.engine;

import java.util.Map;

/**
 * Reason phrases as Twisted's {@code twisted.web.http.RESPONSES} spells them: Scrapy's retry
 * reasons ({@code retry/reason_count/503 Service Unavailable}) and byte counts use them.
 */
public final class HttpReasons {
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(100, "Continue"),
          Map.entry(101, "Switching Protocols"),
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(203, "Non-Authoritative Information"),
          Map.entry(204, "No Content"),
          Map.entry(205, "Reset Content."),
          Map.entry(206, "Partial Content"),
          Map.entry(207, "Multi-Status"),
          Map.entry(300, "Multiple Choices"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(305, "Use Proxy"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(402, "Payment Required"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(407, "Proxy Authentication Required"),
          Map.entry(408, "Request Time-out"),
          Map.entry(409, "Conflict"),
          Map.entry(410, "Gone"),
          Map.entry(411, "Length Required"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Request Entity Too Large"),
          Map.entry(414, "Request-URI Too Long"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(416, "Requested Range not satisfiable"),
          Map.entry(417, "Expectation Failed"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Time-out"),
          Map.entry(505, "HTTP Version not supported"),
          Map.entry(507, "Insufficient Storage Space"),
          Map.entry(510, "Not Extended"));

  private HttpReasons() {}

  /** The phrase, or null for a code Twisted does not name. */
  public static String reason(int status) {
    return REASONS.get(status);
  }

  /** Scrapy's {@code response_status_message}: {@code "503 Service Unavailable"}. */
  public static String statusMessage(int status) {
    String r = REASONS.get(status);
    return status + " " + (r == null ? "Unknown Status" : r);
  }
}
