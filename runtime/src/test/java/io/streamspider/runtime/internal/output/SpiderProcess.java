package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The built runtime jar with the test spiders, started as a real process the way a host starts it
 * (almost empty environment), driven over real pipes by the test acting as the host.
 */
final class SpiderProcess implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000EOF";

  final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  final List<String> seen = new ArrayList<>();

  SpiderProcess(List<String> args, Map<String, String> env) throws IOException {
    String jar = System.getProperty("streamspider.jar");
    assertNotNull(jar, "streamspider.jar system property (set by the failsafe configuration)");
    List<String> cp = new ArrayList<>();
    cp.add(jar);
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!p.isEmpty() && !Path.of(p).endsWith(Path.of("target", "classes"))) {
        cp.add(p);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, cp));
    cmd.add("io.streamspider.runtime.StreamSpider");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("LC_CTYPE", "C.UTF-8");
    pb.environment().putAll(env);
    process = pb.start();
    stdin = process.getOutputStream();
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  lines.add(l);
                }
              } catch (IOException ignored) {
                // the process is gone
              } finally {
                lines.add(EOF);
              }
            },
            "spider-stdout");
    out.setDaemon(true);
    out.start();
    Thread err =
        new Thread(
            () -> {
              try {
                byte[] b = new byte[4096];
                int n;
                while ((n = process.getErrorStream().read(b)) >= 0) {
                  synchronized (stderr) {
                    stderr.write(b, 0, n);
                  }
                }
              } catch (IOException ignored) {
                // the process is gone
              }
            },
            "spider-stderr");
    err.setDaemon(true);
    err.start();
  }

  void send(JsonNode message) throws IOException {
    stdin.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  void ready() throws IOException {
    send(JSON.createObjectNode().put("type", "ready").put("status", "ready"));
  }

  /** The next message of this type the spider wrote (log lines are skipped). */
  JsonNode next(String type) throws Exception {
    while (true) {
      String l = lines.poll(60, TimeUnit.SECONDS);
      if (l == null || l.equals(EOF)) {
        lines.add(EOF);
        fail("no " + type + " message from the spider; so far: " + seen + "\nstderr: " + stderr());
      }
      seen.add(l);
      JsonNode n = JSON.readTree(l);
      String t = n.path("type").asText();
      if (t.equals(type)) {
        return n;
      }
      if (!t.equals("log")) {
        fail("expected " + type + " but the spider wrote " + l + "\nstderr: " + stderr());
      }
    }
  }

  /** A response as the reference host writes it; the body is the test spider's script. */
  static ObjectNode response(String id, String url, Object script) throws IOException {
    ObjectNode r = JSON.createObjectNode();
    r.put("url", url);
    r.putObject("headers").putArray("Content-Type").add("text/html");
    r.put("status", 200);
    ObjectNode meta = r.putObject("meta");
    meta.put("download_timeout", 180.0);
    meta.put("download_slot", "127.0.0.1");
    meta.put("download_latency", 0.0030236244201660156);
    meta.put("request_id", id);
    r.putArray("flags");
    r.put("body", JSON.writeValueAsString(script));
    r.put("id", id);
    r.put("type", "response");
    return r;
  }

  /** Sends SIGKILL and waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
  }

  /**
   * Sends SIGTERM (how Scrapy Cloud stops a job) with kill(1) and returns the exit status. Not
   * Process.destroy(): it also closes the child's stdin, which the spider would see as the host
   * going away.
   */
  int terminate() throws InterruptedException, IOException {
    Process kill =
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
    assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -TERM");
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the spider exits after SIGTERM");
    return process.exitValue();
  }

  int exit() throws InterruptedException {
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the spider exits");
    return process.exitValue();
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
