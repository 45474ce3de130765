package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished child process: its exit status and what it wrote, kept in files for reading. */
record ChildProcess(int exitCode, String stdout, String stderr, List<String> command) {

  static final Path JAR =
      Path.of(System.getProperty("example.jar", "target/example-spider.jar")).toAbsolutePath();
  static final Path REPO =
      Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  /** Runs {@code command} in {@code dir} and waits for it; a hang fails the test. */
  static ChildProcess run(
      Path dir, Map<String, String> env, long timeoutSeconds, List<String> command)
      throws IOException, InterruptedException {
    return run(dir, dir, env, timeoutSeconds, command);
  }

  /** Runs {@code command} in {@code cwd}, keeping its output in files under {@code dir}. */
  static ChildProcess run(
      Path cwd, Path dir, Map<String, String> env, long timeoutSeconds, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      fail(
          "still running after "
              + timeoutSeconds
              + " s: "
              + command
              + "\n--- stdout:\n"
              + Files.readString(out, StandardCharsets.UTF_8)
              + "\n--- stderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new ChildProcess(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        command);
  }

  /** Both streams, for assertion messages. */
  String output() {
    return "command: "
        + command
        + "\nexit: "
        + exitCode
        + "\n--- stdout:\n"
        + stdout
        + "\n--- stderr:\n"
        + stderr;
  }
}
