package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Scrapy Streaming host: runs a compiled spider as a child JVM
 * ({@code java -cp ... io.streamspider.runtime.StreamSpider}) with the almost empty environment
 * a real host gives it, and talks to it over the child's real stdin and stdout.
 */
final class ScriptedHost implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread errPump;
  private final List<String> seen = new ArrayList<>();

  ScriptedHost(List<Path> classPath, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", RealJavac.join(classPath)));
    cmd.add("io.streamspider.runtime.StreamSpider");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().put("LC_CTYPE", "C.UTF-8"); // all a real host passes on
    process = pb.start();
    stdin = process.getOutputStream();
    Thread outPump = new Thread(this::pumpStdout, "spider-stdout");
    outPump.setDaemon(true);
    outPump.start();
    errPump =
        new Thread(
            () -> {
              try {
                process.getErrorStream().transferTo(stderrSink());
              } catch (IOException e) {
                // the child is gone
              }
            },
            "spider-stderr");
    errPump.setDaemon(true);
    errPump.start();
  }

  private OutputStream stderrSink() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (stderr) {
          stderr.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (stderr) {
          stderr.write(b, off, len);
        }
      }
    };
  }

  private void pumpStdout() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the child is gone
    } finally {
      lines.add(EOF);
    }
  }

  void send(JsonNode message) throws IOException {
    send(JSON.writeValueAsString(message));
  }

  void send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  void ready() throws IOException {
    send("{\"type\": \"ready\", \"status\": \"ready\"}");
  }

  /** The next message that is not a {@code log}, exactly as the spider wrote it. */
  JsonNode next() throws Exception {
    while (true) {
      String line = lines.poll(30, TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        lines.add(EOF);
        fail((line == null ? "no message for 30 s" : "the spider's stdout ended")
            + "; so far: " + seen + "\nstderr: " + stderr());
      }
      seen.add(line);
      JsonNode n = JSON.readTree(line);
      if (!n.path("type").asText().equals("log")) {
        return n;
      }
    }
  }

  /** The next message, which must be of {@code type}. */
  JsonNode next(String type) throws Exception {
    JsonNode n = next();
    assertEquals(type, n.path("type").asText(), () -> "message " + n + " after " + seen);
    return n;
  }

  /** Reads lines, logs included, until one contains {@code text}; returns that line. */
  String lineContaining(String text) throws Exception {
    while (true) {
      String line = lines.poll(30, TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        lines.add(EOF);
        fail("no line containing " + text + "; so far: " + seen + "\nstderr: " + stderr());
      }
      seen.add(line);
      if (line.contains(text)) {
        return line;
      }
    }
  }

  /** Every line the spider wrote so far, logs included. */
  List<String> seen() {
    return seen;
  }

  int exit() throws Exception {
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the spider exits");
    errPump.join(5000);
    return process.exitValue();
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** A {@code response} as the real host writes it (field order, meta keys). */
  static ObjectNode response(String id, String url, String body) {
    ObjectNode r = JSON.createObjectNode();
    r.put("url", url);
    r.putObject("headers").putArray("Content-Type").add("text/html");
    r.put("status", 200);
    ObjectNode meta = r.putObject("meta");
    meta.put("request_id", id);
    meta.put("download_timeout", 180.0);
    meta.put("download_latency", 0.002);
    r.putArray("flags");
    r.put("body", body);
    r.put("id", id);
    r.put("type", "response");
    return r;
  }

  /** A {@code response_selector} with {@code selector} (field → values). */
  static ObjectNode responseSelector(String id, String url, ObjectNode selector) {
    ObjectNode r = response(id, url, "<html></html>");
    r.put("type", "response_selector");
    r.set("selector", selector);
    return r;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
