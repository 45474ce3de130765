package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import io.streamspider.runtime.it.RuntimeJar;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The built runtime jar with the test spiders, started as a real process the way a host starts it
 * (almost empty environment, plus {@code env}), driven over real pipes by the test acting as the
 * host: the shared {@link ScriptedHost}, with the few words the output tests use.
 */
final class SpiderProcess implements AutoCloseable {
  static final ObjectMapper JSON = ScriptedHost.JSON;

  private final ScriptedHost host;

  /** Every line the spider wrote so far, logs included. */
  final List<String> seen;

  SpiderProcess(List<String> args, Map<String, String> env) throws IOException {
    host = new ScriptedHost(RuntimeJar.command(args), env);
    seen = host.lines();
  }

  void send(JsonNode message) throws IOException {
    host.send(message);
  }

  void ready() throws IOException {
    host.ready();
  }

  /** The next message the spider wrote that is not a log; it must be of this type. */
  JsonNode next(String type) throws Exception {
    return host.next(type);
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
  void kill() throws Exception {
    host.close();
    host.exit();
  }

  /** Sends SIGTERM (how Scrapy Cloud stops a job) and returns the exit status. */
  int terminate() throws Exception {
    host.signal("TERM");
    return host.exit();
  }

  int exit() throws Exception {
    return host.exit();
  }

  String stderr() {
    return host.stderr();
  }

  @Override
  public void close() {
    host.close();
  }
}
