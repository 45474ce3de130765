package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<String> lines(InputStream in) throws Exception {
    LineReader r = new LineReader(in);
    List<String> out = new ArrayList<>();
    while (r.next()) {
      out.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void splitsOnNewlineStripsCarriageReturnKeepsLastUnterminatedLine() throws Exception {
    assertEquals(List.of("a", "", "b", "c"), lines(new ByteArrayInputStream("a\n\nb\r\nc".getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of(), lines(new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void linesLongerThanTheBufferAndTrickledBytesSurvive() throws Exception {
    String big = "x".repeat(5_000_000);
    byte[] data = ("s\n" + big + "\nend\n").getBytes(StandardCharsets.UTF_8);
    // a stream that hands out at most 7 bytes per read, like a slow pipe
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, len > 100_000 ? len : 7));
      }
    };
    List<String> got = lines(trickle);
    assertEquals(3, got.size());
    assertEquals("s", got.get(0));
    assertEquals(big, got.get(1));
    assertEquals("end", got.get(2));
    LineReader r = new LineReader(new ByteArrayInputStream(data));
    assertTrue(r.next());
    assertTrue(r.next());
    assertTrue(r.next());
    assertFalse(r.next());
  }
}
