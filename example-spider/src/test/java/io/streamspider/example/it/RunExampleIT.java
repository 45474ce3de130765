package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.example.internal.DemoCatalogue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./run-example.sh}, with {@code --no-build} because the verify
 * build has just made the jar: demo site up, crawl, summary, demo site down.
 */
class RunExampleIT {
  private static final Pattern SITE =
      Pattern.compile("Demo site serving (http://127\\.0\\.0\\.1:[0-9]+/)");

  @TempDir Path dir;

  @Test
  void crawlsTheDemoWritesTheItemsPrintsASummaryAndStopsTheSite() throws Exception {
    Path items = dir.resolve("items.jsonl");
    ChildProcess run = runExample("--no-build", "-O", items.toString());
    assertEquals(0, run.exitCode(), run.output());
    String base = siteUrl(run);
    DemoCatalogue c = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED);
    ExpectedItems.assertItems(
        ExpectedItems.expected(c, null, true),
        ExpectedItems.parse(Files.readAllLines(items, StandardCharsets.UTF_8)),
        base);
    String out = run.stdout();
    assertTrue(out.contains("==> Summary"), run.output());
    assertTrue(out.contains("items:          105 in " + items), run.output());
    assertTrue(out.contains("members-only:   5"), run.output());
    assertTrue(out.contains("missing pages:  1"), run.output());
    assertTrue(out.contains("exit status:    0"), run.output());
    assertSiteStopped(base);
  }

  @Test
  void exitsWithTheSpidersStatusAndStillStopsTheSite() throws Exception {
    ChildProcess run =
        runExample("--no-build", "-O", dir.resolve("x.jsonl").toString(), "--", "-a", "colour=red");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.stdout().contains("exit status:    2"), run.output());
    assertSiteStopped(siteUrl(run));
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    ChildProcess run = runExample("--frobnicate");
    assertEquals(2, run.exitCode(), run.output());
    assertTrue(run.stderr().contains("unknown option --frobnicate"), run.output());
  }

  private ChildProcess runExample(String... args) throws Exception {
    // as the README has it: ./run-example.sh from the repository root (shebang, executable bit)
    List<String> command = new java.util.ArrayList<>(List.of("./run-example.sh"));
    command.addAll(List.of(args));
    // java on PATH is the JDK running this test, as on a machine with only JDK 17 and Maven
    String path = ChildProcess.JAVA.getParent() + ":" + System.getenv().getOrDefault("PATH", "");
    return ChildProcess.run(ChildProcess.REPO, dir, Map.of("PATH", path), 240, command);
  }

  private static String siteUrl(ChildProcess run) {
    Matcher m = SITE.matcher(run.stdout());
    assertTrue(m.find(), run.output());
    return m.group(1);
  }

  private static void assertSiteStopped(String base) {
    assertThrows(
        IOException.class,
        () ->
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.discarding()),
        "the demo site still answers at " + base);
  }
}
