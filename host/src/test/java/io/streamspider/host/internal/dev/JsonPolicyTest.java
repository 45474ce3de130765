package io.streamspider.host.internal.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.internal.Json;
import io.streamspider.host.internal.tools.SelectCommand;
import io.streamspider.host.internal.tools.ToolOutput;
import io.streamspider.runtime.internal.output.ItemJson;
import io.streamspider.runtime.internal.output.WireLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one JSON policy (PythonJson): every Python-style writer of the jar writes what the real
 * Python json and Scrapy write for the same values (non-ASCII, control characters, floats, nested
 * values), and the dev commands agree with the feeds: {@code select}/{@code form} print what Scrapy
 * Cloud's {@code ITM} line holds, {@code parse} prints the JSON Lines feed's line. Expected values:
 * host/src/test/python/json_policy.py (real json, Scrapy and parsel).
 */
class JsonPolicyTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static JsonNode expected() throws IOException {
    try (InputStream in = JsonPolicyTest.class.getResourceAsStream("/json-policy/expected.json")) {
      return PLAIN.readTree(in);
    }
  }

  /** The items as a spider would hold them: ordered maps, lists, strings, numbers. */
  private static List<Map<String, Object>> items() throws IOException {
    try (InputStream in = JsonPolicyTest.class.getResourceAsStream("/json-policy/items.json")) {
      return PLAIN.readValue(in, new TypeReference<List<Map<String, Object>>>() {});
    }
  }

  private static String cloud(WireLine line, Object item) {
    assertNull(line.item(item), "refused");
    String text = new String(line.buffer(), 0, line.length(), StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("ITM ") && text.endsWith("\n"), text);
    return text.substring(4, text.length() - 1);
  }

  private static String tool(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ToolOutput.json(new PrintStream(bytes, true, StandardCharsets.UTF_8), value);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, text);
    return text.substring(0, text.length() - 1);
  }

  /** As the host lays out its lines to a spider (Outbound). */
  private static String host(Object value) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.pythonStyle(Json.MAPPER.getFactory().createGenerator(w))) {
      Json.MAPPER.writeValue(g, value);
    }
    return w.toString();
  }

  /**
   * Byte for byte; where the item holds a float outside [1e-3, 1e7), Java spells it differently
   * (1.0E20 for 1e+20, docs/output.md), so there the two must hold the same values.
   */
  private static void assertPython(JsonNode c, String writer, String got) throws IOException {
    String want = c.get(writer).textValue();
    String where = c.get("case").textValue() + ", " + writer;
    if (c.get("plain_floats").booleanValue()) {
      assertEquals(want, got, where);
    } else {
      assertEquals(PLAIN.readTree(want), PLAIN.readTree(got), where);
    }
  }

  @Test
  void everyWriterWritesWhatPythonWritesAndTheDevCommandsAgreeWithTheFeeds() throws IOException {
    JsonNode expected = expected().get("items");
    List<Map<String, Object>> cases = items();
    assertEquals(expected.size(), cases.size());
    WireLine line = new WireLine();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = expected.get(i);
      Map<String, Object> item = new LinkedHashMap<>(cases.get(i));
      assertEquals(c.get("case").textValue(), item.get("case"));
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) item.get("item");
      String where = c.get("case").textValue();

      String cloud = cloud(line, value);
      assertEquals(cloud, tool(value), where + ": select/form print Scrapy Cloud's JSON");
      String feed = ItemJson.FEED.writeValueAsString(value);
      assertEquals(feed, DevCommands.itemLine(value), where + ": parse prints the feed's line");
      assertPython(c, "cloud", cloud);
      assertPython(c, "feed", feed);
      assertPython(c, "host", host(value));
    }
  }

  @Test
  void selectPrintsWhatJsonDumpsPrintsOfParselsList() throws IOException {
    for (JsonNode c : expected().get("select")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit =
          SelectCommand.run(
              List.of("--css", c.get("css").textValue()),
              new ByteArrayInputStream(c.get("page").textValue().getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      assertEquals(
          c.get("printed").textValue() + "\n",
          out.toString(StandardCharsets.UTF_8),
          c.get("css").textValue());
    }
  }
}
