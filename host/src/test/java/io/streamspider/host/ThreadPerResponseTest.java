package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.testing.TestSite;
import io.streamspider.host.testing.ThreadCountProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a 2-processor machine (Scrapy Cloud's size, and CI's) the JDK's HTTP client would start a
 * thread for every response; the host's entry point prevents it. The crawl runs in a child JVM told
 * it has 2 processors, so the test means the same on any machine.
 */
class ThreadPerResponseTest {
  private static final int PAGES = 60;

  @Test
  void aCrawlOnTwoProcessorsDoesNotStartAThreadPerResponse(@TempDir Path dir) throws Exception {
    try (TestSite site = new TestSite()) {
      StringBuilder urls = new StringBuilder();
      for (int i = 0; i < PAGES; i++) {
        urls.append(i == 0 ? "" : ", ").append('"').append(site.base()).append("/p1.html\"");
      }
      Path script = dir.resolve("script.txt");
      Path transcript = dir.resolve("transcript.txt");
      // start URLs are never filtered as duplicates (Scrapy's dont_filter): PAGES downloads
      Files.writeString(
          script,
          "recv 1\n"
              + "send {\"type\": \"spider\", \"name\": \"threads\", \"start_urls\": ["
              + urls
              + "]}\n"
              + "recv "
              + PAGES
              + "\n"
              + "send {\"type\": \"close\"}\n");
      Files.writeString(transcript, "");
      Path out = dir.resolve("probe.out");
      Process p =
          new ProcessBuilder(
                  ScriptedHost.javaCommand(
                      List.of(System.getProperty("java.class.path")),
                      List.of("-XX:ActiveProcessorCount=2", "-XX:TieredStopAtLevel=1"),
                      ThreadCountProbe.class.getName(),
                      List.of(script.toString(), transcript.toString())))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe still running: " + Files.readString(out));
      String text = Files.readString(out);
      Matcher m = Pattern.compile("exit=(\\d+) threads=(\\d+) parallelism=(\\d+)").matcher(text);
      assertTrue(m.find(), text);
      assertEquals(0, Integer.parseInt(m.group(1)), text);
      List<String> received = Files.readAllLines(transcript);
      assertEquals(1 + PAGES, received.size(), "ready and one response per start URL: " + text);
      assertTrue(Integer.parseInt(m.group(3)) >= 2, "common pool parallelism: " + text);
      // the host's own threads (engine pool, timer, client selector, pipes, signals) are fewer
      assertTrue(
          Integer.parseInt(m.group(2)) < PAGES,
          "threads started for " + PAGES + " responses: " + text);
    }
  }
}
