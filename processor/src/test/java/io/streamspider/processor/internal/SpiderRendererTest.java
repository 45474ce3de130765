package io.streamspider.processor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import io.streamspider.processor.internal.SpiderModel.CallbackModel;
import io.streamspider.processor.internal.SpiderModel.ResponseParameter;
import io.streamspider.runtime.generated.Callback;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderer on hand-made models, without javac. */
class SpiderRendererTest {
  private static CallbackModel plain(String id, String method) {
    return new CallbackModel(
        id,
        method,
        Callback.Kind.PLAIN,
        false,
        List.of(),
        null,
        List.of(new ResponseParameter()),
        true,
        null,
        List.of());
  }

  private static SpiderModel spider(List<CallbackModel> callbacks) {
    return new SpiderModel(
        ClassName.get("a.b", "S"),
        "s",
        List.of(),
        List.of(),
        List.of(),
        false,
        List.of(),
        callbacks);
  }

  @Test
  void constantNames() {
    assertEquals("PARSE", SpiderRenderer.constantName("parse"));
    assertEquals("BOOK_DETAIL", SpiderRenderer.constantName("bookDetail"));
    assertEquals("PRODUCT_PAGE", SpiderRenderer.constantName("product-page"));
    assertEquals("PAGE_2", SpiderRenderer.constantName("page 2"));
    assertEquals("_2ND", SpiderRenderer.constantName("2nd"));
    assertEquals("CALLBACK", SpiderRenderer.constantName("é"));
    assertEquals("A_B", SpiderRenderer.constantName("a--b--"));
  }

  @Test
  void methodNames() {
    assertEquals("parse", SpiderRenderer.methodName("parse"));
    assertEquals("productPage", SpiderRenderer.methodName("product-page"));
    assertEquals("bookDetail", SpiderRenderer.methodName("bookDetail"));
    assertEquals("class_", SpiderRenderer.methodName("class"));
    assertEquals("_2nd", SpiderRenderer.methodName("2nd"));
    assertEquals("callback", SpiderRenderer.methodName("#"));
    assertEquals("_1", SpiderRenderer.methodName("1"));
  }

  @Test
  void clashingNamesGetNumbered() {
    SpiderRenderer r =
        new SpiderRenderer(
            spider(List.of(plain("a-b", "x"), plain("a_b", "y"), plain("info", "z"))), null, true);
    String table = r.definition().toString();
    assertTrue(table.contains("public static final Callback A_B = Callback.plain(\"a-b\""), table);
    assertTrue(
        table.contains("public static final Callback A_B_2 = Callback.plain(\"a_b\""), table);
    // INFO is the SpiderInfo field
    assertTrue(
        table.contains("public static final Callback INFO_2 = Callback.plain(\"info\""), table);
    assertTrue(table.contains("private static final SpiderInfo INFO = "), table);
    String requests = r.requests().toString();
    assertTrue(requests.contains("public static Request aB(String url)"), requests);
    assertTrue(requests.contains("public static Request aB_2(String url)"), requests);
    assertTrue(requests.contains("return Request.to(S_StreamSpider.A_B_2, url);"), requests);
  }

  @Test
  void namesFollowTheRuntimesRule() {
    SpiderRenderer r = new SpiderRenderer(spider(List.of()), null, false);
    assertEquals(ClassName.get("a.b", "S_StreamSpider"), r.definitionName());
    assertEquals(ClassName.get("a.b", "S_Requests"), r.requestsName());
    String table = r.definition().toString();
    assertTrue(!table.contains("@Generated"), "no @Generated where it does not exist");
    assertTrue(table.contains("throw new IllegalArgumentException("), table);
  }
}
