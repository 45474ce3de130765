package io.streamspider.runtime.internal;

import io.streamspider.runtime.protocol.LogMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Every log record of the spider process: sent to the host as a {@code log} message (the only
 * channel a host allows: stderr is fatal), mirrored to the item output, counted per level.
 */
public final class RuntimeLog implements BiConsumer<String, String> {
  private static final String[] LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};

  private final ProtocolWriter writer;
  private final Stats stats;
  private volatile int floor;
  private volatile BiConsumer<String, String> mirror;

  public RuntimeLog(ProtocolWriter writer, Stats stats, String floorLevel) {
    this.writer = writer;
    this.stats = stats;
    this.floor = rank(floorLevel);
  }

  /** The rank of a level name (DEBUG 0 .. CRITICAL 4), or -1 if it is not one. */
  public static int rank(String level) {
    if (level == null) {
      return -1;
    }
    String l = level.strip().toUpperCase(Locale.ROOT);
    for (int i = 0; i < LEVELS.length; i++) {
      if (LEVELS[i].equals(l)) {
        return i;
      }
    }
    return -1;
  }

  public void setMirror(BiConsumer<String, String> mirror) {
    this.mirror = mirror;
  }

  public void debug(String message) {
    log("DEBUG", message);
  }

  public void info(String message) {
    log("INFO", message);
  }

  public void warning(String message) {
    log("WARNING", message);
  }

  public void error(String message) {
    log("ERROR", message);
  }

  public void error(String message, Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    log("ERROR", message + "\n" + s.toString().stripTrailing());
  }

  public void log(String level, String message) {
    int r = rank(level);
    if (r < floor) {
      return;
    }
    stats.increment("log_count/" + level);
    try {
      writer.write(new LogMessage(message, level));
    } catch (ProtocolWriter.InvalidMessageException | IOException e) {
      // the host is gone or the text was unwritable: the item output still gets the record
    }
    BiConsumer<String, String> m = mirror;
    if (m != null) {
      m.accept(level, message);
    }
  }

  @Override
  public void accept(String level, String message) {
    log(level, message);
  }
}
