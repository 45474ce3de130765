package io.streamspider.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.InputStream;
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
import java.util.function.Predicate;

/**
 * A scripted Scrapy Streaming host: starts the built runtime jar (with the test spiders) as a
 * child process with the environment a real host gives it, and talks to it over real pipes.
 */
final class ScriptedHost implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000EOF";

  final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final List<String> all = new ArrayList<>();
  private final Thread errPump;

  /** The class path of the child: the packaged runtime jar, test classes, dependencies. */
  static List<String> classPath() {
    String jar = System.getProperty("streamspider.jar");
    assertNotNull(jar, "streamspider.jar system property (set by the failsafe configuration)");
    assertTrue(new File(jar).isFile(), "the built runtime jar exists: " + jar);
    List<String> cp = new ArrayList<>();
    cp.add(jar);
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      // the runtime's own classes come from the built jar, not from target/classes
      if (!p.isEmpty() && !Path.of(p).endsWith(Path.of("target", "classes"))) {
        cp.add(p);
      }
    }
    return cp;
  }

  static List<String> command(List<String> args, String... jvmOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classPath()));
    cmd.add("io.streamspider.runtime.StreamSpider");
    cmd.addAll(args);
    return cmd;
  }

  ScriptedHost(List<String> args, String... jvmOptions) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args, jvmOptions));
    // the real host passes an almost empty environment (docs/real-host.md "Start-up")
    pb.environment().clear();
    pb.environment().put("LC_CTYPE", "C.UTF-8");
    process = pb.start();
    stdin = process.getOutputStream();
    Thread outPump = new Thread(() -> pump(process.getInputStream()), "stdout-pump");
    outPump.setDaemon(true);
    outPump.start();
    errPump = new Thread(() -> {
      try {
        process.getErrorStream().transferTo(stderr);
      } catch (IOException ignored) {
        // process gone
      }
    }, "stderr-pump");
    errPump.setDaemon(true);
    errPump.start();
  }

  private void pump(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // process gone
    } finally {
      lines.add(EOF);
    }
  }

  void send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Sends raw bytes followed by a newline (a line that need not be valid UTF-8 or JSON). */
  void sendBytes(byte[] line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /**
   * Sends one line of {@code prefix}, {@code count} bytes {@code fill}, {@code suffix} and a
   * newline, written in blocks: a body of hundreds of MB without a String of that size here.
   */
  void sendPadded(String prefix, byte fill, long count, String suffix) throws IOException {
    stdin.write(prefix.getBytes(StandardCharsets.UTF_8));
    byte[] block = new byte[1 << 20];
    java.util.Arrays.fill(block, fill);
    for (long left = count; left > 0; left -= block.length) {
      stdin.write(block, 0, (int) Math.min(block.length, left));
    }
    stdin.write((suffix + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  void send(JsonNode message) throws IOException {
    send(JSON.writeValueAsString(message));
  }

  void ready() throws IOException {
    send("{\"type\": \"ready\", \"status\": \"ready\"}");
  }

  /** The embedded host's ready in frontier mode (docs/scale-out.md). */
  void readyFrontier() throws IOException {
    send("{\"type\": \"ready\", \"status\": \"ready\", \"frontier\": true}");
  }

  /**
   * Sends a signal ({@code TERM}, {@code INT}) with kill(1). Not Process.destroy(): it also
   * closes the child's stdin, which the spider would see as the host going away.
   */
  void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
  }

  void closeStdin() throws IOException {
    stdin.close();
  }

  /** The next line the spider wrote, parsed; fails on a line that is not a JSON object. */
  JsonNode next() throws Exception {
    String line = lines.poll(30, TimeUnit.SECONDS);
    if (line == null) {
      fail("the spider wrote nothing for 30 s; so far: " + all + "\nstderr: " + stderr());
    }
    if (line.equals(EOF)) {
      lines.add(EOF);
      fail("the spider's stdout ended; so far: " + all + "\nstderr: " + stderr());
    }
    all.add(line);
    JsonNode n = JSON.readTree(line);
    assertTrue(n.isObject(), "a JSON object per line: " + line);
    assertTrue(n.has("type"), "every message has a type: " + line);
    return n;
  }

  /** The next message that is not a log message (logs are kept in {@link #logs()}). */
  JsonNode nextNonLog() throws Exception {
    while (true) {
      JsonNode n = next();
      if (!n.get("type").asText().equals("log")) {
        return n;
      }
    }
  }

  /** Reads until a message matching {@code p}; fails at end of output. */
  JsonNode until(Predicate<JsonNode> p) throws Exception {
    while (true) {
      JsonNode n = next();
      if (p.test(n)) {
        return n;
      }
    }
  }

  /** Reads every remaining line until stdout ends. */
  List<JsonNode> rest() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    while (true) {
      String line = lines.poll(30, TimeUnit.SECONDS);
      if (line == null) {
        fail("the spider neither wrote nor ended for 30 s; so far: " + all);
      }
      if (line.equals(EOF)) {
        lines.add(EOF);
        return out;
      }
      all.add(line);
      out.add(JSON.readTree(line));
    }
  }

  List<JsonNode> logs() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : all) {
      JsonNode n = JSON.readTree(l);
      if (n.get("type").asText().equals("log")) {
        out.add(n);
      }
    }
    return out;
  }

  List<String> lines() {
    return all;
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

  int stderrBytes() {
    synchronized (stderr) {
      return stderr.size();
    }
  }

  /** A {@code response} the way the real host writes it: body before id, extra meta keys. */
  static ObjectNode response(String id, String url, String body) {
    ObjectNode r = JSON.createObjectNode();
    r.put("url", url);
    ObjectNode h = r.putObject("headers");
    h.putArray("Content-Type").add("text/html");
    h.putArray("Server").add("SimpleHTTP/0.6 Python/3.11.7");
    r.put("status", 200);
    ObjectNode meta = r.putObject("meta");
    meta.put("request_id", id);
    meta.put("download_timeout", 180.0);
    meta.put("download_slot", "127.0.0.1");
    meta.put("download_latency", 0.0021);
    r.putArray("flags");
    r.put("body", body);
    r.put("id", id);
    r.put("type", "response");
    return r;
  }

  static String script(Map<String, Object> script) throws IOException {
    return JSON.writeValueAsString(script);
  }

  static void assertType(JsonNode n, String type) {
    assertEquals(type, n.get("type").asText(), () -> "message type of " + n);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
