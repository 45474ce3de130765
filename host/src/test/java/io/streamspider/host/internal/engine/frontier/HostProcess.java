package io.streamspider.host.internal.engine.frontier;

import io.streamspider.harness.ScriptedHost;
import io.streamspider.host.HostMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded host as a real child JVM ({@code HostMain streaming}) crawling with the real
 * StreamSpider runtime and {@code TreeSpider} in a JVM of its own (or, with {@code SPIDER=python}
 * in {@code env}, the minimal frontier runtime {@code spiders/frontier_spider.py}): killed with
 * real signals by the tests.
 */
final class HostProcess {
  final Process process;
  final Path log;

  private HostProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The Python runtime script, copied into {@code dir}. */
  static Path script(Path dir) throws IOException {
    Path p = dir.resolve("frontier_spider.py");
    try (InputStream in = HostProcess.class.getResourceAsStream("/spiders/frontier_spider.py")) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  /** The options of both JVMs: quick to start, small. */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m");

  static HostProcess start(
      Path dir, String name, Path items, String startUrl, List<String> settings, List<String> env)
      throws IOException {
    List<String> cmd =
        ScriptedHost.javaCommand(
            List.of(System.getProperty("java.class.path")),
            JVM_OPTIONS,
            HostMain.class.getName(),
            List.of("streaming", "-L", "INFO", "--allow-stderr", "--drain-timeout", "20"));
    for (String s : settings) {
      cmd.add("-s");
      cmd.add(s);
    }
    for (String e : env) {
      if (!e.equals("SPIDER=python")) {
        cmd.add("--env");
        cmd.add(e);
      }
    }
    cmd.add("--");
    if (env.contains("SPIDER=python")) {
      cmd.addAll(List.of("/usr/bin/python3", script(dir).toString(), items.toString(), startUrl));
    } else {
      // the real runtime with TreeSpider (host test classes), appending its items
      cmd.addAll(
          ScriptedHost.javaCommand(
              List.of(System.getProperty("java.class.path")),
              JVM_OPTIONS,
              "io.streamspider.runtime.StreamSpider",
              List.of("frontier_test", "-a", "start_urls=" + startUrl, "-o", items.toString())));
    }
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    return new HostProcess(p, log);
  }

  /** SIGINT to the host alone (as a supervisor would send it). */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  /** SIGKILL of the whole crawl: the host and its spider. */
  void killAll() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle c : children) {
      c.onExit().join();
    }
  }

  int waitFor(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      killAll();
      throw new AssertionError("host still running after " + seconds + " s:\n" + log());
    }
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
