package io.streamspider.runtime.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * The embedded host's commands reachable from a spider jar that bundles the host:
 * {@code java -jar spider.jar crawl NAME}, {@code list}, {@code streaming CMD...}. A spider of
 * the jar with one of these names wins: {@code java -jar spider.jar list} runs a spider called
 * "list" if there is one.
 */
final class HostCommands {
  static final List<String> COMMANDS = List.of("crawl", "list", "streaming");
  private static final String HOST_MAIN = "io.streamspider.host.HostMain";

  private HostCommands() {}

  /** Whether {@code argv} asks for a host command rather than a spider. */
  static boolean requested(String[] argv) {
    if (argv.length == 0 || !COMMANDS.contains(argv[0])) {
      return false;
    }
    for (var d : Launcher.loadSpiders()) {
      if (d.info().name().equals(argv[0])) {
        return false;
      }
    }
    return true;
  }

  /** Runs the host command; exit 2 naming what is missing when the jar has no host. */
  static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
    Method run;
    try {
      run = Class.forName(HOST_MAIN).getMethod(
          "run", List.class, InputStream.class, PrintStream.class, PrintStream.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      err.println("streamspider: " + argv[0] + " is a command of the embedded host"
          + " (io.streamspider:streamspider-host), which this jar does not bundle");
      err.println("Try --help for the options.");
      err.flush();
      return 2;
    }
    try {
      return (Integer) run.invoke(null, Arrays.asList(argv), in, out, err);
    } catch (InvocationTargetException e) {
      err.println("streamspider: the embedded host failed: " + e.getCause());
      return 1;
    } catch (IllegalAccessException e) {
      err.println("streamspider: cannot call the embedded host: " + e);
      return 1;
    }
  }
}
