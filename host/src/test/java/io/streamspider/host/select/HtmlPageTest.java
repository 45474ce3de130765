package io.streamspider.host.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.select.internal.ParselLocalSelectors;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.spi.LocalSelectors;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HtmlPage's API; the values themselves are checked against parsel by ParselConformanceTest. */
class HtmlPageTest {
  private static final String PAGE =
      "<html><body><ul><li class=a>one</li><li>two</li><li class=a>three</li></ul>"
          + "<p title=t>para</p></body></html>";

  @Test
  void getallFollowsTheSpecsType() {
    HtmlPage page = HtmlPage.parse(PAGE, "http://example.com/");
    assertEquals(page.css("li.a::text"), page.getall(SelectorSpec.css("li.a::text")));
    assertEquals(page.xpath("//li/text()"), page.getall(SelectorSpec.xpath("//li/text()")));
    assertEquals(page.css("li::text"), page.xpath("//li/text()"));
    assertEquals("http://example.com/", page.url());
  }

  @Test
  void aPageIsParsedByItsFirstQueryNotBefore() {
    HtmlPage page = HtmlPage.parse(PAGE, null);
    assertFalse(page.parsed(), "parsed although nothing was asked");
    assertThrows(SelectorSyntaxException.class, () -> page.css("li >"));
    assertFalse(page.parsed(), "a query that does not translate needs no tree");
    assertEquals(List.of("one", "three"), page.css("li.a::text"));
    assertTrue(page.parsed());
    assertEquals(List.of("para"), page.css("p::text"));
    HtmlPage xml = HtmlPage.parseXml("<a><b>x</b></a>", null);
    assertFalse(xml.parsed());
    assertEquals(List.of("x"), xml.xpath("//b/text()"));
    assertTrue(xml.parsed());
  }

  @Test
  void expressionsThatDoNotParseThrowSelectorSyntaxException() {
    HtmlPage page = HtmlPage.parse(PAGE, null);
    SelectorSyntaxException css =
        assertThrows(SelectorSyntaxException.class, () -> page.getall(SelectorSpec.css("li >")));
    assertTrue(css.getMessage().startsWith("Expected selector"), css.getMessage());
    SelectorSyntaxException xpath =
        assertThrows(SelectorSyntaxException.class, () -> page.getall(SelectorSpec.xpath("//li[")));
    assertTrue(
        xpath.getMessage().startsWith("XPath error: ") && xpath.getMessage().endsWith(" in //li["),
        xpath.getMessage());
    assertInstanceOf(IllegalArgumentException.class, css);
  }

  @Test
  void oneParsedPageAnswersManyThreadsConsistently() throws Exception {
    HtmlPage page = HtmlPage.parse(PAGE, null);
    List<String> queries = List.of("//li/text()", "//@*", "count(//li)", "//p", "string(//ul)");
    List<List<String>> sequential = new ArrayList<>();
    for (String q : queries) {
      sequential.add(page.xpath(q));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 50; round++) {
                    for (int i = 0; i < queries.size(); i++) {
                      if (!page.xpath(queries.get(i)).equals(sequential.get(i))) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deeplyNestedMarkupNeitherOverflowsTheStackNorLosesNodes() {
    int depth = 20_000;
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      html.append("<div>");
    }
    html.append("leaf");
    HtmlPage page = HtmlPage.parse(html.toString(), null);
    assertEquals(List.of("leaf"), page.xpath("//div[not(div)]/text()"));
    assertEquals(page.xpath("count(//div)"), page.xpath("count(//body/descendant::div)"));
    assertTrue(page.xpath("/html").get(0).endsWith("</div></body></html>"));
  }

  @Test
  void parseRejectsNull() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> HtmlPage.parse(null, null));
    assertEquals("html == null", e.getMessage());
  }

  @Test
  void localSelectorsAreFoundByServiceLoaderAndAgreeWithHtmlPage() {
    List<LocalSelectors> found = new ArrayList<>();
    ServiceLoader.load(LocalSelectors.class).forEach(found::add);
    assertEquals(1, found.size());
    assertInstanceOf(ParselLocalSelectors.class, found.get(0));
    LocalSelectors local = found.get(0);
    HtmlPage page = HtmlPage.parse(PAGE, "u");
    for (SelectorSpec spec :
        List.of(
            SelectorSpec.css("li::text"),
            SelectorSpec.xpath("//p/@title"),
            SelectorSpec.css("p"))) {
      assertEquals(page.getall(spec), local.select(PAGE, "u", spec));
    }
    String other = "<p>other</p>";
    assertEquals(
        HtmlPage.parse(other, "u").css("p::text"),
        local.select(other, "u", SelectorSpec.css("p::text")));
    assertThrows(
        IllegalArgumentException.class, () -> local.select(PAGE, "u", SelectorSpec.xpath("//[")));
  }
}
