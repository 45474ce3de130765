package io.streamspider.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.StreamingHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a real host with a real scripted spider process (Python, or Java by hand) and collects what
 * the spider received, the host's log and its exit code.
 */
public final class HostRun {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WATCHDOG_MILLIS = 60_000;
  private static String python;

  /** What one run left behind. */
  public record Result(int exit, List<String> received, String log, long millis) {
    /** The received lines as JSON. */
    public List<JsonNode> messages() {
      List<JsonNode> out = new ArrayList<>();
      for (String line : received) {
        try {
          out.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException("not JSON: " + line, e);
        }
      }
      return out;
    }

    public JsonNode message(int i) {
      return messages().get(i);
    }
  }

  private HostRun() {}

  /** A spider ready to start: its full command line and where it writes what it receives. */
  public record Spider(List<String> command, Path transcript) {
    public List<String> received() throws IOException {
      return Files.readAllLines(transcript, StandardCharsets.UTF_8);
    }
  }

  /** The Python spider following {@code script} ({@code ${BASE}} replaced by the site's URL). */
  public static Spider pythonSpider(TestSite site, String script) throws Exception {
    return pythonSpider(site, script, Files.createTempDirectory("host-run"));
  }

  /**
   * The same, with its files in {@code dir}: a test that runs the spider itself passes its own
   * {@code @TempDir}, which JUnit deletes afterwards.
   */
  public static Spider pythonSpider(TestSite site, String script, Path dir) throws Exception {
    Path spider = dir.resolve("scripted_spider.py");
    try (var in = HostRun.class.getResourceAsStream("/spiders/scripted_spider.py")) {
      Files.write(spider, in.readAllBytes());
    }
    return prepare(List.of(python(), spider.toString()), dir, site, script);
  }

  private static Spider prepare(List<String> command, Path dir, TestSite site, String script)
      throws IOException {
    Path scriptFile = dir.resolve("script.txt");
    Path transcript = dir.resolve("transcript.txt");
    Files.writeString(scriptFile, site == null ? script : script.replace("${BASE}", site.base()));
    Files.writeString(transcript, "");
    List<String> full = new ArrayList<>(command);
    full.add(scriptFile.toString());
    full.add(transcript.toString());
    return new Spider(full, transcript);
  }

  /** Runs {@code script} ({@code ${BASE}} replaced by the site's URL) with the Python spider. */
  public static Result python(TestSite site, String script, Consumer<StreamingHost.Builder> options)
      throws Exception {
    return run(pythonSpider(site, script), options);
  }

  /** Runs {@code script} with {@link ScriptedJavaSpider} in its own JVM. */
  public static Result java(TestSite site, String script, Consumer<StreamingHost.Builder> options)
      throws Exception {
    Path dir = Files.createTempDirectory("host-run");
    return run(prepare(javaCommand(ScriptedJavaSpider.class), dir, site, script), options);
  }

  /** {@code java -cp <test classes> <main>}. */
  public static List<String> javaCommand(Class<?> main) throws URISyntaxException {
    String classes =
        Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    return List.copyOf(
        ScriptedHost.javaCommand(
            List.of(classes),
            List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"),
            main.getName(),
            List.of()));
  }

  private static Result run(Spider spider, Consumer<StreamingHost.Builder> options)
      throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    StreamingHost.Builder b =
        StreamingHost.builder(spider.command())
            .logTo(new PrintStream(log, true, StandardCharsets.UTF_8))
            .exitGrace(Duration.ofMillis(700))
            .drainTimeout(Duration.ofSeconds(5));
    options.accept(b);
    StreamingHost host = b.build();
    // a test that waits for an answer that never comes fails instead of hanging the build
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(WATCHDOG_MILLIS);
                host.interrupt("the test watchdog", 99);
                host.interrupt("the test watchdog", 99);
              } catch (InterruptedException e) {
                // the run ended in time
              }
            },
            "host-run-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    long started = System.nanoTime();
    int exit;
    try {
      exit = host.run();
    } finally {
      watchdog.interrupt();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<String> received = spider.received();
    deleteRunDirectory(spider);
    return new Result(exit, received, log.toString(StandardCharsets.UTF_8), millis);
  }

  /** The run's temporary directory (script, transcript, spider copy), once the run is read. */
  public static void deleteRunDirectory(Spider spider) throws IOException {
    Path dir = spider.transcript().getParent();
    if (dir == null || !dir.getFileName().toString().startsWith("host-run")) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The interpreter behind {@code python3} on PATH (asked once: pyenv's shim is slow to start). */
  public static synchronized String python() throws IOException, InterruptedException {
    if (python == null) {
      Process p =
          new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException("python3 on PATH does not run: " + out);
      }
      python = out;
    }
    return python;
  }
}
