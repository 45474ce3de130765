package io.streamspider.host.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's options, as {@code scrapy streaming} / {@code scrapy crawl} spell them, plus the
 * host's own flags. Positional arguments are collected for the command to interpret.
 *
 * @param positional for {@code streaming}: the spider command and its arguments (everything from
 *     the first non-option on, verbatim); for {@code crawl}/{@code list}: the non-options
 */
public record HostCommandLine(
    Map<String, String> spiderArguments,
    Map<String, String> settings,
    Map<String, String> environment,
    boolean allowStderr,
    boolean stickyBase64,
    String logLevel,
    double drainSeconds,
    Path project,
    boolean help,
    List<String> positional) {

  public static final double DEFAULT_DRAIN_SECONDS = 30;

  /** A command line that cannot run; the message names the argument. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  /**
   * @param commandFollows true for {@code streaming}: the first non-option starts the spider
   *     command, whose arguments are not the host's
   * @param spiderOptions accepted and ignored because the spider handles them (for
   *     {@code --local}: {@code -o}, {@code -O}, {@code --fifo})
   */
  public static HostCommandLine parse(List<String> args, boolean commandFollows, List<String> spiderOptions)
      throws UsageException {
    Map<String, String> arguments = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> environment = new LinkedHashMap<>();
    boolean allowStderr = false;
    boolean sticky = true;
    String logLevel = null;
    double drain = DEFAULT_DRAIN_SECONDS;
    Path project = null;
    boolean help = false;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (commandFollows && !positional.isEmpty()) {
        positional.add(a);
        continue;
      }
      switch (a) {
        case "-a", "-s", "--env" -> {
          String v = value(args, i++, a);
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new UsageException(a + " " + v + ": expected NAME=VALUE");
          }
          Map<String, String> target = a.equals("-a") ? arguments : a.equals("-s") ? settings : environment;
          target.put(v.substring(0, eq), v.substring(eq + 1));
        }
        case "-L", "--loglevel" -> {
          logLevel = value(args, i++, a);
          if (HostLog.Level.parse(logLevel) == null) {
            throw new UsageException(a + " " + logLevel + ": expected CRITICAL, ERROR, WARNING, INFO or DEBUG");
          }
        }
        case "--allow-stderr" -> allowStderr = true;
        case "--no-sticky-base64" -> sticky = false;
        case "--drain-timeout" -> {
          String v = value(args, i++, a);
          try {
            drain = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            drain = -1;
          }
          if (!(drain >= 0)) {
            throw new UsageException(a + " " + v + ": expected a number of seconds");
          }
        }
        case "--project" -> project = Path.of(value(args, i++, a));
        case "-h", "--help" -> help = true;
        case "--" -> {
          if (i + 1 >= args.size()) {
            throw new UsageException("-- must be followed by the spider command");
          }
          positional.addAll(args.subList(i + 1, args.size()));
          i = args.size();
        }
        default -> {
          if (spiderOptions.contains(a)) {
            i++; // the spider's own option and its value
          } else if (a.startsWith("-") && a.length() > 1) {
            throw new UsageException("unknown option " + a);
          } else {
            positional.add(a);
          }
        }
      }
    }
    if (settings.containsKey("LOG_LEVEL") && HostLog.Level.parse(settings.get("LOG_LEVEL")) == null) {
      throw new UsageException("-s LOG_LEVEL=" + settings.get("LOG_LEVEL")
          + ": expected CRITICAL, ERROR, WARNING, INFO or DEBUG");
    }
    return new HostCommandLine(arguments, settings, environment, allowStderr, sticky, logLevel, drain,
        project, help, positional);
  }

  private static String value(List<String> args, int i, String option) throws UsageException {
    if (i + 1 >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i + 1);
  }

  /** The log floor: {@code -L}, else {@code -s LOG_LEVEL}, else Scrapy's default DEBUG. */
  public HostLog.Level level() {
    String name = logLevel != null ? logLevel : settings.get("LOG_LEVEL");
    return name == null ? HostLog.Level.DEBUG : HostLog.Level.parse(name);
  }

  /** The spider arguments as the spider's own command line gets them: {@code -a NAME=VALUE}... */
  public List<String> spiderArgumentOptions() {
    List<String> out = new ArrayList<>();
    spiderArguments.forEach((k, v) -> {
      out.add("-a");
      out.add(k + "=" + v);
    });
    return out;
  }
}
