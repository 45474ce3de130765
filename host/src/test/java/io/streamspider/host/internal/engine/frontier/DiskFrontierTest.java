package io.streamspider.host.internal.engine.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JOBDIR's frontier: what a stop, a SIGKILL and a bad directory leave. */
@Timeout(60)
class DiskFrontierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  final List<String> warnings = new CopyOnWriteArrayList<>();

  static FrontierEntry entry(String url, int priority) {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "request");
    message.put("id", "page");
    message.put("url", url);
    return FrontierEntry.of("fp:" + url, priority, false, message);
  }

  static List<String> urls(List<FrontierEntry> entries) {
    return entries.stream().map(e -> e.message().get("url").asText()).toList();
  }

  @Test
  void resumingGivesBackWhatWasNotAcknowledgedAndRemembersWhatWasSeen() {
    Path job = tmp.resolve("job");
    DiskFrontier first = DiskFrontier.open(job, "shop", warnings::add);
    first.push(entry("http://h/a", 0));
    first.push(entry("http://h/b", 2));
    first.push(entry("http://h/c", 0));
    List<FrontierEntry> taken = first.take(2);
    assertEquals(List.of("http://h/b", "http://h/a"), urls(taken));
    first.ack(taken.get(0));
    // no close(): the process is gone; b acknowledged, a leased (in flight), c queued
    DiskFrontier second = DiskFrontier.open(job, "shop", warnings::add);
    assertEquals(2, second.resumed());
    assertEquals(List.of("http://h/a", "http://h/c"), urls(second.take(10)));
    assertFalse(second.push(entry("http://h/b", 0)), "b was seen before the stop");
    assertFalse(second.push(entry("http://h/a", 0)));
    assertTrue(second.push(entry("http://h/d", 0)));
    assertEquals(List.of(), warnings);
    second.close();
    first.close();
  }

  @Test
  void aLineCutByAKillIsDroppedWithAWarning() throws Exception {
    Path job = tmp.resolve("job");
    DiskFrontier f = DiskFrontier.open(job, "shop", warnings::add);
    f.push(entry("http://h/a", 0));
    f.close();
    Files.writeString(
        job.resolve("requests.journal"), "+{\"uid\":\"x\",\"fp\":", StandardOpenOption.APPEND);
    DiskFrontier again = DiskFrontier.open(job, "shop", warnings::add);
    assertEquals(List.of("http://h/a"), urls(again.take(5)));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("requests.journal: dropped its last line, cut short"));
    again.close();
  }

  @Test
  void aJobDirOfAnotherSpiderOrThatIsNoDirectoryIsAClearError() throws Exception {
    Path job = tmp.resolve("job");
    DiskFrontier.open(job, "shop", warnings::add).close();
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class, () -> DiskFrontier.open(job, "books", warnings::add));
    assertEquals(
        "JOBDIR "
            + job
            + " belongs to spider 'shop', not 'books': give each spider (and each"
            + " crawl) its own JOBDIR",
        other.getMessage());
    Path file = Files.writeString(tmp.resolve("file"), "x");
    IllegalArgumentException notDir =
        assertThrows(
            IllegalArgumentException.class, () -> DiskFrontier.open(file, "shop", warnings::add));
    assertEquals("JOBDIR " + file + " exists and is not a directory", notDir.getMessage());
    IllegalArgumentException under =
        assertThrows(
            IllegalArgumentException.class,
            () -> DiskFrontier.open(file.resolve("sub"), "shop", warnings::add));
    assertTrue(
        under.getMessage().startsWith("JOBDIR " + file.resolve("sub") + " cannot be used: "),
        under.getMessage());
    Files.writeString(job.resolve("requests.journal"), "garbage\n", StandardOpenOption.APPEND);
    IllegalArgumentException garbage =
        assertThrows(
            IllegalArgumentException.class, () -> DiskFrontier.open(job, "shop", warnings::add));
    assertEquals(
        "JOBDIR "
            + job
            + ": line 1 of requests.journal is neither an added (+) nor an"
            + " acknowledged (-) request",
        garbage.getMessage());
  }

  /**
   * A child JVM takes and acknowledges requests as fast as it can, adding two new ones for each,
   * printing each acknowledgement after it returned; it is SIGKILLed mid-stream, several times.
   * After each kill, every request that was added and not acknowledged comes back, and no
   * acknowledged one does.
   */
  @Test
  void sigkillMidCrawlLosesNothingAndRepeatsOnlyWhatWasInFlight() throws Exception {
    Path job = tmp.resolve("job");
    Set<String> acked = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      Process p =
          new ProcessBuilder(
                  ScriptedHost.javaCommand(
                      List.of(System.getProperty("java.class.path")),
                      List.of(),
                      JobDirWorker.class.getName(),
                      List.of(job.toString())))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      List<String> printed = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          printed.add(line);
          if (printed.size() == 400 + round * 137) {
            p.destroyForcibly();
            break;
          }
        }
      }
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      for (String line : printed) {
        assertTrue(line.startsWith("acked "), line);
        assertTrue(acked.add(line.substring(6)), "acknowledged twice: " + line);
      }
      DiskFrontier check = DiskFrontier.open(job, "worker", warnings::add);
      List<FrontierEntry> pending = check.take(Integer.MAX_VALUE);
      check.close();
      for (FrontierEntry e : pending) {
        assertFalse(acked.contains(e.message().get("url").asText()), "acked came back: " + e);
      }
      assertFalse(pending.isEmpty());
    }
    assertTrue(acked.size() >= 1200, "acknowledged: " + acked.size());
  }

  /** The child of the SIGKILL test. */
  public static final class JobDirWorker {
    public static void main(String[] args) {
      DiskFrontier f = DiskFrontier.open(Path.of(args[0]), "worker", w -> {});
      if (f.resumed() == 0) {
        f.push(entry("http://h/0", 0));
      }
      while (true) {
        List<FrontierEntry> batch = f.take(4);
        if (batch.isEmpty()) {
          return;
        }
        for (FrontierEntry e : batch) {
          String url = e.message().get("url").asText();
          f.push(entry(url + "/0", 0));
          f.push(entry(url + "/1", 0));
          f.ack(e);
          System.out.println("acked " + url);
          System.out.flush();
        }
      }
    }
  }
}
