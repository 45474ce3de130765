package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamspider.runtime.generated.ContractSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Contract}s compiled by the real javac reach the generated dispatch table, where {@code
 * check} and the test kit read them, and {@link ContractSpec} judges a callback's output as
 * Scrapy's {@code @returns} and {@code @scrapes} do.
 */
class ContractsTest {
  @TempDir static Path build;
  static SpiderDefinition<?> definition;

  @BeforeAll
  static void compile() throws Exception {
    RealJavac.Result r =
        RealJavac.compileResources(
            build, RealJavac.processorPath(), "spiders/contracts/ContractSpider.java");
    RealJavac.assertSucceeded(r);
    List<Path> cp = RealJavac.runClassPath(r.classes());
    URL[] urls = new URL[cp.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = cp.get(i).toUri().toURL();
    }
    ClassLoader loader = new URLClassLoader(urls, ContractsTest.class.getClassLoader());
    definition =
        (SpiderDefinition<?>)
            Class.forName("contracts.ContractSpider_StreamSpider", true, loader)
                .getDeclaredConstructor()
                .newInstance();
  }

  @Test
  void theGeneratedTableCarriesEachCallbacksContracts() {
    assertEquals(
        List.of(ContractSpec.url("http://127.0.0.1:8080/").requests(1, 50)),
        definition.callback("parse").contracts());
    assertEquals(
        List.of(
            ContractSpec.url("http://127.0.0.1:8080/book/1").items(1, 1).scrapes("title", "price"),
            ContractSpec.url("http://127.0.0.1:8080/book/2").items(1, ContractSpec.UNBOUNDED)),
        definition.callback("book").contracts());
    assertEquals(List.of(), definition.callback("plain").contracts());
  }

  @Test
  void violationsNameWhatIsWrong() {
    ContractSpec spec = definition.callback("book").contracts().get(0);
    assertEquals(List.of(), spec.violations(List.of(Set.of("title", "price")), 0));
    assertEquals(List.of("returned 0 items, expected exactly 1"), spec.violations(List.of(), 0));
    assertEquals(
        List.of("returned 2 items, expected exactly 1", "item 2 of 2 lacks price (it has title)"),
        spec.violations(List.of(Set.of("title", "price"), Set.of("title")), 0));
    ContractSpec links = definition.callback("parse").contracts().get(0);
    assertEquals(
        List.of("returned 51 requests, expected 1 to 50"), links.violations(List.of(), 51));
    assertEquals(List.of("returned 0 requests, expected 1 to 50"), links.violations(List.of(), 0));
    ContractSpec atLeast = definition.callback("book").contracts().get(1);
    assertEquals(
        List.of("returned 0 items, expected at least 1"), atLeast.violations(List.of(), 3));
  }

  @Test
  void describesItselfInScrapysWords() {
    assertEquals(
        "@url http://127.0.0.1:8080/book/1 @returns items exactly 1 @scrapes title price",
        definition.callback("book").contracts().get(0).toString());
  }
}
