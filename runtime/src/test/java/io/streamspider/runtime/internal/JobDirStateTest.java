package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.SpiderState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spider's state and its file in JOBDIR. */
class JobDirStateTest {
  @TempDir Path tmp;

  @Test
  void valuesAreCopiedAsJsonValuesAndReadBackAsPutAfterAResume() throws Exception {
    Path dir = tmp.resolve("a/b"); // created on save
    JobDirState first = JobDirState.load(dir.toString(), "shop");
    SpiderState s = first.state();
    assertTrue(s.asMap().isEmpty(), "no file yet: an empty state");
    List<Object> seen = new ArrayList<>(List.of("p1", 2));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("café", 0.5);
    nested.put("none", null);
    nested.put("seen", seen);
    s.put("nested", nested);
    s.put("count", 41);
    s.increment("count");
    s.put("flag", true);
    seen.add("changed after put"); // not in the state: put copies
    first.save();
    assertFalse(Files.exists(dir.resolve(JobDirState.FILE + ".tmp")), "the temporary file is gone");

    SpiderState again = JobDirState.load(dir.toString(), "shop").state();
    assertEquals(s.asMap(), again.asMap());
    assertEquals(42L, again.get("count"), "whole numbers read back as Long");
    assertEquals(42, again.getLong("count", 0));
    assertEquals(List.of("p1", 2L), ((Map<?, ?>) again.get("nested")).get("seen"));
    assertTrue(again.getBoolean("flag", false));
    assertEquals(7, again.getLong("absent", 7));
  }

  @Test
  void whatIsNotAJsonValueIsRefusedNamingTheKey() {
    SpiderState s = new SpiderState();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> s.put("when", List.of(java.time.Instant.EPOCH)));
    String expected = "spider state when[0]: a java.time.Instant is not a JSON value";
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.put("nan", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> s.put("keys", Map.of(1, "one")));
    s.put("name", "x");
    IllegalStateException wrongType =
        assertThrows(IllegalStateException.class, () -> s.increment("name"));
    assertEquals("spider state name is x (String), not a whole number", wrongType.getMessage());
    assertFalse(s.has("when"), "nothing stored by a refused put");
  }

  @Test
  void aFileThatCannotBeReadIsAnErrorNamingIt() throws Exception {
    Path file = tmp.resolve(JobDirState.FILE);
    for (String[] c :
        new String[][] {
          {"", "expected a JSON object"},
          {"[1]", "expected a JSON object"},
          {"{\"format\": 1, \"spider\": \"shop\", \"state\": {}} {}", "more than one JSON value"},
          {
            "{\"format\": 2, \"spider\": \"shop\", \"state\": {}}",
            "unknown format 2 (this runtime reads 1)"
          },
          {"{\"format\": 1, \"spider\": \"shop\", \"state\": []}", "field state must be an object"},
          {
            "{\"format\": 1, \"spider\": \"shop\", \"state\": {\"n\": 1e999}}",
            "spider state n: Infinity"
          },
          {"{\"format\": 1, \"spider\": \"shop\"", "invalid JSON: Unexpected end-of-input"}
        }) {
      Files.writeString(file, c[0]);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> JobDirState.load(tmp.toString(), "shop"), c[0]);
      assertTrue(
          e.getMessage().startsWith("cannot read the spider state " + file + ": " + c[1]),
          e.getMessage());
    }
  }

  @Test
  void jobDirFromTheCommandLineWinsOverTheSpidersSetting() {
    assertEquals("cli", JobDirState.jobDir(Map.of("JOBDIR", "cli"), Map.of("JOBDIR", "spider")));
    assertEquals("spider", JobDirState.jobDir(Map.of(), Map.of("JOBDIR", "spider")));
    assertEquals(
        null,
        JobDirState.jobDir(Map.of("JOBDIR", ""), Map.of("JOBDIR", "spider")),
        "an empty JOBDIR is none, as in Scrapy");
    assertEquals(null, JobDirState.jobDir(Map.of(), Map.of()));
  }
}
