package io.streamspider.host.internal;

import java.util.function.BiConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGINT and SIGTERM handling without the JVM's shutdown (so a second signal can be told apart). */
public final class Signals implements AutoCloseable {
  private final SignalHandler previousInt;
  private final SignalHandler previousTerm;

  private Signals(SignalHandler previousInt, SignalHandler previousTerm) {
    this.previousInt = previousInt;
    this.previousTerm = previousTerm;
  }

  /**
   * Routes SIGINT and SIGTERM to {@code handler(name, exitCode)} (exit code 128 + signal number)
   * until {@link #close()}; null if the JVM does not let us handle them (e.g. {@code -Xrs}).
   */
  public static Signals install(BiConsumer<String, Integer> handler) {
    try {
      SignalHandler previousInt = Signal.handle(new Signal("INT"), s -> handler.accept("SIGINT", 130));
      SignalHandler previousTerm = Signal.handle(new Signal("TERM"), s -> handler.accept("SIGTERM", 143));
      return new Signals(previousInt, previousTerm);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Puts the previous handlers back. */
  @Override
  public void close() {
    Signal.handle(new Signal("INT"), previousInt);
    Signal.handle(new Signal("TERM"), previousTerm);
  }
}
