package io.streamspider.runtime.internal;

import io.streamspider.runtime.spi.EmbeddedHost;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings the runtime applies in the spider process ({@code -s NAME=VALUE}), their checks, and
 * the one Scrapy setting it applies as well ({@code DUPEFILTER_DEBUG}: the runtime filters
 * duplicates itself).
 */
public final class RuntimeSettings {
  public static final String SELECTORS = "SELECTORS";
  public static final String IDLE_TIMEOUT = "IDLE_TIMEOUT";
  public static final String FIFO_OPEN_TIMEOUT = "FIFO_OPEN_TIMEOUT";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  public static final String SPIDER_JVM = "SPIDER_JVM";
  public static final String DUPEFILTER_DEBUG = "DUPEFILTER_DEBUG";

  /**
   * The runtime's own settings: applied here, never sent to the host in {@code custom_settings};
   * the embedded host knows them ({@link EmbeddedHost#RUNTIME_SETTINGS}).
   */
  public static final Set<String> OWN = EmbeddedHost.RUNTIME_SETTINGS;

  static final double DEFAULT_IDLE_TIMEOUT = 900;
  static final double DEFAULT_FIFO_OPEN_TIMEOUT = 60;

  private RuntimeSettings() {}

  /**
   * Checks the value of every setting the runtime applies.
   *
   * @throws CommandLine.UsageException naming the setting, its value and what was expected
   */
  static void check(Map<String, String> settings) throws CommandLine.UsageException {
    String sel = settings.get(SELECTORS);
    if (sel != null && !sel.equalsIgnoreCase("host") && !sel.equalsIgnoreCase("local")) {
      throw new CommandLine.UsageException("-s SELECTORS=" + sel + ": expected host or local");
    }
    String jvm = settings.get(SPIDER_JVM);
    if (jvm != null && !jvm.equalsIgnoreCase("same") && !jvm.equalsIgnoreCase("separate")) {
      throw new CommandLine.UsageException("-s SPIDER_JVM=" + jvm + ": expected same or separate");
    }
    for (String name : List.of(IDLE_TIMEOUT, FIFO_OPEN_TIMEOUT)) {
      String v = settings.get(name);
      if (v != null && parseSeconds(v) < 0) {
        throw new CommandLine.UsageException(
            "-s " + name + "=" + v + ": expected a positive number of seconds");
      }
    }
    for (String size : List.of("DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE")) {
      try {
        CrawlLoop.sizeSetting(settings, size, 0);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.UsageException(e.getMessage());
      }
    }
    String level = settings.get(LOG_LEVEL);
    if (level != null && RuntimeLog.rank(level) < 0) {
      throw new CommandLine.UsageException(
          "-s LOG_LEVEL=" + level + ": expected DEBUG, INFO, WARNING, ERROR or CRITICAL");
    }
    String debug = settings.get(DUPEFILTER_DEBUG);
    if (debug != null) {
      try {
        SettingValues.getbool(Launcher.settingValue(debug));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.UsageException(
            "-s DUPEFILTER_DEBUG=" + debug + ": " + e.getMessage());
      }
    }
  }

  /** A setting in seconds, or its default when absent; the value was {@link #check}ed. */
  static double seconds(Map<String, String> settings, String name, double defaultSeconds) {
    String v = settings.get(name);
    return v == null ? defaultSeconds : parseSeconds(v);
  }

  /** Positive finite seconds, or -1. */
  private static double parseSeconds(String v) {
    try {
      double d = SettingValues.getfloat(v);
      return d > 0 ? d : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  /**
   * {@code DUPEFILTER_DEBUG} as Scrapy reads it: {@code -s} on the command line wins over the
   * spider's {@code custom_settings}; false when neither sets it.
   */
  static boolean dupefilterDebug(
      Map<String, Object> customSettings, Map<String, Object> commandLine) {
    Object v =
        commandLine.containsKey(DUPEFILTER_DEBUG)
            ? commandLine.get(DUPEFILTER_DEBUG)
            : customSettings.get(DUPEFILTER_DEBUG);
    if (v == null) {
      return false;
    }
    try {
      return SettingValues.getbool(v);
    } catch (IllegalArgumentException e) {
      return false; // the command line was checked; a spider's own bad value is the host's to
      // report
    }
  }
}
