package io.streamspider.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradle declaration ({@code META-INF/gradle/incremental.annotation.processors}) says
 * "aggregating", and the processor behaves as Gradle requires of one: it only writes through the
 * Filer, names the originating elements of every file, reads only CLASS-retention annotations, and
 * does not claim "*". It is not isolating because one file, the services file, comes from every
 * spider.
 */
class IncrementalDeclarationTest {
  @TempDir Path tmp;

  private static Path processorClasses() {
    return RealJavac.home(StreamSpiderProcessor.class);
  }

  @Test
  void declaredAggregatingForGradleAndRegisteredForJavac() throws Exception {
    Path gradle = processorClasses().resolve("META-INF/gradle/incremental.annotation.processors");
    List<String> lines = Files.readAllLines(gradle, StandardCharsets.UTF_8);
    assertEquals(List.of(StreamSpiderProcessor.class.getName() + ",aggregating"), lines);
    Class<?> declared = Class.forName(lines.get(0).split(",")[0]);
    assertTrue(Processor.class.isAssignableFrom(declared));

    Path services = processorClasses().resolve("META-INF/services/" + Processor.class.getName());
    assertEquals(
        List.of(StreamSpiderProcessor.class.getName()),
        Files.readAllLines(services, StandardCharsets.UTF_8));
  }

  @Test
  void readsOnlyClassRetentionAnnotationsAndClaimsNoWildcard() throws Exception {
    Set<String> types = new StreamSpiderProcessor().getSupportedAnnotationTypes();
    assertFalse(types.contains("*"));
    assertEquals(6, types.size(), types.toString());
    for (String t : types) {
      RetentionPolicy policy = Class.forName(t).getAnnotation(Retention.class).value();
      assertTrue(policy != RetentionPolicy.SOURCE, t + " must be visible to Gradle: " + policy);
    }
  }

  @Test
  void everyFileHasItsOriginsAndTheServicesFileHasSeveral() {
    FilerSwap.Recording[] filer = new FilerSwap.Recording[1];
    Compilation c =
        Sources.compile(
            FilerSwap.wrap(new StreamSpiderProcessor(), f -> filer[0] = new FilerSwap.Recording(f)),
            JavaFileObjects.forResource("spiders/books/BooksSpider.java"),
            JavaFileObjects.forResource("spiders/minimal/MinimalSpider.java"));
    assertThat(c).succeeded();
    assertEquals(
        List.of(
            new FilerSwap.Created(
                "source", "books.BooksSpider_StreamSpider", List.of("books.BooksSpider")),
            new FilerSwap.Created(
                "source", "books.BooksSpider_Requests", List.of("books.BooksSpider")),
            new FilerSwap.Created(
                "source", "minimal.MinimalSpider_StreamSpider", List.of("minimal.MinimalSpider")),
            new FilerSwap.Created(
                "source", "minimal.MinimalSpider_Requests", List.of("minimal.MinimalSpider")),
            // the existing services file is read to be merged (Gradle allows Filer.getResource)
            new FilerSwap.Created(
                "read",
                "META-INF/services/io.streamspider.runtime.generated.SpiderDefinition",
                List.of()),
            new FilerSwap.Created(
                "resource",
                "META-INF/services/io.streamspider.runtime.generated.SpiderDefinition",
                List.of("books.BooksSpider", "minimal.MinimalSpider"))),
        filer[0].created);
    // an isolating processor gives each file exactly one originating element
    assertTrue(
        filer[0].created.stream().anyMatch(f -> f.origins().size() > 1),
        "one file comes from several spiders: the processor is aggregating, not isolating");
  }

  @Test
  void writesNothingOutsideJavacsOutputDirectories() throws Exception {
    RealJavac.Result r =
        RealJavac.compileResources(
            tmp,
            RealJavac.processorPath(),
            "spiders/books/BooksSpider.java",
            "spiders/minimal/MinimalSpider.java");
    RealJavac.assertSucceeded(r);
    try (var top = Files.list(tmp)) {
      assertEquals(
          List.of("classes", "generated", "src"),
          top.map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<String> notClasses =
        RealJavac.files(r.classes()).stream().filter(f -> !f.endsWith(".class")).toList();
    assertEquals(
        List.of("META-INF/services/io.streamspider.runtime.generated.SpiderDefinition"),
        notClasses);
    assertEquals(
        List.of(
            "books/BooksSpider_Requests.java",
            "books/BooksSpider_StreamSpider.java",
            "minimal/MinimalSpider_Requests.java",
            "minimal/MinimalSpider_StreamSpider.java"),
        RealJavac.files(r.generatedSources()));
    assertEquals(
        List.of("books/BooksSpider.java", "minimal/MinimalSpider.java"),
        RealJavac.files(tmp.resolve("src")));
  }
}
