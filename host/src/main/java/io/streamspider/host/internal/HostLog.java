package io.streamspider.host.internal;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's log, in Scrapy's format on stderr: {@code 2026-11-21 08:00:00 [component] LEVEL:
 * text}. Levels are Scrapy's (CRITICAL, ERROR, WARNING, INFO, DEBUG); {@code LOG_LEVEL} sets the
 * floor.
 */
public final class HostLog {
  public enum Level {
    DEBUG(10),
    INFO(20),
    WARNING(30),
    ERROR(40),
    CRITICAL(50);

    public final int value;

    Level(int value) {
      this.value = value;
    }

    /** Parses a level name, case-insensitively; null if it is not one. */
    public static Level parse(String name) {
      if (name == null) {
        return null;
      }
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * Sees every line that passes the level floor (Scrapy counts them as {@code log_count/LEVEL}).
   */
  @FunctionalInterface
  public interface Listener {
    void logged(String component, Level level, String message);
  }

  private final PrintStream out;
  private volatile Level floor;
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  public HostLog(PrintStream out, Level floor) {
    this.out = out;
    this.floor = floor;
  }

  public void setLevel(Level floor) {
    this.floor = floor;
  }

  public Level level() {
    return floor;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  public boolean enabled(Level level) {
    return level.value >= floor.value;
  }

  public void log(String component, Level level, String message) {
    if (!enabled(level)) {
      return;
    }
    String line =
        LocalDateTime.now().format(TIME) + " [" + component + "] " + level + ": " + message;
    synchronized (out) {
      out.println(line);
      out.flush();
    }
    for (Listener l : listeners) {
      l.logged(component, level, message);
    }
  }

  public void debug(String component, String message) {
    log(component, Level.DEBUG, message);
  }

  public void info(String component, String message) {
    log(component, Level.INFO, message);
  }

  public void warning(String component, String message) {
    log(component, Level.WARNING, message);
  }

  public void error(String component, String message) {
    log(component, Level.ERROR, message);
  }
}
