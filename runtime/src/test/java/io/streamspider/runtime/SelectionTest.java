package io.streamspider.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime side of ad-hoc queries: parsel's regex extraction and entity replacement against
 * {@code parsel-regex.json} (written by {@code src/test/python/parsel_regex.py} from the real
 * parsel and w3lib). Query results against parsel are checked in the host module
 * (AdhocQueryConformanceTest), where the parsel engine is; this module has none.
 */
class SelectionTest {
  @Test
  void withoutTheHostModuleResponseCssSaysWhatToAdd() {
    Response r =
        new Response(
            "parse", "parse", "http://127.0.0.1/", 200, null, "<p>x</p>", null, null, null, null);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.css("p::text"));
    assertTrue(e.getMessage().contains("io.streamspider:streamspider-host"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> r.xpath("//p"));
  }

  @Test
  void regexExtractionAndEntitiesAreParselsAndW3libs() throws IOException {
    JsonNode doc;
    try (InputStream in = SelectionTest.class.getResourceAsStream("parsel-regex.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    int n = 0;
    for (JsonNode c : doc.get("regex")) {
      List<String> expected = new ArrayList<>();
      c.get("expected").forEach(v -> expected.add(v.asText()));
      String regex = c.get("regex").asText();
      assertEquals(
          expected, Selection.extract(Selection.compile(regex), c.get("text").asText()), regex);
      n++;
    }
    for (JsonNode c : doc.get("entities")) {
      assertEquals(c.get("expected").asText(), Selection.replaceEntities(c.get("text").asText()));
      n++;
    }
    assertTrue(n >= 10, n + " cases");
  }
}
