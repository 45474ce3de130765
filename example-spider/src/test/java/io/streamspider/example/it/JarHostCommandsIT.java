package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded host's commands through the fat jar's own entry point, as real processes: {@code
 * java -jar spider.jar list}, {@code crawl NAME}, {@code streaming ...}.
 */
class JarHostCommandsIT {
  @TempDir Path dir;

  private ChildProcess jar(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(ChildProcess.JAVA.toString(), "-jar", ChildProcess.JAR.toString()));
    command.addAll(List.of(args));
    return ChildProcess.run(dir, Map.of(), 60, command);
  }

  @Test
  void listReadsExternalJsonAsTheHostsListDoes() throws Exception {
    ChildProcess external = jar("--external-json");
    assertEquals(0, external.exitCode(), external.stderr());
    Files.writeString(dir.resolve("external.json"), external.stdout(), StandardCharsets.UTF_8);

    ChildProcess list = jar("list");
    assertEquals(0, list.exitCode(), list.stderr());
    assertEquals(List.of("catalogue"), list.stdout().lines().toList());
  }

  @Test
  void crawlOfAnUnknownSpiderIsTheHostsError() throws Exception {
    Files.writeString(dir.resolve("external.json"), "[]", StandardCharsets.UTF_8);
    ChildProcess crawl = jar("crawl", "nosuch");
    assertTrue(crawl.exitCode() != 0, crawl.toString());
    assertTrue(crawl.stderr().contains("nosuch"), crawl.stderr());
  }

  @Test
  void streamingHelpIsTheHostsHelp() throws Exception {
    ChildProcess help = jar("streaming", "--help");
    assertEquals(0, help.exitCode(), help.stderr());
    assertTrue(help.stdout().contains("--project DIR"), help.stdout());
  }
}
