package io.streamspider.host.internal.tools;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamspider.runtime.internal.PythonJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON on one line, ASCII only (so any terminal or pipe encoding carries it), and stdin. The JSON
 * is {@code json.dumps(value, ensure_ascii=True, separators=(',', ':'))} by {@link PythonJson},
 * byte for byte what Scrapy Cloud's {@code ITM} lines hold for the same value.
 */
public final class ToolOutput {
  private static final JsonMapper JSON =
      JsonMapper.builder(PythonJson.ensureAscii(new JsonFactoryBuilder()).build()).build();

  private ToolOutput() {}

  public static void json(PrintStream out, Object value) {
    try {
      out.print(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.print('\n');
    out.flush();
  }

  public static void error(PrintStream out, String message) {
    json(out, Map.of("error", message));
  }

  /** All of stdin as UTF-8 (bytes that are not UTF-8 become U+FFFD, as in a browser). */
  public static String readUtf8(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
