package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar spider.jar --local} as a real process: the settings the embedded host checks are
 * checked before the spider opens its outputs, and the host knows the runtime's own settings.
 */
class LocalSettingsTest {
  @TempDir Path dir;

  /** The localtest spider's start URL ({@code -a start_urls}). */
  private String startUrl;

  private record Run(int exit, String text) {}

  private Run run(String... args) throws Exception {
    List<String> cmd =
        ScriptedHost.javaCommand(
            List.of(System.getProperty("java.class.path")),
            List.of(),
            "io.streamspider.runtime.StreamSpider",
            List.of("localtest", "--local", "-a", "start_urls=" + startUrl));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("run.log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
    return new Run(p.exitValue(), Files.readString(log));
  }

  @Test
  void aBadSettingOrOptionWithLocalLeavesAnExistingOutputFileAlone() throws Exception {
    startUrl = "http://127.0.0.1:9/index.html";
    Path items = dir.resolve("items.jsonl");
    byte[] before = "{\"name\": \"kept\"}\n".getBytes(StandardCharsets.UTF_8);
    List<List<String>> mistakes =
        List.of(
            List.of("-s", "CONCURRENT_REQUESTS=many"),
            List.of("-s", "DOWNLOAD_DELAY=-1"),
            List.of("-s", "DUPEFILTER_DEBUG=maybe"),
            List.of("-s", "IDLE_TIMEOUT=soon"),
            List.of("-o", dir.resolve("more.xml").toString()));
    for (List<String> mistake : mistakes) {
      Files.write(items, before);
      List<String> args = new ArrayList<>(List.of("-O", items.toString()));
      args.addAll(mistake);
      Run r = run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), mistake + ": " + r.text());
      assertTrue(r.text().startsWith("streamspider: "), mistake + ": " + r.text());
      String named = mistake.get(0).equals("-s") ? mistake.get(1).split("=")[0] : mistake.get(1);
      assertTrue(r.text().contains(named), mistake + ": names it: " + r.text());
      assertFalse(
          r.text().contains("Starting the spider"), mistake + ": nothing started: " + r.text());
      assertArrayEquals(
          before, Files.readAllBytes(items), mistake + " emptied the -O file: " + r.text());
    }
  }

  @Test
  void theHostKnowsTheRuntimesOwnSettings() throws Exception {
    try (TestSite site = new TestSite()) {
      startUrl = site.base() + "/index.html";
      Path items = dir.resolve("items.jsonl");
      Run r =
          run(
              "-O",
              items.toString(),
              "-s",
              "SELECTORS=local",
              "-s",
              "IDLE_TIMEOUT=60",
              "-s",
              "FIFO_OPEN_TIMEOUT=30",
              "-s",
              "SPIDER_JVM=separate",
              "-s",
              "NO_SUCH_SETTING=1");
      assertEquals(0, r.exit(), r.text());
      assertEquals(2, Files.readAllLines(items).size(), r.text());
      for (String own : List.of("SELECTORS", "IDLE_TIMEOUT", "FIFO_OPEN_TIMEOUT", "SPIDER_JVM")) {
        assertFalse(r.text().contains("setting " + own), own + " is the runtime's: " + r.text());
      }
      // a name neither side applies is still called unknown
      assertTrue(r.text().contains("WARNING: Unknown setting NO_SUCH_SETTING (from "), r.text());
    }
  }
}
