package io.streamspider.host.internal.tools;

import io.streamspider.harness.ScriptedHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@link ToolsMain} as a real child JVM over real pipes. */
final class ToolProcess {
  final int exit;
  final String out;
  final String err;

  private ToolProcess(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static ToolProcess run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command =
        ScriptedHost.javaCommand(
            List.of(System.getProperty("java.class.path")),
            List.of(),
            ToolsMain.class.getName(),
            List.of(args));
    Process p = new ProcessBuilder(command).start();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tool process did not exit: " + command);
    }
    return new ToolProcess(
        p.exitValue(),
        new String(out.join(), StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
