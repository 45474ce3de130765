package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamspider.runtime.Response;
import io.streamspider.runtime.protocol.ResponseBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResponseAccessTest {
  /** A body that counts how often it is decoded. */
  private static final class Counting implements ResponseBody {
    final AtomicInteger decodes = new AtomicInteger();
    final String text;

    Counting(String text) {
      this.text = text;
    }

    @Override
    public long size(boolean base64) {
      throw new AssertionError("not needed");
    }

    @Override
    public Object decode(boolean base64) throws IOException {
      if (base64) {
        throw new AssertionError("a lazy body is text");
      }
      decodes.incrementAndGet();
      if (text == null) {
        throw new IOException("broken");
      }
      return text;
    }
  }

  private static Response lazy(ResponseBody body) {
    return ResponseAccess.lazyText(
        "p#1",
        "p",
        "http://127.0.0.1/a",
        200,
        Map.of("Content-Type", List.of("text/html")),
        body,
        Map.of("k", 1),
        List.of(),
        Map.of("title", List.of("T")));
  }

  @Test
  void theBodyIsDecodedOnFirstUseOnlyAndOnce() {
    Counting body = new Counting("caf\u00e9 <p>");
    Response r = lazy(body);
    // what a callback of @Selector values and a Response for its URL uses
    assertEquals("http://127.0.0.1/a", r.url());
    assertEquals(List.of("T"), r.values("title"));
    assertEquals(200, r.status());
    assertEquals(1, r.meta("k"));
    assertFalse(r.isBinary());
    assertEquals("<200 http://127.0.0.1/a>", r.toString());
    assertEquals(0, body.decodes.get());
    assertEquals("caf\u00e9 <p>", r.text());
    assertArrayEquals("caf\u00e9 <p>".getBytes(StandardCharsets.UTF_8), r.body());
    assertEquals("caf\u00e9 <p>", r.text());
    assertEquals(1, body.decodes.get());
  }

  @Test
  void aBodyThatDoesNotDecodeIsAnErrorNamingTheResponse() {
    Response r = lazy(new Counting(null));
    IllegalStateException e = assertThrows(IllegalStateException.class, r::text);
    assertEquals("the body of <200 http://127.0.0.1/a> does not decode", e.getMessage());
  }
}
