package io.streamspider.host.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiConsumer;

/**
 * SIGINT and SIGTERM handling without the JVM's shutdown, so that a second signal can be told apart
 * from the first. Uses {@code sun.misc.Signal} (module jdk.unsupported) by reflection, which keeps
 * javac's "internal proprietary API" warnings out of the build.
 */
public final class Signals implements AutoCloseable {
  private final Object previousInt;
  private final Object previousTerm;

  private Signals(Object previousInt, Object previousTerm) {
    this.previousInt = previousInt;
    this.previousTerm = previousTerm;
  }

  /**
   * Routes SIGINT and SIGTERM to {@code handler(name, exitCode)} (exit code 128 + signal number)
   * until {@link #close()}; null if this JVM does not let us handle them (e.g. {@code -Xrs}).
   */
  public static Signals install(BiConsumer<String, Integer> handler) {
    try {
      Object previousInt = handle("INT", proxy(() -> handler.accept("SIGINT", 130)));
      Object previousTerm = handle("TERM", proxy(() -> handler.accept("SIGTERM", 143)));
      return new Signals(previousInt, previousTerm);
    } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  /** Puts the previous handlers back. */
  @Override
  public void close() {
    try {
      handle("INT", previousInt);
      handle("TERM", previousTerm);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot restore the signal handlers", e);
    }
  }

  private static Object handle(String name, Object handler) throws ReflectiveOperationException {
    Class<?> signal = Class.forName("sun.misc.Signal");
    Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
    Method handle = signal.getMethod("handle", signal, handlerType);
    return handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
  }

  private static Object proxy(Runnable action) throws ClassNotFoundException {
    Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
    return Proxy.newProxyInstance(
        Signals.class.getClassLoader(),
        new Class<?>[] {handlerType},
        (self, method, args) ->
            switch (method.getName()) {
              case "handle" -> {
                action.run();
                yield null;
              }
              case "equals" -> self == args[0];
              case "hashCode" -> System.identityHashCode(self);
              default -> "host signal handler";
            });
  }
}
