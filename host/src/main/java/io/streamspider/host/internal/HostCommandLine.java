package io.streamspider.host.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's options, spelled as Scrapy's (argparse) command line spells them: options and
 * positional arguments in any order, {@code -a VALUE}, {@code -aVALUE}, {@code -a=VALUE}, {@code
 * --args VALUE}, {@code --args=VALUE}; a separate value that starts with {@code -} is refused as
 * argparse refuses it ({@code -a -jar,x} fails under Scrapy; {@code -a=-jar,x} works).
 *
 * <p>{@code -a} means what the command it follows makes of it: for {@code streaming} raw arguments
 * of the program, split at commas (Scrapy Streaming's {@code -a ARG1,ARG2}); for {@code crawl} a
 * spider argument {@code NAME=VALUE}, passed on as {@code -a NAME=VALUE}.
 *
 * @param programArguments {@code streaming}: the arguments appended to the executable, in the order
 *     given ({@code -a}/{@code --args} split at commas, {@code --arg} verbatim, {@code --spider-arg
 *     NAME=VALUE} as {@code -a NAME=VALUE}); {@code crawl}: the {@code -a NAME=VALUE} pairs as
 *     {@code -a}, {@code NAME=VALUE}
 * @param positional {@code streaming}: the executable, or after {@code --} the executable and its
 *     own arguments verbatim; {@code crawl}/{@code list}: the non-options
 */
public record HostCommandLine(
    List<String> programArguments,
    Map<String, String> settings,
    Map<String, String> environment,
    boolean allowStderr,
    boolean stickyBase64,
    String logLevel,
    double drainSeconds,
    Path project,
    boolean help,
    List<String> positional,
    boolean commandAfterDashes) {

  public static final double DEFAULT_DRAIN_SECONDS = 30;

  /** Options that take a value (long names without their {@code =VALUE}). */
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-a",
          "--args",
          "--arg",
          "--spider-arg",
          "-s",
          "--set",
          "--env",
          "-L",
          "--loglevel",
          "--drain-timeout",
          "--project");

  /** A command line that cannot run; the message names the argument. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  /** Which command the options belong to: they differ in {@code -a} and positional arguments. */
  public enum Mode {
    /** {@code streaming}: {@code -a} gives raw program arguments; one executable. */
    STREAMING,
    /** {@code crawl}, {@code list} and {@code --local}: {@code -a NAME=VALUE} spider arguments. */
    NAMED
  }

  /**
   * @param spiderOptions accepted and ignored because the spider handles them (for {@code --local}:
   *     {@code -o}, {@code -O}, {@code --fifo})
   */
  public static HostCommandLine parse(List<String> args, Mode mode, List<String> spiderOptions)
      throws UsageException {
    List<String> program = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> environment = new LinkedHashMap<>();
    boolean allowStderr = false;
    boolean sticky = true;
    String logLevel = null;
    double drain = DEFAULT_DRAIN_SECONDS;
    Path project = null;
    boolean help = false;
    boolean afterDashes = false;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        if (i + 1 >= args.size()) {
          throw new UsageException("-- must be followed by the spider command");
        }
        positional.addAll(args.subList(i + 1, args.size()));
        afterDashes = true;
        break;
      }
      if (spiderOptions.contains(a)) {
        i++; // the spider's own option and its value
        continue;
      }
      if (!a.startsWith("-") || a.length() == 1 || isNumber(a)) {
        positional.add(a);
        continue;
      }
      String name = a;
      String value = null;
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
      } else if (a.length() > 2 && WITH_VALUE.contains(a.substring(0, 2))) {
        name = a.substring(0, 2); // -aVALUE or -a=VALUE, as argparse reads them
        value = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
      }
      if (WITH_VALUE.contains(name)) {
        if (value == null) {
          value = value(args, i++, name);
        }
      } else if (value != null) {
        throw new UsageException(name + " takes no value: " + a);
      }
      switch (name) {
        case "-a", "--args" -> {
          if (mode == Mode.STREAMING) {
            program.addAll(List.of(value.split(",", -1))); // Scrapy Streaming: raw, split at commas
          } else {
            nameValue(name, value);
            program.add("-a");
            program.add(value);
          }
        }
        case "--arg" -> program.add(value);
        case "--spider-arg" -> {
          nameValue(name, value);
          program.add("-a");
          program.add(value);
        }
        case "-s", "--set", "--env" -> {
          int eq = nameValue(name, value);
          (name.equals("--env") ? environment : settings)
              .put(value.substring(0, eq), value.substring(eq + 1));
        }
        case "-L", "--loglevel" -> {
          logLevel = value;
          if (HostLog.Level.parse(logLevel) == null) {
            throw new UsageException(
                name + " " + logLevel + ": expected CRITICAL, ERROR, WARNING, INFO or DEBUG");
          }
        }
        case "--allow-stderr" -> allowStderr = true;
        case "--no-sticky-base64" -> sticky = false;
        case "--drain-timeout" -> {
          try {
            drain = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            drain = -1;
          }
          if (!(drain >= 0)) {
            throw new UsageException(name + " " + value + ": expected a number of seconds");
          }
        }
        case "--project" -> project = Path.of(value);
        case "-h", "--help" -> help = true;
        default -> throw new UsageException("unknown option " + a);
      }
    }
    if (settings.containsKey("LOG_LEVEL")
        && HostLog.Level.parse(settings.get("LOG_LEVEL")) == null) {
      throw new UsageException(
          "-s LOG_LEVEL="
              + settings.get("LOG_LEVEL")
              + ": expected CRITICAL, ERROR, WARNING, INFO or DEBUG");
    }
    return new HostCommandLine(
        program,
        settings,
        environment,
        allowStderr,
        sticky,
        logLevel,
        drain,
        project,
        help,
        positional,
        afterDashes);
  }

  private static int nameValue(String option, String v) throws UsageException {
    int eq = v.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(option + " " + v + ": expected NAME=VALUE");
    }
    return eq;
  }

  /** argparse's test for an argument that is a value although it starts with '-'. */
  private static boolean isNumber(String a) {
    return a.matches("-\\d+$|-\\d*\\.\\d+$");
  }

  private static String value(List<String> args, int i, String option) throws UsageException {
    if (i + 1 >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    String v = args.get(i + 1);
    if (v.startsWith("-") && v.length() > 1 && !isNumber(v)) {
      throw new UsageException(
          option
              + " needs a value; "
              + v
              + " looks like an option (give a value"
              + " that starts with '-' as "
              + option
              + "="
              + v
              + ", which Scrapy accepts too)");
    }
    return v;
  }

  /** The log floor: {@code -L}, else {@code -s LOG_LEVEL}, else Scrapy's default DEBUG. */
  public HostLog.Level level() {
    String name = logLevel != null ? logLevel : settings.get("LOG_LEVEL");
    return name == null ? HostLog.Level.DEBUG : HostLog.Level.parse(name);
  }
}
