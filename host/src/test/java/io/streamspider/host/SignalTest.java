package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.testing.HostRun;
import io.streamspider.host.testing.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals to a real host process: SIGINT drains in-flight requests, then stops; SIGTERM is also
 * passed on to the spider; a second signal stops at once.
 */
class SignalTest {
  private static TestSite site;

  @BeforeAll
  static void startSite() throws Exception {
    site = new TestSite();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static Process startHost(HostRun.Spider spider, Path log) throws Exception {
    List<String> cmd =
        ScriptedHost.javaCommand(
            List.of(System.getProperty("java.class.path")),
            List.of(),
            HostMain.class.getName(),
            List.of("streaming", "--drain-timeout", "10", "--"));
    cmd.addAll(spider.command());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitRequests(int count, Process host, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (site.requestCount() < count) {
      assertTrue(host.isAlive(), () -> "the host ended early: " + read(log));
      assertTrue(System.nanoTime() < deadline, () -> "no request reached the site: " + read(log));
      Thread.sleep(20);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static void signal(Process p, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
  }

  @Test
  void firstSignalLetsInFlightRequestsFinishThenStops(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            site,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"sig\", \"start_urls\":"
                + " [\"${BASE}/p2.html\"]}\n"
                + "recv 1\n" // the host is up and answering: the timing below is the spider's alone
                + "send {\"type\": \"request\", \"id\": \"slow\", \"url\":"
                + " \"${BASE}/slow?ms=2500\"}\n"
                + "sleep 1.5\n"
                + "send {\"type\": \"request\", \"id\": \"late\", \"url\": \"${BASE}/p1.html\"}\n"
                + "recv 1\n"
                + "sleep 30\n",
            dir);
    Path log = dir.resolve("host.log");
    int before = site.requestCount();
    Process host = startHost(spider, log);
    awaitRequests(before + 2, host, log);
    signal(host, "INT");
    assertTrue(host.waitFor(30, TimeUnit.SECONDS), read(log));
    String text = read(log);
    assertEquals(130, host.exitValue(), text);
    assertTrue(
        text.contains("Received SIGINT, shutting down gracefully. Send again to force"), text);
    assertFalse(text.contains("Passing SIGTERM on"), text);
    assertTrue(text.contains("Not fetching late"), text);
    assertTrue(text.contains("Spider closed (shutdown)"), text);
    // it read its answers, then lingered: SIGTERM
    assertTrue(text.contains("sending it SIGTERM"), text);
    assertTrue(text.contains("spider exit code 143"), text);
    List<String> received = spider.received();
    assertEquals(3, received.size(), received.toString());
    assertTrue(
        received.get(2).contains("\"id\": \"slow\"") && received.get(2).contains("slept 2500"),
        received.toString());
    assertEquals(before + 2, site.requestCount(), "nothing fetched after the signal");
  }

  @Test
  void sigtermIsPassedOnToTheSpider(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            site,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"sig\", \"start_urls\": []}\n"
                + "send {\"type\": \"request\", \"id\": \"slow\", \"url\":"
                + " \"${BASE}/slow?ms=20000\"}\n"
                + "recv 1\n"
                + "sleep 60\n",
            dir);
    Path log = dir.resolve("host.log");
    int before = site.requestCount();
    Process host = startHost(spider, log);
    awaitRequests(before + 1, host, log);
    long started = System.nanoTime();
    signal(host, "TERM");
    assertTrue(host.waitFor(15, TimeUnit.SECONDS), read(log));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String text = read(log);
    assertEquals(143, host.exitValue(), text);
    assertTrue(
        text.contains("Received SIGTERM, shutting down gracefully. Send again to force"), text);
    assertTrue(text.contains("Passing SIGTERM on to the spider (pid "), text);
    // the Python spider dies of it (no handler): the host does not wait for its 20 s download
    assertTrue(text.contains("spider exit code 143"), text);
    assertTrue(text.contains("Spider closed (shutdown)"), text);
    assertFalse(text.contains("without sending close"), text);
    assertTrue(millis < 15_000, "stopped with the spider, not after the 20 s download: " + millis);
  }

  @Test
  void secondSignalStopsAtOnce(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            site,
            "recv 1\n"
                + "send {\"type\": \"spider\", \"name\": \"sig\", \"start_urls\": []}\n"
                + "send {\"type\": \"request\", \"id\": \"slow\", \"url\":"
                + " \"${BASE}/slow?ms=20000\"}\n"
                + "recv 1\n"
                + "sleep 60\n",
            dir);
    Path log = dir.resolve("host.log");
    int before = site.requestCount();
    Process host = startHost(spider, log);
    awaitRequests(before + 1, host, log);
    long started = System.nanoTime();
    signal(host, "INT");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!read(log).contains("shutting down gracefully") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    signal(host, "INT");
    assertTrue(host.waitFor(10, TimeUnit.SECONDS), read(log));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String text = read(log);
    assertEquals(130, host.exitValue(), text);
    assertTrue(text.contains("Received SIGINT twice, forcing unclean shutdown"), text);
    assertTrue(millis < 10_000, "stopped at once, not after the 20 s download: " + millis);
    assertEquals(1, spider.received().size(), "no answer after a forced stop");
    assertFalse(text.contains("slept 20000"), text);
  }
}
