package io.streamspider.host.select.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.select.internal.tree.TreeXPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which location paths run as direct walks ({@code FastPath}) and which Jaxen evaluates: the
 * selectors of the benchmark spider and other common CSS shapes must compile to walks (else the
 * differential test would compare Jaxen with itself for them), positions must not.
 */
class FastPathPlansTest {
  private static List<String> plans(String css) {
    return XPathRunner.compile(CssToXPath.translate(css), true).plans();
  }

  private static List<String> xpathPlans(String xpath) {
    return XPathRunner.compile(xpath, true).plans();
  }

  /** The first path the parser met is the outermost one. */
  private static String outer(List<String> plans) {
    return plans.get(0);
  }

  @Test
  void benchmarkSpiderSelectorsRunAsWalks() {
    for (String css :
        List.of(
            "ul.product-grid a.product-link::attr(href)",
            "nav.pagination a.next::attr(href)",
            "h1.product-title::text",
            "div.price-box span.price::text",
            "span.sku::text",
            "section.related a.related-link::attr(href)",
            "span[itemprop=sku]::text",
            "meta[property='og:image']::attr(content)",
            "#main > ul li:not(.x) a[href^='/p/']",
            "a[href$='.pdf'], a[href*=download]::attr(href)",
            "div.a.b > p ~ span *::text")) {
      List<String> plans = plans(css);
      assertTrue(plans.stream().allMatch(p -> p.startsWith("fast: ")), css + ": " + plans);
    }
  }

  @Test
  void descendantCombinatorIsOneWalkAndTheClassTestIsATokenTest() {
    List<String> plans = plans("ul.product-grid a.product-link::attr(href)");
    assertTrue(
        plans.contains(
            "fast: descendant-or-self::ul[(@class and @class~='product-grid')]"
                + "/descendant-under-element::a[(@class and @class~='product-link')]"
                + "/attribute::href"),
        plans.toString());
    assertTrue(
        plans(".price::text")
            .contains("fast: descendant-or-self::*[(@class and @class~='price')]/child::text()"),
        plans(".price::text").toString());
  }

  @Test
  void doubleSlashIsOneDescendantWalk() {
    assertEquals("fast: /descendant::a[@href]", outer(xpathPlans("//a[@href]")));
    assertEquals(
        "fast: /descendant::div[@id='main']/descendant::p/child::text()",
        outer(xpathPlans("//div[@id='main']//p/text()")));
  }

  @Test
  void positionsAndOtherAxesAreLeftToJaxen() {
    assertTrue(outer(xpathPlans("//li[1]")).startsWith("jaxen: "));
    assertTrue(outer(xpathPlans("//li[last()]")).startsWith("jaxen: "));
    assertTrue(outer(xpathPlans("//li[position() > 1]/a")).startsWith("jaxen: "));
    assertTrue(outer(xpathPlans("//b/preceding-sibling::i")).startsWith("jaxen: "));
    assertTrue(outer(plans("p + p")).startsWith("jaxen: ")); // following-sibling::*[1]
    assertTrue(outer(xpathPlans("//li[count(a)]")).startsWith("jaxen: ")); // a number: a position
  }

  @Test
  void positionFreeBooleansJaxenEvaluatesStayInsideAWalk() {
    // :nth-child(2) is count(preceding-sibling::*) = 1: Jaxen evaluates it per candidate
    String plan = outer(plans("li:nth-child(2)"));
    assertTrue(plan.startsWith("fast: descendant-or-self::li[jaxen{"), plan);
    plan = outer(xpathPlans("//a[re:test(@href, '^/p/')]"));
    assertTrue(plan.startsWith("fast: /descendant::a[jaxen{re:test("), plan);
  }

  @Test
  void withoutPlansEveryPathIsJaxens() {
    TreeXPath x = XPathRunner.compile(CssToXPath.translate("ul.product-grid a"), false);
    assertTrue(x.plans().stream().allMatch(p -> p.startsWith("jaxen: ")), x.plans().toString());
  }
}
