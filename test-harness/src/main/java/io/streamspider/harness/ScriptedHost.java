package io.streamspider.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scripted Scrapy Streaming host: starts a spider as a child process with the almost empty
 * environment a real host gives it ({@code LC_CTYPE} only), and talks to it over the child's real
 * stdin and stdout, one JSON message per line. Every line the spider writes is kept, so that a
 * failing assertion can show the whole conversation and the spider's stderr.
 */
public final class ScriptedHost implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000EOF";
  private static final int WAIT_SECONDS = 30;

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread errPump;

  /** Starts {@code command} (see {@link #javaCommand}). */
  public ScriptedHost(List<String> command) throws IOException {
    this(command, Map.of());
  }

  /**
   * Starts {@code command} with {@code env} added to the environment a real host gives (a host on
   * Scrapy Cloud, for one, also passes {@code SHUB_FIFO_PATH}).
   */
  public ScriptedHost(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("LC_CTYPE", "C.UTF-8"); // all a real host passes on
    pb.environment().putAll(env);
    process = pb.start();
    stdin = process.getOutputStream();
    Thread outPump = new Thread(this::pumpStdout, "spider-stdout");
    outPump.setDaemon(true);
    outPump.start();
    errPump =
        new Thread(
            () -> {
              try {
                // ByteArrayOutputStream's methods are synchronized on it, as stderr() reads
                process.getErrorStream().transferTo(stderr);
              } catch (IOException e) {
                // the child is gone
              }
            },
            "spider-stderr");
    errPump.setDaemon(true);
    errPump.start();
  }

  /**
   * {@code java <jvmOptions> -cp <classPath> <mainClass> <args>}, with the {@code java} of the JVM
   * running the test.
   */
  public static List<String> javaCommand(
      List<String> classPath, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classPath));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  private void pumpStdout() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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

  /** The child process (its pid, to signal it). */
  public Process process() {
    return process;
  }

  /** Sends one line. */
  public void send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  public void send(JsonNode message) throws IOException {
    send(JSON.writeValueAsString(message));
  }

  /** Sends raw bytes followed by a newline (a line that need not be valid UTF-8 or JSON). */
  public void sendBytes(byte[] line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /**
   * Sends one line of {@code prefix}, {@code count} bytes {@code fill}, {@code suffix} and a
   * newline, written in blocks: a body of hundreds of MB without a String of that size here.
   */
  public void sendPadded(String prefix, byte fill, long count, String suffix) throws IOException {
    stdin.write(prefix.getBytes(StandardCharsets.UTF_8));
    byte[] block = new byte[1 << 20];
    Arrays.fill(block, fill);
    for (long left = count; left > 0; left -= block.length) {
      stdin.write(block, 0, (int) Math.min(block.length, left));
    }
    stdin.write((suffix + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** The host's {@code ready} message. */
  public void ready() throws IOException {
    send("{\"type\": \"ready\", \"status\": \"ready\"}");
  }

  /** The embedded host's ready in frontier mode (docs/scale-out.md). */
  public void readyFrontier() throws IOException {
    send("{\"type\": \"ready\", \"status\": \"ready\", \"frontier\": true}");
  }

  /**
   * Sends a signal ({@code TERM}, {@code INT}) with kill(1). Not Process.destroy(): it also closes
   * the child's stdin, which the spider would see as the host going away.
   */
  public void signal(String name) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
  }

  /** Whether the spider process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  public void closeStdin() throws IOException {
    stdin.close();
  }

  /** The next line the spider wrote, parsed; fails on a line that is not a JSON object. */
  public JsonNode next() throws Exception {
    String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      fail(
          "the spider wrote nothing for "
              + WAIT_SECONDS
              + " s; so far: "
              + all
              + "\nstderr: "
              + stderr());
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
  public JsonNode nextNonLog() throws Exception {
    while (true) {
      JsonNode n = next();
      if (!n.get("type").asText().equals("log")) {
        return n;
      }
    }
  }

  /** The next message that is not a log message, which must be of {@code type}. */
  public JsonNode next(String type) throws Exception {
    JsonNode n = nextNonLog();
    assertEquals(type, n.path("type").asText(), () -> "message " + n + " after " + all);
    return n;
  }

  /** Reads until a message matching {@code p}; fails at end of output. */
  public JsonNode until(Predicate<JsonNode> p) throws Exception {
    while (true) {
      JsonNode n = next();
      if (p.test(n)) {
        return n;
      }
    }
  }

  /** Reads lines, logs included, until one contains {@code text}; returns that line. */
  public String lineContaining(String text) throws Exception {
    while (true) {
      String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        lines.add(EOF);
        fail("no line containing " + text + "; so far: " + all + "\nstderr: " + stderr());
      }
      all.add(line);
      if (line.contains(text)) {
        return line;
      }
    }
  }

  /** Reads every remaining line until stdout ends. */
  public List<JsonNode> rest() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    while (true) {
      String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (line == null) {
        fail("the spider neither wrote nor ended for " + WAIT_SECONDS + " s; so far: " + all);
      }
      if (line.equals(EOF)) {
        lines.add(EOF);
        return out;
      }
      all.add(line);
      out.add(JSON.readTree(line));
    }
  }

  /** The log messages read so far. */
  public List<JsonNode> logs() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : all) {
      JsonNode n = JSON.readTree(l);
      if (n.path("type").asText().equals("log")) {
        out.add(n);
      }
    }
    return out;
  }

  /** Every line read so far, logs included, exactly as the spider wrote it. */
  public List<String> lines() {
    return all;
  }

  /** The exit code; fails when the spider does not exit within 30 s. */
  public int exit() throws Exception {
    assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the spider exits");
    errPump.join(5000);
    return process.exitValue();
  }

  public String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  public int stderrBytes() {
    synchronized (stderr) {
      return stderr.size();
    }
  }

  /**
   * A {@code response} the way the real host writes it: body before id, the meta keys Scrapy adds
   * (request_id, download_timeout, download_slot, download_latency), a Server header.
   */
  public static ObjectNode response(String id, String url, String body) {
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

  /** A {@code response_selector} with {@code selector} (field → values). */
  public static ObjectNode responseSelector(String id, String url, ObjectNode selector) {
    ObjectNode r = response(id, url, "<html></html>");
    r.put("type", "response_selector");
    r.set("selector", selector);
    return r;
  }

  public static void assertType(JsonNode n, String type) {
    assertEquals(type, n.get("type").asText(), () -> "message type of " + n);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
