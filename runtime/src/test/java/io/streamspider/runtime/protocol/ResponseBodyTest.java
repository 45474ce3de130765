package io.streamspider.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

  @Test
  void aTextBodyCountsItsUtf8BytesAndDecodesBase64() throws Exception {
    for (String text : List.of("", "plain", "caf\u00e9", "\u20ac \ud83d\ude00 x\u0800")) {
      ResponseBody b = ResponseBody.of(text);
      assertEquals(text.getBytes(StandardCharsets.UTF_8).length, b.size(false), text);
      assertEquals(text, b.decode(false));
      assertEquals(text, b.text());
    }
    for (int n = 0; n < 6; n++) {
      byte[] raw = new byte[n];
      for (int i = 0; i < n; i++) {
        raw[i] = (byte) (250 - i);
      }
      ResponseBody b = ResponseBody.of(Base64.getEncoder().encodeToString(raw));
      assertEquals(n, b.size(true));
      assertArrayEquals(raw, (byte[]) b.decode(true));
    }
    assertThrows(IOException.class, () -> ResponseBody.of("not base64!").decode(true));
  }

  @Test
  void theTextConstructorKeepsTheBodyAndHasNoStatusText() throws Exception {
    ResponseMessage m =
        new ResponseMessage("i", "http://x/", 200, null, "body", null, List.of(), null);
    assertEquals("body", m.body().text());
    assertEquals(null, m.statusText());
    assertEquals("response", m.type());
    assertEquals(
        null, new ResponseMessage("i", "http://x/", 200, null, null, null, null, null).body());
  }
}
