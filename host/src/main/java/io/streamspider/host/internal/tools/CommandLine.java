package io.streamspider.host.internal.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --name VALUE}, {@code --name=VALUE} and flags, keeping repeated options in order.
 * Errors name the argument that is wrong.
 */
public final class CommandLine {
  /** A bad command line; the message names the offending argument. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> flags = new ArrayList<>();
  private boolean help;

  private CommandLine() {}

  /**
   * @param withValue options that take a value
   * @param flagNames options that do not
   */
  public static CommandLine parse(List<String> args, Set<String> withValue, Set<String> flagNames)
      throws UsageException {
    CommandLine cl = new CommandLine();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-h") || a.equals("--help")) {
        cl.help = true;
        continue;
      }
      String name = a;
      String inline = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2) {
        name = a.substring(0, eq);
        inline = a.substring(eq + 1);
      }
      if (withValue.contains(name)) {
        String v;
        if (inline != null) {
          v = inline;
        } else if (i + 1 < args.size()) {
          v = args.get(++i);
        } else {
          throw new UsageException(name + " needs a value");
        }
        cl.values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
      } else if (flagNames.contains(name)) {
        if (inline != null) {
          throw new UsageException(name + " takes no value, got " + a);
        }
        cl.flags.add(name);
      } else if (a.startsWith("-")) {
        throw new UsageException("unknown option " + a);
      } else {
        throw new UsageException("unexpected argument " + a);
      }
    }
    return cl;
  }

  public boolean help() {
    return help;
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The option's value, null when absent; an error when given twice. */
  public String single(String name) throws UsageException {
    List<String> v = all(name);
    if (v.size() > 1) {
      throw new UsageException(name + " given more than once");
    }
    return v.isEmpty() ? null : v.get(0);
  }
}
