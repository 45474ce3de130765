package io.streamspider.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.generated.Bindings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindingsTest {
  private static Response response(Map<String, List<String>> selector) {
    return new Response(
        "book#3", "book", "http://127.0.0.1/b", 200, null, "", null, null, null, selector);
  }

  @Test
  void firstAndOptional() {
    assertEquals("a", Bindings.first(List.of("a", "b")));
    assertNull(Bindings.first(List.of()));
    assertEquals(Optional.of("a"), Bindings.optional(List.of("a")));
    assertEquals(Optional.empty(), Bindings.optional(List.of()));
  }

  @Test
  void convertsTheFirstValueAfterStrippingBlanks() {
    Response r =
        response(
            Map.of(
                "n", List.of(" 42\n", "7"),
                "d", List.of("1.5e2"),
                "b", List.of("Yes"),
                "big", List.of(" 12.30 ")));
    assertEquals(42, Bindings.intValue(r, "books", "n"));
    assertEquals(42L, Bindings.longValue(r, "books", "n"));
    assertEquals(150.0, Bindings.doubleValue(r, "books", "d"));
    assertTrue(Bindings.booleanValue(r, "books", "b"));
    assertEquals(new BigDecimal("12.30"), Bindings.bigDecimalOrNull(r, "books", "big"));
    assertEquals(Integer.valueOf(42), Bindings.integerOrNull(r, "books", "n"));
  }

  @Test
  void integersAlsoReadXPathNumbers() {
    // parsel gives count(//a) as "2.0"
    Response r =
        response(
            Map.of("count", List.of("2.0"), "half", List.of("2.5"), "big", List.of("3000000000")));
    assertEquals(2, Bindings.intValue(r, "s", "count"));
    assertEquals(2L, Bindings.longValue(r, "s", "count"));
    assertThrows(IllegalArgumentException.class, () -> Bindings.intValue(r, "s", "half"));
    assertThrows(IllegalArgumentException.class, () -> Bindings.intValue(r, "s", "big"));
    assertEquals(3000000000L, Bindings.longValue(r, "s", "big"));
  }

  @Test
  void boxedAndBigDecimalAreNullWhenNothingMatched() {
    Response r = response(Map.of("n", List.of()));
    assertNull(Bindings.integerOrNull(r, "books", "n"));
    assertNull(Bindings.longOrNull(r, "books", "n"));
    assertNull(Bindings.doubleOrNull(r, "books", "n"));
    assertNull(Bindings.booleanOrNull(r, "books", "n"));
    assertNull(Bindings.bigDecimalOrNull(r, "books", "missing"));
  }

  @Test
  void badTextNamesSpiderCallbackFieldAndText() {
    Response r = response(Map.of("price", List.of("£51.77")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Bindings.intValue(r, "books", "price"));
    assertEquals(
        "spider books, callback book, field price (from http://127.0.0.1/b):"
            + " expected an integer, got \"£51.77\"",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Bindings.doubleOrNull(r, "books", "price"));
    assertThrows(
        IllegalArgumentException.class, () -> Bindings.bigDecimalOrNull(r, "books", "price"));
    assertThrows(IllegalArgumentException.class, () -> Bindings.booleanValue(r, "books", "price"));
  }

  @Test
  void doubleRefusesWordsJavaWouldRead() {
    for (String text : List.of("NaN", "Infinity", "1d", "0x10")) {
      Response r = response(Map.of("x", List.of(text)));
      assertThrows(IllegalArgumentException.class, () -> Bindings.doubleValue(r, "s", "x"), text);
    }
  }

  @Test
  void missingValueForPrimitiveSaysSo() {
    Response r = response(Map.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Bindings.intValue(r, "books", "stock"));
    assertTrue(
        e.getMessage().startsWith("spider books, callback book, field stock"), e.getMessage());
    assertTrue(e.getMessage().contains("matched nothing"), e.getMessage());
  }
}
