package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.runtime.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feed files against what Scrapy 2.8 itself writes for the same items (the expectations under
 * resources/.../scrapy-feeds were produced by src/test/python/scrapy_feeds.py with the real
 * Scrapy), plus what Scrapy has no say on: Java types, dates, durability, refusals.
 */
class FeedOutputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RES = "/io/streamspider/runtime/internal/output/";
  static final List<String> FILES = List.of("items.jsonl", "items.jl", "items.json", "items.csv");
  static final Response FROM =
      new Response(
          "parse",
          "parse",
          "http://127.0.0.1:8765/index.html",
          200,
          null,
          "<html></html>",
          null,
          null,
          null,
          null);

  @TempDir Path tmp;
  final List<String> logged = new ArrayList<>();

  static List<Map<String, Object>> items(String name) throws IOException {
    try (InputStream in = FeedOutputTest.class.getResourceAsStream(RES + name)) {
      return JSON
          .readValue(in, new TypeReference<List<LinkedHashMap<String, Object>>>() {})
          .stream()
          .map(m -> (Map<String, Object>) m)
          .toList();
    }
  }

  static byte[] expected(String scenario, String file) throws IOException {
    try (InputStream in =
        FeedOutputTest.class.getResourceAsStream(RES + "scrapy-feeds/" + scenario + "/" + file)) {
      assertTrue(in != null, "expectation " + scenario + "/" + file + " exists");
      return in.readAllBytes();
    }
  }

  /** One crawl: every feed format at once, as the command line would pass them. */
  void crawl(Path dir, boolean overwrite, List<Map<String, Object>> items) throws IOException {
    List<FeedTarget> targets = new ArrayList<>();
    for (String f : FILES) {
      targets.add(new FeedTarget(dir.resolve(f), overwrite));
    }
    CrawlOutput out = Outputs.create(targets, null, Map.of(), (l, m) -> logged.add(l + " " + m));
    out.open(Map::of);
    for (Map<String, Object> item : items) {
      assertTrue(out.item(item, FROM));
    }
    out.finish("finished");
    out.close();
  }

  void assertScrapyWrote(String scenario, Path dir) throws IOException {
    for (String f : FILES) {
      String got = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
      String want = new String(expected(scenario, f), StandardCharsets.UTF_8);
      assertEquals(want, got, scenario + "/" + f + " as Scrapy writes it");
    }
  }

  @Test
  void overwriteWritesWhatScrapyWrites() throws IOException {
    Path dir = tmp.resolve("overwrite");
    crawl(dir, true, items("feed-items-a.json"));
    assertScrapyWrote("overwrite", dir);
    assertEquals(List.of(), logged);
  }

  @Test
  void appendTwiceWritesWhatScrapyWritesIncludingASecondArrayAndHeader() throws IOException {
    Path dir = tmp.resolve("append");
    crawl(dir, false, items("feed-items-a.json"));
    crawl(dir, false, items("feed-items-b.json"));
    assertScrapyWrote("append", dir);
  }

  @Test
  void overwriteTwiceKeepsOnlyTheSecondCrawl() throws IOException {
    Path dir = tmp.resolve("overwrite-twice");
    crawl(dir, true, items("feed-items-a.json"));
    crawl(dir, true, items("feed-items-b.json"));
    assertScrapyWrote("overwrite-twice", dir);
  }

  @Test
  void aCrawlWithoutItemsLeavesEmptyFilesAsScrapyDoes() throws IOException {
    Path dir = tmp.resolve("empty");
    Files.createDirectories(dir);
    for (String f : FILES) {
      Files.writeString(dir.resolve(f), "old content");
    }
    crawl(dir, true, List.of());
    assertScrapyWrote("empty", dir);
  }

  @Test
  void csvSingleFieldRowsAreQuotedWhenEmptyAsPythonsCsvDoes() throws IOException {
    Path dir = tmp.resolve("single-field");
    crawl(dir, true, items("feed-items-c.json"));
    assertScrapyWrote("single-field", dir);
  }

  @ParameterizedTest
  @ValueSource(strings = {"items.jsonl", "items.json", "items.csv"})
  void everyItemIsInTheFileWhenItemReturnsWithoutClose(String name) throws IOException {
    Path file = tmp.resolve(name);
    CrawlOutput out =
        Outputs.create(List.of(new FeedTarget(file, true)), null, Map.of(), (l, m) -> {});
    out.open(Map::of);
    List<Map<String, Object>> items = items("feed-items-a.json");
    for (int i = 0; i < items.size(); i++) {
      out.item(items.get(i), FROM);
      // a fresh reader, as after a SIGKILL: the bytes are in the page cache, not in a buffer
      byte[] now = Files.readAllBytes(file);
      if (name.endsWith(".json")) {
        JsonNode array = JSON.readTree(now);
        assertTrue(array.isArray(), "the .json file is a complete array after every item");
        assertEquals(i + 1, array.size());
        assertEquals(JSON.valueToTree(items.get(i)), array.get(i));
      } else if (name.endsWith(".jsonl")) {
        String[] lines = new String(now, StandardCharsets.UTF_8).split("\n");
        assertEquals(i + 1, lines.length);
        assertEquals(JSON.valueToTree(items.get(i)), JSON.readTree(lines[i]));
      } else {
        String text = new String(now, StandardCharsets.UTF_8);
        // header + one row per item; item 2 holds a quoted line break
        assertTrue(text.endsWith("\r\n"));
        assertEquals(i + 2 + (i >= 1 ? 1 : 0), text.split("\r?\n", -1).length - 1, text);
      }
    }
    out.close();
    assertArrayEquals(expected("overwrite", name), Files.readAllBytes(file));
  }

  record Product(String name, double price, LocalDate added, Instant seen, List<String> tags) {}

  static final class Pojo {
    private final String name = "pojo ü";
    int count = 7;
    LocalDateTime when = LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000);
    private String hidden = "also written: items are data";

    public String getUpper() {
      return name.toUpperCase();
    }
  }

  record Maybe(String name, java.util.Optional<String> colour, java.util.Optional<String> size) {}

  @Test
  void optionalFieldsAreWrittenAsTheirValueOrNull() throws IOException {
    Path jl = tmp.resolve("optional.jsonl");
    CrawlOutput out =
        Outputs.create(List.of(new FeedTarget(jl, true)), null, Map.of(), (l, m) -> logged.add(m));
    out.open(Map::of);
    assertTrue(
        out.item(
            new Maybe("shirt", java.util.Optional.of("red"), java.util.Optional.empty()), FROM));
    out.close();
    assertEquals(
        List.of("{\"name\": \"shirt\", \"colour\": \"red\", \"size\": null}"),
        Files.readAllLines(jl));
  }

  @Test
  void recordsPojosMapsAndDatesAreWrittenByJacksonWithIsoDates() throws IOException {
    Path jl = tmp.resolve("java.jsonl");
    Path csv = tmp.resolve("java.csv");
    CrawlOutput out =
        Outputs.create(
            List.of(new FeedTarget(jl, true), new FeedTarget(csv, true)),
            null,
            Map.of(),
            (l, m) -> logged.add(m));
    out.open(Map::of);
    Product p =
        new Product(
            "Café",
            9.5,
            LocalDate.of(2024, 1, 2),
            Instant.parse("2024-01-02T03:04:05.678Z"),
            List.of("a", "b"));
    assertTrue(out.item(p, FROM));
    assertTrue(out.item(new Pojo(), FROM));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "map");
    m.put("price", 1);
    m.put("added", OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2)));
    m.put("seen", new Date(0));
    m.put("tags", Duration.ofSeconds(90));
    assertTrue(out.item(m, FROM));
    out.close();

    List<String> lines = Files.readAllLines(jl);
    assertEquals(
        "{\"name\": \"Café\", \"price\": 9.5, \"added\": \"2024-01-02\", \"seen\":"
            + " \"2024-01-02T03:04:05.678Z\", \"tags\": [\"a\", \"b\"]}",
        lines.get(0));
    JsonNode pojo = JSON.readTree(lines.get(1));
    assertEquals("pojo ü", pojo.get("name").asText());
    assertEquals(7, pojo.get("count").asInt());
    assertEquals("2024-02-29T13:45:30.123", pojo.get("when").asText());
    assertEquals("POJO Ü", pojo.get("upper").asText());
    assertEquals("also written: items are data", pojo.get("hidden").asText());
    JsonNode map = JSON.readTree(lines.get(2));
    assertEquals("2024-03-01T00:00:00+02:00", map.get("added").asText());
    assertEquals("1970-01-01T00:00:00.000+00:00", map.get("seen").asText());
    assertEquals("PT1M30S", map.get("tags").asText());

    // CSV: the header is the first item's fields (the record's components, in order)
    assertEquals(
        "name,price,added,seen,tags\r\n"
            + "Café,9.5,2024-01-02,2024-01-02T03:04:05.678Z,\"a,b\"\r\n"
            + "pojo ü,,,,\r\n"
            + "map,1,2024-03-01T00:00:00+02:00,1970-01-01T00:00:00.000+00:00,PT1M30S\r\n",
        Files.readString(csv));
    assertEquals(List.of(), logged);
  }

  @Test
  void csvNumbersBooleansAndListsOfNumbersAreWrittenAsScrapyWritesThem() throws IOException {
    Path dir = tmp.resolve("csv-values");
    crawl(dir, true, items("feed-items-d.json"));
    assertScrapyWrote("csv-values", dir);
  }

  @Test
  void csvCellsOfNestedObjectsAndMixedListsAreJsonWherePythonPrintsItsRepr() {
    // documented difference: Python would write {'k': 'v', 'n': [1, 2]} and ['a', 1]
    ObjectNode nested = JSON.createObjectNode().put("k", "v");
    nested.set("n", JSON.valueToTree(List.of(1, 2)));
    assertEquals("{\"k\": \"v\", \"n\": [1, 2]}", CsvFeed.cell(nested));
    assertEquals("[\"a\", 1]", CsvFeed.cell(JSON.valueToTree(List.of("a", 1))));
  }

  @Test
  void aNonObjectItemIsRefusedAndSaysWhy() throws IOException {
    Path file = tmp.resolve("items.jsonl");
    CrawlOutput out =
        Outputs.create(
            List.of(new FeedTarget(file, true)), null, Map.of(), (l, m) -> logged.add(l + " " + m));
    out.open(Map::of);
    assertFalse(out.item("just a string", FROM));
    assertFalse(out.item(List.of(1, 2), FROM));
    out.close();
    assertEquals(0, Files.size(file));
    assertEquals(2, logged.size());
    assertTrue(logged.get(0).startsWith("ERROR Item not written to " + file), logged.get(0));
    assertTrue(
        logged.get(0).contains("JSON object") && logged.get(0).contains("java.lang.String"),
        logged.get(0));
  }

  static final class Exploding {
    public String getName() {
      throw new IllegalStateException("boom in getter");
    }
  }

  static final class Empty {}

  @Test
  void anItemJacksonCannotSerialiseIsRefusedNotWrittenAsEmptyObject() throws IOException {
    Path file = tmp.resolve("items.json");
    CrawlOutput out =
        Outputs.create(
            List.of(new FeedTarget(file, true)), null, Map.of(), (l, m) -> logged.add(l + " " + m));
    out.open(Map::of);
    assertFalse(out.item(new Exploding(), FROM));
    assertFalse(out.item(new Empty(), FROM));
    assertTrue(out.item(Map.of("ok", true), FROM));
    out.close();
    assertEquals("[\n{\"ok\": true}\n]", Files.readString(file));
    assertTrue(
        logged.get(0).contains("Exploding") && logged.get(0).contains("boom in getter"),
        logged.get(0));
    assertTrue(
        logged.get(1).contains("Empty") && logged.get(1).contains("cannot be serialised"),
        logged.get(1));
  }

  @Test
  void itemAfterCloseIsAnError() throws IOException {
    CrawlOutput out =
        Outputs.create(
            List.of(new FeedTarget(tmp.resolve("a.jsonl"), true)), null, Map.of(), (l, m) -> {});
    out.close();
    out.close();
    IOException e = assertThrows(IOException.class, () -> out.item(Map.of("a", 1), FROM));
    assertTrue(e.getMessage().contains("a.jsonl"), e.getMessage());
  }

  @Test
  void missingParentDirectoriesAreCreatedAsScrapyDoes() throws IOException {
    Path file = tmp.resolve("deep/er/items.jsonl");
    CrawlOutput out =
        Outputs.create(List.of(new FeedTarget(file, false)), null, Map.of(), (l, m) -> {});
    out.item(Map.of("a", 1), FROM);
    out.close();
    assertEquals("{\"a\": 1}\n", Files.readString(file));
  }
}
