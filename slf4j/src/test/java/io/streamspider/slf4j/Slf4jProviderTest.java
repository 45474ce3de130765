package io.streamspider.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.harness.ScriptedHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spider that logs through SLF4J, run as a child JVM under a scripted host over its real
 * stdin/stdout: its records arrive as protocol {@code log} messages at their levels, filtered by
 * {@code -s LOG_LEVEL}, and nothing reaches stderr (which a real host treats as fatal).
 */
class Slf4jProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "http://127.0.0.1:9/";

  /** The SLF4J records of one crawl, as "LEVEL message" (first line of the message). */
  private static List<String> crawl(String... settings) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> args = new ArrayList<>(List.of("slf4j"));
    for (String s : settings) {
      args.addAll(List.of("-s", s));
    }
    List<String> records = new ArrayList<>();
    try (ScriptedHost h =
        new ScriptedHost(
            ScriptedHost.javaCommand(
                List.of(cp),
                List.of("-XX:TieredStopAtLevel=1"),
                "io.streamspider.runtime.StreamSpider",
                args))) {
      h.ready();
      // next() fails when the spider stops talking or its stdout ends before close
      for (JsonNode m = h.next(); ; m = h.next()) {
        String type = m.path("type").asText();
        if (type.equals("spider")) {
          // the host fetches the start URL itself and answers with the id "parse"
          h.send(response("parse"));
        } else if (type.equals("log")
            && m.get("message").asText().startsWith("[" + Slf4jSpider.class.getName() + "]")) {
          String text = m.get("message").asText();
          int nl = text.indexOf('\n');
          records.add(m.get("level").asText() + " " + (nl < 0 ? text : text.substring(0, nl)));
          if (nl >= 0) {
            assertTrue(text.contains("java.lang.IllegalStateException: boom"), text);
          }
        } else if (type.equals("close")) {
          break;
        }
      }
      assertEquals(0, h.exit(), () -> "the spider's exit status; it wrote " + h.lines());
      assertEquals("", h.stderr(), "nothing on stderr");
    }
    return records;
  }

  private static ObjectNode response(String id) {
    ObjectNode r = JSON.createObjectNode();
    r.put("url", URL);
    r.putObject("headers").putArray("Content-Type").add("text/html");
    r.put("status", 200);
    r.putObject("meta").put("request_id", id);
    r.putArray("flags");
    r.put("body", "<html></html>");
    r.put("id", id);
    r.put("type", "response");
    return r;
  }

  private static final String NAME = "[" + Slf4jSpider.class.getName() + "] ";

  @Test
  void slf4jRecordsReachTheHostAsLogMessagesAtTheirLevels() throws Exception {
    assertEquals(
        List.of(
            "DEBUG " + NAME + "trace " + URL,
            "DEBUG " + NAME + "debug " + URL,
            "INFO " + NAME + "info 200 " + URL,
            "WARNING " + NAME + "warn " + URL,
            "ERROR " + NAME + "error with a trace",
            "DEBUG " + NAME + "jul fine",
            "INFO " + NAME + "jul info"),
        crawl());
  }

  @Test
  void logLevelFiltersSlf4jAndJavaUtilLoggingAlike() throws Exception {
    assertEquals(
        List.of("WARNING " + NAME + "warn " + URL, "ERROR " + NAME + "error with a trace"),
        crawl("LOG_LEVEL=WARNING"));
  }
}
