package io.streamspider.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Generated sources compared with golden files in {@code
 * src/test/resources/goldens/GoldenTest/<method>/}. After a deliberate change to the generated
 * code, run with {@code -Dstreamspider.updateGoldens=true}, which rewrites them (and fails, so that
 * the new goldens are reviewed before they are trusted).
 */
class GoldenTest {

  @Test
  void booksSpider(TestInfo test) throws IOException {
    assertMatchesGoldens(test, "spiders/books/BooksSpider.java");
  }

  @Test
  void minimalSpider(TestInfo test) throws IOException {
    assertMatchesGoldens(test, "spiders/minimal/MinimalSpider.java");
  }

  @Test
  void catalogSpider(TestInfo test) throws IOException {
    assertMatchesGoldens(test, "spiders/shop/spiders/CatalogSpider.java");
  }

  private static void assertMatchesGoldens(TestInfo test, String spider) throws IOException {
    URL source = GoldenTest.class.getClassLoader().getResource(spider);
    Compilation c =
        Compiler.javac()
            .withProcessors(new StreamSpiderProcessor())
            // generated code must not add warnings to a spider's build
            .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
            .compile(JavaFileObjects.forResource(source));
    assertThat(c).succeededWithoutWarnings();

    Map<String, String> generated = new TreeMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      String name = f.toUri().getPath();
      if (name.endsWith(".java") || name.contains("META-INF/")) {
        String relative = name.substring(name.indexOf('/', 1) + 1);
        generated.put(relative, f.getCharContent(true).toString());
      }
    }
    String method = test.getTestMethod().orElseThrow().getName();
    Path dir = Path.of("src/test/resources/goldens/GoldenTest", method);
    if (Boolean.getBoolean("streamspider.updateGoldens")) {
      for (Map.Entry<String, String> e : generated.entrySet()) {
        Path file = dir.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
      fail("goldens rewritten in " + dir.toAbsolutePath() + "; review them and run again");
    }

    Path goldens = Path.of(GoldenTest.class.getResource("/goldens/GoldenTest/" + method).getPath());
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.walk(goldens)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        expected.put(
            goldens.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    assertEquals(expected.keySet(), generated.keySet(), "generated files");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), generated.get(e.getKey()), e.getKey());
    }
    assertTrue(
        c.generatedFile(
                StandardLocation.CLASS_OUTPUT,
                "META-INF/services/io.streamspider.runtime.generated.SpiderDefinition")
            .isPresent());
  }
}
