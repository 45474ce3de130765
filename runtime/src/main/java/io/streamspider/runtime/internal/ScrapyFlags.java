package io.streamspider.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scrapy's spellings of the spider jar's options, rewritten to the short forms {@link CommandLine}
 * reads, before it reads them: {@code --set NAME=VALUE} is {@code -s}, {@code --output FILE} is
 * {@code -o}, {@code --overwrite-output FILE} is {@code -O}, {@code -L LEVEL} and {@code --loglevel
 * LEVEL} are {@code -s LOG_LEVEL=LEVEL}, {@code --logfile FILE} is {@code -s LOG_FILE=FILE}, {@code
 * --nolog} is {@code -s LOG_ENABLED=False}; every long option that takes a value also takes it as
 * {@code --option=value}. A value is never rewritten: {@code -a x=--nolog} stays as it is.
 */
final class ScrapyFlags {
  /** Options whose next argument is their value, in the short forms. */
  private static final List<String> TAKES_VALUE =
      List.of("-a", "-s", "-o", "-O", "--fifo", "--drain-timeout");

  /** Long spelling → short form; "-s NAME=" means a setting named NAME. */
  private static final Map<String, String> LONG =
      Map.of(
          "--set", "-s",
          "--output", "-o",
          "--overwrite-output", "-O",
          "--loglevel", "-s LOG_LEVEL=",
          "-L", "-s LOG_LEVEL=",
          "--logfile", "-s LOG_FILE=");

  private ScrapyFlags() {}

  static List<String> normalize(List<String> args) throws CommandLine.UsageException {
    List<String> out = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (TAKES_VALUE.contains(a)) {
        out.add(a);
        if (i + 1 < args.size()) {
          out.add(args.get(++i));
        }
        continue;
      }
      if (a.equals("--nolog")) {
        out.add("-s");
        out.add("LOG_ENABLED=False");
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      String shortForm = LONG.get(name);
      if (shortForm == null && value != null && TAKES_VALUE.contains(name)) {
        shortForm = name; // --fifo=PATH, --drain-timeout=SECONDS
      }
      if (shortForm == null) {
        if (value != null
            && (name.equals("--list")
                || name.equals("--local")
                || name.equals("--help")
                || name.equals("--version")
                || name.equals("--external-json")
                || name.equals("--nolog")
                || name.equals("--allow-stderr"))) {
          throw new CommandLine.UsageException(name + " takes no value (" + a + ")");
        }
        out.add(a);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new CommandLine.UsageException(a + " needs a value");
        }
        value = args.get(++i);
      }
      int space = shortForm.indexOf(' ');
      if (space < 0) {
        out.add(shortForm);
        out.add(value);
      } else {
        out.add(shortForm.substring(0, space));
        out.add(shortForm.substring(space + 1) + value);
      }
    }
    return out;
  }
}
