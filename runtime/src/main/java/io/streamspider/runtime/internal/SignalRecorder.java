package io.streamspider.runtime.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Remembers which of SIGTERM, SIGINT and SIGHUP reached this JVM, then lets the JVM handle it as
 * before (its shutdown hooks run). A shutdown hook runs on {@code System.exit} too: this tells
 * the two apart, so that the log names a signal only when one came. Uses {@code sun.misc.Signal}
 * by reflection (module jdk.unsupported); where the JVM does not allow it ({@code -Xrs}),
 * {@link #received()} stays null.
 */
public final class SignalRecorder {
  private static volatile String received;

  private SignalRecorder() {}

  /** The signal that started the JVM's shutdown ("SIGTERM"...), or null. */
  public static String received() {
    return received;
  }

  /** Installs the recording handlers; idempotent enough for one call per JVM. */
  public static void install() {
    for (String name : new String[] {"TERM", "INT", "HUP"}) {
      try {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        Method handle = signal.getMethod("handle", signal, handlerType);
        Method handleSignal = handlerType.getMethod("handle", signal);
        Object sig = signal.getConstructor(String.class).newInstance(name);
        Object[] previous = new Object[1];
        Object recorder = Proxy.newProxyInstance(SignalRecorder.class.getClassLoader(),
            new Class<?>[] {handlerType}, (self, method, args) -> switch (method.getName()) {
              case "handle" -> {
                if (received == null) {
                  received = "SIG" + name;
                }
                if (previous[0] != null) {
                  handleSignal.invoke(previous[0], args[0]); // the JVM's own: shutdown, hooks
                }
                yield null;
              }
              case "equals" -> self == args[0];
              case "hashCode" -> System.identityHashCode(self);
              default -> "streamspider signal recorder";
            });
        previous[0] = handle.invoke(null, sig, recorder);
      } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
        // this JVM keeps its signals (e.g. -Xrs): shutdowns are not told apart
      }
    }
  }
}
