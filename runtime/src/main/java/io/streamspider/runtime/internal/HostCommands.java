package io.streamspider.runtime.internal;

import io.streamspider.runtime.spi.EmbeddedHost;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The embedded host's commands reachable from a spider jar that bundles the host: {@code java -jar
 * spider.jar crawl NAME}, {@code list}, {@code streaming CMD...}. A spider of the jar with one of
 * these names wins: {@code java -jar spider.jar list} runs a spider called "list" if there is one.
 */
final class HostCommands {
  static final List<String> COMMANDS = List.of("crawl", "list", "streaming");

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
    Iterator<EmbeddedHost> it = ServiceLoader.load(EmbeddedHost.class).iterator();
    if (!it.hasNext()) {
      err.println(
          "streamspider: "
              + argv[0]
              + " is a command of the embedded host"
              + " (io.streamspider:streamspider-host), which this jar does not bundle");
      err.println("Try --help for the options.");
      err.flush();
      return 2;
    }
    try {
      return it.next().hostCommand(Arrays.asList(argv), in, out, err);
    } catch (RuntimeException e) {
      err.println("streamspider: the embedded host failed: " + e);
      err.flush();
      return 1;
    }
  }
}
