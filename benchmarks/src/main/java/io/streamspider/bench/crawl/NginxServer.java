package io.streamspider.bench.crawl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a child process with its own configuration, pid file, logs and port; one
 * worker, static files, keep-alive. Stopped (and waited for) on close.
 */
final class NginxServer implements SiteServer {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private Process process;
  private Path dir;
  private String version = "nginx";

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  @Override
  public String start(Path root, Path workDir) throws IOException, InterruptedException {
    dir = Files.createDirectories(workDir.resolve("nginx"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String user = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
    String conf =
        user
            + "worker_processes 1;\n"
            + "daemon off;\n"
            + "pid "
            + dir.resolve("nginx.pid")
            + ";\n"
            + "error_log "
            + dir.resolve("error.log")
            + " warn;\n"
            + "events { worker_connections 1024; }\n"
            + "http {\n"
            + "  types { text/html html; }\n"
            + "  default_type application/octet-stream;\n"
            + "  log_format bench '$uri $status';\n"
            + "  access_log "
            + dir.resolve("access.log")
            + " bench buffer=64k flush=1s;\n"
            + "  client_body_temp_path "
            + dir.resolve("body")
            + ";\n"
            + "  proxy_temp_path "
            + dir.resolve("proxy")
            + ";\n"
            + "  fastcgi_temp_path "
            + dir.resolve("fastcgi")
            + ";\n"
            + "  uwsgi_temp_path "
            + dir.resolve("uwsgi")
            + ";\n"
            + "  scgi_temp_path "
            + dir.resolve("scgi")
            + ";\n"
            + "  sendfile on;\n"
            + "  keepalive_timeout 65;\n"
            + "  keepalive_requests 1000000;\n"
            + "  server {\n"
            + "    listen 127.0.0.1:"
            + port
            + ";\n"
            + "    root "
            + root.toAbsolutePath()
            + ";\n"
            + "  }\n"
            + "}\n";
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf, StandardCharsets.UTF_8);
    Process v = new ProcessBuilder(BINARY.toString(), "-v").redirectErrorStream(true).start();
    version =
        new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .strip()
            .replace("nginx version: ", "");
    v.waitFor();
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "-p",
                dir.toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-c",
                confFile.toString())
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .redirectError(dir.resolve("stderr.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "nginx exited with "
                + process.exitValue()
                + ": "
                + Files.readString(dir.resolve("stderr.log"))
                + Files.readString(dir.resolve("error.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return "http://127.0.0.1:" + port;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nginx did not listen on port " + port + " within 10 s");
  }

  @Override
  public Map<String, Integer> hits() throws IOException {
    Map<String, Integer> hits = new HashMap<>();
    Path log = dir.resolve("access.log");
    if (!Files.exists(log)) {
      return hits;
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && parts[1].startsWith("2")) {
        hits.merge(parts[0], 1, Integer::sum);
      }
    }
    return hits;
  }

  @Override
  public String describe() {
    return "nginx " + version + " (1 worker process) on 127.0.0.1";
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      // SIGTERM: nginx flushes its buffered access log and exits
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
