package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.internal.LocalHostProvider;
import io.streamspider.host.testing.HostRun;
import io.streamspider.host.testing.ScriptedJavaSpider;
import io.streamspider.host.testing.TestSite;
import io.streamspider.runtime.spi.EmbeddedHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --local}: the runtime finds the host with ServiceLoader and hands it the spider command.
 */
class LocalHostProviderTest {
  /** The localtest spider's start URL ({@code -a start_urls}). */
  private String startUrl;

  @Test
  void theRuntimeFindsTheHost() {
    List<String> found = new ArrayList<>();
    ServiceLoader.load(EmbeddedHost.class).forEach(h -> found.add(h.getClass().getName()));
    assertEquals(List.of(LocalHostProvider.class.getName()), found);
  }

  @Test
  void runCrawlsWithTheSpiderCommandAndHostSettings(@TempDir Path dir) throws Exception {
    try (TestSite site = new TestSite()) {
      Path script = dir.resolve("script.txt");
      Path transcript = dir.resolve("transcript.txt");
      Files.writeString(
          script,
          ("recv 1\n"
                  + "send {\"type\": \"spider\", \"name\": \"local\", \"start_urls\":"
                  + " [\"${BASE}/p1.html\"]}\n"
                  + "recv 1\n"
                  + "send {\"type\": \"log\", \"message\": \"hidden\", \"level\": \"DEBUG\"}\n"
                  + "send {\"type\": \"close\"}\n")
              .replace("${BASE}", site.base()));
      Files.writeString(transcript, "");
      List<String> command = new ArrayList<>(HostRun.javaCommand(ScriptedJavaSpider.class));
      command.add(script.toString());
      command.add(transcript.toString());

      PrintStream savedErr = System.err;
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int exit;
      try {
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        exit =
            new LocalHostProvider()
                .run(command, List.of("-s", "LOG_LEVEL=INFO", "-o", "items.jsonl"));
      } finally {
        System.setErr(savedErr);
      }
      String text = log.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, text);
      assertTrue(text.contains("[scrapy.core.engine] INFO: Spider closed (finished)"), text);
      assertTrue(!text.contains("hidden"), "LOG_LEVEL=INFO from the runtime's -s: " + text);
      List<String> received = Files.readAllLines(transcript);
      assertEquals(2, received.size(), received.toString());
      assertTrue(received.get(1).contains("Page 1"), received.toString());
    }
  }

  /**
   * Runs the real runtime's {@code localtest} spider with {@code --local} in a child JVM in {@code
   * dir} (its start URL {@link #startUrl}), items to {@code output}; asserts the exit code and
   * returns the log.
   */
  private String crawlLocal(Path dir, Path output, int expectedExit) throws Exception {
    List<String> cmd =
        ScriptedHost.javaCommand(
            List.of(System.getProperty("java.class.path")),
            List.of(),
            "io.streamspider.runtime.StreamSpider",
            List.of(
                "localtest",
                "--local",
                "-a",
                "start_urls=" + startUrl,
                "-o",
                output.toString(),
                "-s",
                "LOG_LEVEL=INFO"));
    Path log = dir.resolve("host.log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), Files.readString(log));
    String text = Files.readString(log);
    assertEquals(expectedExit, p.exitValue(), text);
    return text;
  }

  @Test
  void theRealRuntimeRunsOnThisHostWithLocal(@TempDir Path dir) throws Exception {
    try (TestSite site = new TestSite()) {
      startUrl = site.base() + "/index.html";
      Path items = dir.resolve("items.jsonl");
      String text = crawlLocal(dir, items, 0);
      assertTrue(text.contains("[scrapy.core.engine] INFO: Spider closed (finished)"), text);
      assertTrue(
          !text.contains("Received error from external spider"),
          "the runtime keeps stderr silent: " + text);
      List<String> lines = Files.readAllLines(items);
      assertEquals(2, lines.size(), lines + "\n" + text);
      java.util.Set<String> got = new java.util.TreeSet<>();
      for (String line : lines) {
        com.fasterxml.jackson.databind.JsonNode item =
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        got.add(
            item.get("url").asText().replace(site.base(), "")
                + " "
                + item.get("title")
                + " "
                + item.get("price"));
      }
      // the pages' own text, extracted by the host's selectors through selector_request
      assertEquals(
          java.util.Set.of("/p1.html [\"Page 1\"] [\"10\"]", "/p2.html [\"Page 2\"] [\"20\"]"),
          got);
    }
  }

  @Test
  void aSpiderWhoseItemOutputFailsMakesTheHostFail(@TempDir Path dir) throws Exception {
    // a feed on a full disk: the runtime stops with close and exits 1; the host must not report
    // a finished crawl (cloud/start-crawl execs it: exit 0 would mark the job successful)
    Path full = dir.resolve("items.jsonl");
    Files.createSymbolicLink(full, Path.of("/dev/full"));
    try (TestSite site = new TestSite()) {
      startUrl = site.base() + "/index.html";
      String text = crawlLocal(dir, full, 1);
      assertTrue(text.contains("No space left on device"), text);
      assertTrue(
          text.contains(
              "[host] ERROR: The spider sent close but exited with code 1: the crawl failed"),
          text);
      assertTrue(text.contains("[scrapy.core.engine] INFO: Spider closed (spider_failed)"), text);
      assertTrue(text.contains("'finish_reason': 'spider_failed'"), text);
      assertTrue(!text.contains("(finished)"), text);
    }
  }

  @Test
  void aSpiderThatFailsOnItsOwnErrorNamesNoSignal(@TempDir Path dir) throws Exception {
    try (TestSite site = new TestSite()) {
      startUrl = site.base() + "/index.html";
      Files.writeString(dir.resolve("fail-with-error.txt"), "");
      String text = crawlLocal(dir, dir.resolve("items.jsonl"), 1);
      assertTrue(text.contains("[localtest] ERROR: the crawl stopped on an internal error"), text);
      // no signal came: neither the runtime nor the host may say one did
      assertTrue(!text.contains("SIGTERM") && !text.contains("SIGINT"), text);
    }
  }

  @Test
  void badHostArgumentsAreAUsageError() {
    PrintStream savedErr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      exit = new LocalHostProvider().run(List.of("true"), List.of("--bogus"));
    } finally {
      System.setErr(savedErr);
    }
    assertEquals(2, exit);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("unknown option --bogus"));
  }
}
