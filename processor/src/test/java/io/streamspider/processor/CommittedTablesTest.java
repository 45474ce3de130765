package io.streamspider.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's tests use dispatch tables of test spiders, but the runtime builds before the
 * processor, so its tests cannot run it: the tables are the processor's output, committed next to
 * their spiders in {@code runtime/src/test/java}. This test compiles each spider there with the
 * processor and fails when the committed table differs from what it generates. After a change to a
 * spider or to the generated code, run it with {@code -Dstreamspider.updateTables=true}, which
 * rewrites the committed tables (and fails, so the new tables are reviewed before they are
 * trusted). {@code -Dmaven.compiler.failOnError=false} lets the build reach this test when the
 * stale tables no longer compile against the changed spider.
 */
class CommittedTablesTest {
  private static final Path DIR =
      Path.of("../runtime/src/test/java/io/streamspider/runtime/testspiders");

  @ParameterizedTest
  @ValueSource(strings = {"ShopSpider", "SelectorStartSpider"})
  void committedTableIsTheProcessorsOutput(String spider) throws IOException {
    Path source = DIR.resolve(spider + ".java");
    Compilation c =
        Compiler.javac()
            .withProcessors(new StreamSpiderProcessor())
            .compile(JavaFileObjects.forResource(source.toUri().toURL()));
    assertThat(c).succeeded();
    String table = spider + "_StreamSpider";
    JavaFileObject generated =
        c.generatedFile(
                StandardLocation.SOURCE_OUTPUT,
                "io.streamspider.runtime.testspiders",
                table + ".java")
            .orElseThrow(() -> new AssertionError("the processor generated no " + table));
    String expected = generated.getCharContent(true).toString();
    Path committed = DIR.resolve(table + ".java");
    if (Boolean.getBoolean("streamspider.updateTables")) {
      Files.writeString(committed, expected, StandardCharsets.UTF_8);
      fail("rewrote " + committed.toAbsolutePath().normalize() + "; review it and run again");
    }
    assertEquals(
        expected,
        Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : null,
        committed.normalize()
            + " is not what the processor generates for "
            + spider
            + "; regenerate it with: mvn -B -pl processor -am test -Dtest=CommittedTablesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dstreamspider.updateTables=true"
            + " -Dmaven.compiler.failOnError=false");
  }
}
