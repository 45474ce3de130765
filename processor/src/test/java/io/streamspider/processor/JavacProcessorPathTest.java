package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code javac -processorpath}: the processor is found through its
 * META-INF/services/javax.annotation.processing.Processor entry (written by AutoService), and what
 * it generates compiles and loads with only the runtime and the annotations.
 */
class JavacProcessorPathTest {
  @TempDir Path tmp;

  @Test
  void javacFindsTheProcessorOnTheProcessorPath() throws Exception {
    RealJavac.Result r =
        RealJavac.compileResources(
            tmp,
            RealJavac.processorPath(),
            "spiders/books/BooksSpider.java",
            "spiders/minimal/MinimalSpider.java",
            "spiders/shop/spiders/CatalogSpider.java");
    RealJavac.assertSucceeded(r);

    List<String> generated = RealJavac.files(r.generatedSources());
    assertEquals(
        List.of(
            "books/BooksSpider_Requests.java",
            "books/BooksSpider_StreamSpider.java",
            "minimal/MinimalSpider_Requests.java",
            "minimal/MinimalSpider_StreamSpider.java",
            "shop/spiders/CatalogSpider_Requests.java",
            "shop/spiders/CatalogSpider_StreamSpider.java"),
        generated);
    Path services =
        r.classes().resolve("META-INF/services/io.streamspider.runtime.generated.SpiderDefinition");
    assertEquals(
        List.of(
            "books.BooksSpider_StreamSpider",
            "minimal.MinimalSpider_StreamSpider",
            "shop.spiders.CatalogSpider_StreamSpider"),
        Files.readAllLines(services, StandardCharsets.UTF_8));

    // the spiders load with the runtime's class path: no JavaPoet, no processor
    List<URL> urls = new ArrayList<>();
    for (Path p : RealJavac.runClassPath(r.classes())) {
      urls.add(p.toUri().toURL());
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertThrows(
          ClassNotFoundException.class, () -> loader.loadClass("com.palantir.javapoet.JavaFile"));
      assertThrows(
          ClassNotFoundException.class,
          () -> loader.loadClass("io.streamspider.processor.StreamSpiderProcessor"));
      Class<?> definition = loader.loadClass("io.streamspider.runtime.generated.SpiderDefinition");
      List<String> names = new ArrayList<>();
      for (Object d : ServiceLoader.load(definition, loader)) {
        Object info = definition.getMethod("info").invoke(d);
        names.add((String) info.getClass().getMethod("name").invoke(info));
      }
      assertEquals(List.of("books", "minimal", "catalog"), names);
    }
  }

  @Test
  void mistakesFailThePlainJavacBuildWithTheMessage() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/bad"));
    Files.writeString(
        src.resolve("BadSpider.java"),
        """
        package bad;

        import io.streamspider.annotations.Parse;
        import io.streamspider.annotations.Selector;
        import io.streamspider.annotations.Spider;

        @Spider(name = "bad", startUrls = "http://127.0.0.1/")
        public class BadSpider {
          @Parse
          public void parse(@Selector(css = "h1:::text") String title) {}
        }
        """);
    RealJavac.Result r =
        RealJavac.compile(tmp, RealJavac.processorPath(), List.of(src.resolve("BadSpider.java")));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(
        r.output().contains("BadSpider.java:10: error: [CssInvalid] CSS selector \"h1:::text\""),
        r.output());
  }
}
