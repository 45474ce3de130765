package io.streamspider.host.internal;

import java.util.function.BiConsumer;
import sun.misc.Signal;

/** SIGINT and SIGTERM handling without the JVM's shutdown (so a second signal can be told apart). */
public final class Signals {
  private Signals() {}

  /**
   * Routes SIGINT and SIGTERM to {@code handler(name, exitCode)} (exit code 128 + signal number).
   * Returns false if the JVM does not let us handle them (e.g. started with {@code -Xrs}).
   */
  public static boolean install(BiConsumer<String, Integer> handler) {
    try {
      Signal.handle(new Signal("INT"), s -> handler.accept("SIGINT", 130));
      Signal.handle(new Signal("TERM"), s -> handler.accept("SIGTERM", 143));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
