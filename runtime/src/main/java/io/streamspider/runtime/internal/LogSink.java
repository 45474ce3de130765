package io.streamspider.runtime.internal;

import java.util.logging.Level;

/**
 * The runtime's logging path for logging libraries other than java.util.logging (the {@code
 * streamspider-slf4j} provider): a record sent here goes where the spider's {@code System.out} and
 * java.util.logging records go, a protocol {@code log} message at its level (held until the crawl's
 * log is connected). {@code -s LOG_LEVEL} sets the floor for every logging library alike.
 */
public final class LogSink {
  /** Scrapy's default LOG_LEVEL is DEBUG. */
  private static volatile int floor = 0;

  private LogSink() {}

  /** Sets the lowest level sent (DEBUG, INFO, WARNING, ERROR or CRITICAL). */
  public static void setLevel(String level) {
    int r = RuntimeLog.rank(level);
    if (r < 0) {
      throw new IllegalArgumentException("not a log level: " + level);
    }
    floor = r;
  }

  /** Whether a record at {@code level} (a Scrapy level name) would be sent. */
  public static boolean enabled(String level) {
    return RuntimeLog.rank(level) >= floor;
  }

  /**
   * java.util.logging's level for the floor: DEBUG lets every level below INFO through (CONFIG,
   * FINE, FINER, FINEST, all sent as DEBUG), ERROR and CRITICAL are SEVERE.
   */
  static Level julLevel() {
    switch (floor) {
      case 0:
        return Level.ALL;
      case 1:
        return Level.INFO;
      case 2:
        return Level.WARNING;
      default:
        return Level.SEVERE;
    }
  }

  /**
   * Sends one record. Outside a crawl (no capture installed: a unit test calling the spider
   * directly, {@code --list}) the record goes to stderr as {@code LEVEL: message}.
   */
  public static void log(String level, String message) {
    if (!enabled(level)) {
      return;
    }
    StdioCapture c = StdioCapture.installed();
    if (c != null) {
      c.emit(level, message);
    } else {
      System.err.println(level + ": " + message);
    }
  }
}
