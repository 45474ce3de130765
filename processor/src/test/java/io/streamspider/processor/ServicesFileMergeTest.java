package io.streamspider.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.streamspider.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor's {@code META-INF/services/io.streamspider.runtime.generated.SpiderDefinition} is
 * merged with what the class output already holds, never overwritten: a hand-written entry (the
 * build copies {@code src/main/resources} there before compiling) survives, and so does an earlier
 * compilation's spider when only another source is recompiled.
 */
class ServicesFileMergeTest {
  private static final String SERVICES =
      "META-INF/services/io.streamspider.runtime.generated.SpiderDefinition";

  @TempDir Path tmp;

  @Test
  void aHandWrittenEntryInTheClassOutputSurvives() throws Exception {
    Path handWritten = Files.createDirectories(tmp.resolve("classes/META-INF/services"));
    Files.writeString(
        handWritten.resolve("io.streamspider.runtime.generated.SpiderDefinition"),
        "# written by hand\nmy.own.HandWrittenDefinition   # a comment\n\n",
        StandardCharsets.UTF_8);

    RealJavac.Result r =
        RealJavac.compileResources(
            tmp, RealJavac.processorPath(), "spiders/minimal/MinimalSpider.java");
    RealJavac.assertSucceeded(r);

    assertEquals(
        List.of("minimal.MinimalSpider_StreamSpider", "my.own.HandWrittenDefinition"),
        Files.readAllLines(r.classes().resolve(SERVICES), StandardCharsets.UTF_8));
  }

  @Test
  void aSecondCompilationIntoTheSameOutputKeepsTheFirstOnesSpider() throws Exception {
    RealJavac.Result first =
        RealJavac.compileResources(
            tmp.resolve("one"), RealJavac.processorPath(), "spiders/minimal/MinimalSpider.java");
    RealJavac.assertSucceeded(first);
    // an incremental build: only the changed source is compiled, into the same classes
    Path second = tmp.resolve("two");
    Files.createDirectories(second);
    copyTree(first.classes(), second.resolve("classes"));
    RealJavac.Result r =
        RealJavac.compileResources(
            second, RealJavac.processorPath(), "spiders/books/BooksSpider.java");
    RealJavac.assertSucceeded(r);

    assertEquals(
        List.of("books.BooksSpider_StreamSpider", "minimal.MinimalSpider_StreamSpider"),
        Files.readAllLines(r.classes().resolve(SERVICES), StandardCharsets.UTF_8));
  }

  @Test
  void spidersOfTwoProcessingRoundsAreBothListed() throws Exception {
    JavaFileObject first =
        source(
            "First",
            """
            @Spider(name = "first", startUrls = "http://127.0.0.1/")
            public class First {
              @Parse
              public void parse(Response r) {}
            }
            """);
    Compilation c =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new StreamSpiderProcessor(), GeneratesSource.secondSpider())
            .withOptions("-Xlint:all", "-Xlint:-processing")
            .compile(first);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedFile(StandardLocation.CLASS_OUTPUT, SERVICES)
        .contentsAsUtf8String()
        .isEqualTo("test.First_StreamSpider\ntest.Second_StreamSpider\n");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
