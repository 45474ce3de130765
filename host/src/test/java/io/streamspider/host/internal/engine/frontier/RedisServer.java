package io.streamspider.host.internal.engine.frontier;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian {@code redis-server} on a free 127.0.0.1 port with its own directory, appending
 * every write to its AOF with fsync, so that a restart keeps what was written. Tests fail (not
 * skip) when redis-server is not installed: {@code .ci/run} installs it.
 */
final class RedisServer implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  RedisServer(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      this.port = s.getLocalPort();
    }
    start();
  }

  String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  int port() {
    return port;
  }

  void start() throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/redis-server");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "redis-server is not installed (apt-get install redis-server; .ci/run does it)");
    }
    process =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--dir",
                    dir.toString(),
                    "--save",
                    "",
                    "--appendonly",
                    "yes",
                    "--appendfsync",
                    "always",
                    "--protected-mode",
                    "no",
                    "--daemonize",
                    "no",
                    "--logfile",
                    dir.resolve("redis.log").toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "redis-server exited: " + Files.readString(dir.resolve("redis.out")));
        }
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("redis-server did not listen on " + port + " in 10 s");
  }

  /** Stops the server the hard way (SIGKILL): what it had not written is gone, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
