package io.streamspider.host.internal.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.host.internal.ResponseText;
import io.streamspider.host.internal.engine.DownloadResult;
import io.streamspider.runtime.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * {@code shell URL}: a JShell session with {@code response} bound to the downloaded page and the
 * spider jar on the class path, as Scrapy's {@code shell}. The snippets run in this JVM's class
 * path ({@code --execution local}), so the spider's classes and the runtime are at hand.
 */
public final class ShellSession {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShellSession() {}

  /**
   * The response saved for a session (called by the session's start-up snippet).
   *
   * @param file what {@link #save} wrote
   */
  @SuppressWarnings("unchecked")
  public static Response load(String file) {
    try {
      JsonNode o = JSON.readTree(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      Map<String, List<String>> headers = new LinkedHashMap<>();
      o.get("headers")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                headers.put(e.getKey(), values);
              });
      byte[] body = Base64.getDecoder().decode(o.get("body").asText());
      String text = ResponseText.decode(headers, body).text();
      return new Response(
          "shell",
          null,
          o.get("url").asText(),
          o.get("status").asInt(),
          headers,
          text,
          body,
          JSON.convertValue(o.get("meta"), Map.class),
          List.of(),
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path save(DownloadResult page) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("url", page.url());
    o.put("status", page.status());
    o.set("headers", JSON.valueToTree(page.headers()));
    o.put("body", Base64.getEncoder().encodeToString(page.body()));
    o.set("meta", JSON.valueToTree(page.meta()));
    Path file = Files.createTempFile("streamspider-shell", ".json");
    file.toFile().deleteOnExit();
    Files.writeString(file, JSON.writeValueAsString(o), StandardCharsets.UTF_8);
    return file;
  }

  /** Runs the JShell tool until the user leaves it; returns its exit code. */
  static int run(DownloadResult page, InputStream in, PrintStream out, PrintStream err)
      throws Exception {
    Path saved = save(page);
    Path startup = Files.createTempFile("streamspider-shell", ".jsh");
    startup.toFile().deleteOnExit();
    Files.writeString(
        startup,
        "import io.streamspider.runtime.*;\n"
            + "var response = io.streamspider.host.internal.dev.ShellSession.load("
            + JSON.writeValueAsString(saved.toString())
            + ");\n"
            + "System.out.println(\"response: \" + response.status() + \" \" + response.url()"
            + " + \" (\" + response.body().length + \" bytes)\");\n",
        StandardCharsets.UTF_8);
    out.println(
        "[streamspider] "
            + page.status()
            + " "
            + page.url()
            + ": 'response' is bound (response.text(), response.headers(), response.meta()); /exit"
            + " to leave");
    return JavaShellToolBuilder.builder()
        .in(in, null)
        .out(out)
        .err(err)
        .start(
            "--execution",
            "local",
            "--class-path",
            System.getProperty("java.class.path"),
            "--startup",
            "DEFAULT",
            "--startup",
            startup.toString());
  }
}
