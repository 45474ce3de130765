package io.streamspider.selector.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Where in the selector an error is: the compile-time check points at it. (What parses and the
 * messages are parsel's; the host's conformance corpora test those.)
 */
class SelectorErrorPositionTest {
  private static SelectorError error(String css) {
    return assertThrows(SelectorError.class, () -> XPathTranslator.HTML.translate(css), css);
  }

  private static void assertError(String css, SelectorError.Kind kind, int position) {
    SelectorError e = error(css);
    assertEquals(kind, e.kind(), css + ": " + e.getMessage());
    assertEquals(position, e.position(), css + ": " + e.getMessage());
  }

  @Test
  void translationErrorsPointAtTheColonOfTheirPseudoClass() {
    assertError("p.price:eq(0)::text", SelectorError.Kind.EXPRESSION, 7);
    assertError("div :hovered", SelectorError.Kind.EXPRESSION, 4);
    assertError("li:nth-child(x2)", SelectorError.Kind.EXPRESSION, 2);
    assertError("a *:first-of-type", SelectorError.Kind.EXPRESSION, 3);
    assertError("a::href", SelectorError.Kind.EXPRESSION, 1);
  }

  @Test
  void syntaxErrorsPointAtTheOffendingToken() {
    assertError("div > ", SelectorError.Kind.SYNTAX, 6);
    assertError("a[href=1]", SelectorError.Kind.SYNTAX, 7);
    assertError("a::text b", SelectorError.Kind.SYNTAX, 8);
    assertError("p, 'x", SelectorError.Kind.SYNTAX, 3);
    assertError("p:not(:not(a))", SelectorError.Kind.SYNTAX, 6);
  }

  @Test
  void anErrorInsideHasPointsAtTheHas() {
    assertError("div:has(> p.1)", SelectorError.Kind.SYNTAX, 3);
    assertError("div:has(> p:b)", SelectorError.Kind.SYNTAX, 11);
  }

  @Test
  void theDialectIsTheTranslatorsNotAThreadsState() throws Exception {
    String[] inXml = new String[1];
    Thread t = new Thread(() -> inXml[0] = XPathTranslator.XML.translate("svg:checked"));
    t.start();
    String inHtml = XPathTranslator.HTML.translate("svg:checked");
    t.join();
    assertEquals("descendant-or-self::svg[0]", inXml[0]);
    assertEquals(inHtml, XPathTranslator.HTML.translate("svg:checked"));
    assertEquals(false, inHtml.equals(inXml[0]));
  }
}
