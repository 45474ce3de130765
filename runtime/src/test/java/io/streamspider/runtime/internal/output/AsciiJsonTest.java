package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FIFO encoder's fast path writes exactly what Jackson's ASCII writer writes. */
class AsciiJsonTest {
  record Product(String name) {}

  static String fast(Object v) throws IOException {
    FifoWriter.Line line = new FifoWriter.Line();
    line.start("ITM");
    assertTrue(AsciiJson.write(line, v), "fast path for " + v);
    return new String(line.buf, 4, line.size - 4, StandardCharsets.ISO_8859_1);
  }

  static String jackson(Object v) throws IOException {
    return new String(ItemJson.ASCII.writeValueAsBytes(v), StandardCharsets.ISO_8859_1);
  }

  /** Characters from every class the encoder treats differently. */
  static String randomString(Random r) {
    int n = r.nextInt(40);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(9)) {
        case 0 -> b.append((char) r.nextInt(0x20)); // controls
        case 1 -> b.append("\"\\/\u007f".charAt(r.nextInt(4)));
        case 2 -> b.append((char) (0x80 + r.nextInt(0x780))); // 2-byte UTF-8
        case 3 -> b.append((char) (0x800 + r.nextInt(0xd000))); // BMP
        case 4 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000 - 0x10000)); // surrogate pairs
        case 5 -> b.append((char) (0xd800 + r.nextInt(0x800))); // a lone surrogate
        case 6 -> b.append((char) (0xe000 + r.nextInt(0x2000))); // private use, U+FFFx
        default -> b.append((char) (0x20 + r.nextInt(0x5f))); // printable ASCII
      }
    }
    return b.toString();
  }

  static Object randomValue(Random r, int depth) {
    int k = depth > 3 ? r.nextInt(8) : r.nextInt(10);
    switch (k) {
      case 0: return randomString(r);
      case 1: return r.nextInt();
      case 2: return r.nextLong();
      case 3: return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
      case 4: return r.nextFloat();
      case 5: return r.nextBoolean();
      case 6: return null;
      case 7: return List.of(Double.NaN, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, (short) -3, (byte) 7).get(r.nextInt(5));
      case 8: {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          m.put(randomString(r), randomValue(r, depth + 1));
        }
        return m;
      }
      default: {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
          l.add(randomValue(r, depth + 1));
        }
        return r.nextBoolean() ? l : new LinkedHashSet<>(l);
      }
    }
  }

  @Test
  void randomItemsAreEncodedByteForByteAsJacksonEncodesThem() throws IOException {
    Random r = new Random(4);
    for (int i = 0; i < 5000; i++) {
      Map<String, Object> item = new HashMap<>();
      int n = 1 + r.nextInt(6);
      for (int j = 0; j < n; j++) {
        item.put(randomString(r), randomValue(r, 0));
      }
      assertEquals(jackson(item), fast(item), "item " + i);
    }
  }

  @Test
  void typesOnlyJacksonKnowsGoToJacksonWithTheLineUntouched() throws IOException {
    FifoWriter.Line line = new FifoWriter.Line();
    line.start("ITM");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", "x".repeat(100));
    m.put("date", LocalDate.of(2024, 1, 2));
    assertFalse(AsciiJson.write(line, m));
    assertEquals(4, line.size);
    assertFalse(AsciiJson.write(line, new Product("p")));
    assertFalse(AsciiJson.write(line, Map.of(1, "integer key")));
    assertFalse(AsciiJson.write(line, new int[] {1}));
    assertEquals(4, line.size);
  }
}
