package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Gradle block is complete: Gradle cannot run in this build, so this reads what a user
 * would copy. It must declare the processor for {@code annotationProcessor} only, the runtime for
 * {@code implementation}, a shadow plugin, the runtime's Main-Class and merged service files, at
 * the build's version.
 */
class ReadmeGradleTest {
  private static String gradleBlock() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```groovy\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertEquals(1, blocks.size(), "one Gradle block in README.md");
    return blocks.get(0);
  }

  private static String projectVersion() throws Exception {
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile(
                "<artifactId>streamspider-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(m.find());
    return m.group(1);
  }

  @Test
  void readmeGradleBlockDeclaresProcessorRuntimeAndShadowJar() throws Exception {
    String g = gradleBlock();
    String v = projectVersion();
    for (String line :
        List.of(
            "implementation 'io.streamspider:streamspider-runtime:" + v + "'",
            "annotationProcessor 'io.streamspider:streamspider-processor:" + v + "'",
            "attributes 'Main-Class': 'io.streamspider.runtime.StreamSpider'",
            "mergeServiceFiles()")) {
      assertTrue(g.contains(line), line + " in\n" + g);
    }
    assertTrue(
        g.matches(
            "(?s).*id '(com\\.gradleup\\.shadow|com\\.github\\.johnrengelman\\.shadow)' version"
                + " '[0-9.]+'.*"),
        "a shadow plugin with its version:\n" + g);
    assertTrue(
        !g.contains("implementation 'io.streamspider:streamspider-processor"),
        "the processor never reaches the run-time class path:\n" + g);
  }
}
