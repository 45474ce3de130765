package io.streamspider.runtime.internal;

import io.streamspider.runtime.Response;
import io.streamspider.runtime.protocol.ResponseBody;
import java.util.List;
import java.util.Map;

/**
 * How the runtime makes a {@link Response} whose text body is decoded only when the callback asks
 * for it ({@code text()}, {@code body()}, {@code css}, {@code xpath}), without a public constructor
 * for it: {@code Response} hands its private constructor to {@link #install} when its class is
 * initialized (the JDK's "shared secrets" pattern).
 */
public final class ResponseAccess {
  /** {@code Response}'s constructor for a body left undecoded. */
  @FunctionalInterface
  public interface Factory {
    Response make(
        String id,
        String callbackId,
        String url,
        int status,
        Map<String, List<String>> headers,
        ResponseBody undecoded,
        Map<String, Object> meta,
        List<String> flags,
        Map<String, List<String>> selector);
  }

  private static volatile Factory factory;

  private ResponseAccess() {}

  /** Called once, by {@code Response}'s static initializer. */
  public static void install(Factory f) {
    if (factory != null) {
      throw new IllegalStateException("installed already");
    }
    factory = f;
  }

  /**
   * A response whose text body is {@code undecoded} (a JSON string, valid for as long as the
   * response is: not a view of a buffer that is reused), decoded on first use.
   */
  static Response lazyText(
      String id,
      String callbackId,
      String url,
      int status,
      Map<String, List<String>> headers,
      ResponseBody undecoded,
      Map<String, Object> meta,
      List<String> flags,
      Map<String, List<String>> selector) {
    Factory f = factory;
    if (f == null) {
      // makes Response initialized, so its static initializer has installed the factory (no
      // reflection on the way to a callback: NoReflectionTest)
      new Response(null, null, null, 0, null, null, null, null, null, null);
      f = factory;
    }
    return f.make(id, callbackId, url, status, headers, undecoded, meta, flags, selector);
  }
}
