package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.testing.HostRun;
import io.streamspider.host.testing.TestSite;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the reference host transcripts ({@code host/src/test/resources/fixtures}, real sessions
 * copied verbatim into the test resources): a scripted spider sends the {@code >>} lines (with the
 * test server's port) and every {@code <<} answer of this host must have the reference's type,
 * fields and values, except what depends on time, port or server software (Date, Server,
 * Last-Modified, download_latency).
 */
class ReplayFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFERENCE_BASE = "http://127.0.0.1:8765";
  private static TestSite site;

  @BeforeAll
  static void startSite() throws Exception {
    site = new TestSite();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference-host-non200.txt", "reference-host-session.txt"})
  void answersHaveTheReferenceShapes(String fixture) throws Exception {
    List<String> expected = new ArrayList<>();
    StringBuilder script = new StringBuilder();
    String text;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : text.split("\n")) {
      if (line.startsWith(">> ")) {
        script
            .append("send ")
            .append(line.substring(3).replace(REFERENCE_BASE, "${BASE}"))
            .append('\n');
      } else if (line.startsWith("<< ")) {
        script.append("recv 1\n");
        expected.add(line.substring(3).replace(REFERENCE_BASE, site.base()));
      }
    }
    HostRun.Result r = HostRun.python(site, script.toString(), b -> {});
    List<JsonNode> got = r.messages();
    assertTrue(got.size() >= expected.size(), "answers: " + r.received() + "\n" + r.log());
    for (int i = 0; i < expected.size(); i++) {
      assertSameShape(JSON.readTree(expected.get(i)), got.get(i), fixture + " answer " + i);
    }
    extraAnswers(fixture, got.subList(expected.size(), got.size()));
  }

  /**
   * What this host sends beyond the reference transcript. The session's last line has an unknown
   * field: the reference host answered with an error and killed the spider before it read it; this
   * host lets the spider read it.
   */
  private static void extraAnswers(String fixture, List<JsonNode> extra) {
    if (fixture.equals("reference-host-session.txt")) {
      assertEquals(1, extra.size(), extra.toString());
      assertEquals("error", extra.get(0).get("type").asText());
      assertEquals("Unknown message field: bogus", extra.get(0).get("details").asText());
      assertTrue(extra.get(0).get("received_message").asText().contains("\"id\": \"bad\""));
    } else {
      assertEquals(List.of(), extra, fixture + ": no answer beyond the reference's");
    }
  }

  private static void assertSameShape(JsonNode want, JsonNode got, String where) {
    assertEquals(names(want), names(got), where + ": fields of " + got);
    for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      switch (f) {
        case "headers" -> {
          for (String h : List.of("Content-Type", "Content-Length")) {
            assertEquals(want.get(f).get(h), got.get(f).get(h), where + ": header " + h);
          }
        }
        case "meta" -> {
          assertEquals(names(want.get(f)), names(got.get(f)), where + ": meta keys");
          for (Iterator<String> k = want.get(f).fieldNames(); k.hasNext(); ) {
            String key = k.next();
            if (key.equals("download_latency")) {
              assertTrue(got.get(f).get(key).isDouble(), where + ": download_latency is a float");
            } else {
              assertEquals(want.get(f).get(key), got.get(f).get(key), where + ": meta " + key);
            }
          }
        }
        default -> assertEquals(want.get(f), got.get(f), where + ": " + f);
      }
    }
  }

  private static Set<String> names(JsonNode n) {
    Set<String> s = new TreeSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }
}
