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
      if (r.big() != null) {
        out.add(new String(r.big().stream(0).readAllBytes(), StandardCharsets.UTF_8));
      } else {
        out.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void splitsOnNewlineStripsCarriageReturnKeepsLastUnterminatedLine() throws Exception {
    assertEquals(
        List.of("a", "", "b", "c"),
        lines(new ByteArrayInputStream("a\n\nb\r\nc".getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of(), lines(new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void everyLineSurvivesManyCompactionsOfTheBuffer() throws Exception {
    StringBuilder b = new StringBuilder();
    List<String> expected = new ArrayList<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      // mostly short lines, some longer than the buffer
      String line =
          i
              + ":"
              + "y".repeat(i % 400 == 7 ? LineReader.BIG + r.nextInt(3 << 20) : r.nextInt(5000));
      expected.add(line);
      b.append(line).append('\n');
    }
    byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
    // reads of varying size, so lines straddle reads and the buffer compacts often
    InputStream uneven =
        new ByteArrayInputStream(data) {
          private final java.util.Random sizes = new java.util.Random(11);

          @Override
          public synchronized int read(byte[] buf, int off, int len) {
            return super.read(buf, off, Math.max(1, Math.min(len, sizes.nextInt(20_000))));
          }
        };
    assertEquals(expected, lines(uneven));
  }

  @Test
  void linesLongerThanTheBufferAndTrickledBytesSurvive() throws Exception {
    String big = "x".repeat(5_000_000) + "\r";
    byte[] data = ("s\n" + big + "\nend\n").getBytes(StandardCharsets.UTF_8);
    // a stream that hands out at most 7 bytes per read, like a slow pipe
    InputStream trickle =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, len > 100_000 ? len : 7));
          }
        };
    List<String> got = lines(trickle);
    assertEquals(3, got.size());
    assertEquals("s", got.get(0));
    assertEquals(big.strip(), got.get(1), "a big line in chunks, its \\r dropped");
    assertEquals("end", got.get(2));
    LineReader r = new LineReader(new ByteArrayInputStream(data));
    assertTrue(r.next());
    assertTrue(r.next());
    assertTrue(r.next());
    assertFalse(r.next());
  }

  @Test
  void theNewlineScanFindsTheFirstNewlineInEveryRange() {
    java.util.Random r = new java.util.Random(8);
    // bytes next to '\n' in value and in bit pattern: a scan eight bytes at a time must not mistake
    // them for it, nor miss a newline next to them
    byte[] alphabet = {'\n', '\n' - 1, '\n' + 1, (byte) 0x8a, 0, (byte) 0xff, 'a', '"', 0x0b};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertEquals(expected, LineReader.indexOfNewline(b, from, to), java.util.Arrays.toString(b));
    }
  }
}
