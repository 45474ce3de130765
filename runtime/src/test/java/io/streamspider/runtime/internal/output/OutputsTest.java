package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Outputs#create}: choosing outputs, usage errors before the crawl, the log-only output. */
class OutputsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Response FROM =
      new Response(
          "page#1",
          "page",
          "http://127.0.0.1:8765/p1.html",
          200,
          null,
          "<html></html>",
          null,
          null,
          null,
          null);

  @TempDir Path tmp;
  final List<String> logged = new ArrayList<>();

  CrawlOutput create(List<FeedTarget> feeds, String fifo, Map<String, String> env) {
    return Outputs.create(feeds, fifo, env, (l, m) -> logged.add(l + " " + m));
  }

  @ParameterizedTest
  @ValueSource(strings = {"items.xml", "items.txt", "items.pickle", "items.json.gz"})
  void anUnknownExtensionIsAUsageErrorNamingPathAndExtension(String name) {
    Path file = tmp.resolve(name);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create(List.of(new FeedTarget(file, false)), null, Map.of()));
    String ext = name.substring(name.lastIndexOf('.'));
    assertEquals(
        "-o " + file + ": unknown feed format \"" + ext + "\"; use .jsonl, .jl, .json or .csv",
        e.getMessage());
    assertFalse(Files.exists(file), "nothing is created for a usage error");
  }

  @Test
  void aPathWithoutExtensionIsAUsageError() {
    Path file = tmp.resolve("items");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create(List.of(new FeedTarget(file, true)), null, Map.of()));
    assertTrue(e.getMessage().startsWith("-O " + file + ": no file extension"), e.getMessage());
  }

  @Test
  void aPathUnderARegularFileIsAUsageErrorBeforeTheCrawl() throws IOException {
    Path notADir = Files.writeString(tmp.resolve("plain.txt"), "x");
    Path file = notADir.resolve("items.jsonl");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create(List.of(new FeedTarget(file, false)), null, Map.of()));
    assertTrue(
        e.getMessage().startsWith("-o " + file + ": cannot open for writing ("), e.getMessage());
    assertTrue(e.getMessage().contains("plain.txt"), e.getMessage());
  }

  @Test
  void aDirectoryAsFeedIsAUsageError() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("out.jsonl"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create(List.of(new FeedTarget(dir, true)), null, Map.of()));
    assertEquals("-O " + dir + ": cannot open for writing (Is a directory)", e.getMessage());
  }

  @Test
  void aReadOnlyFileSystemIsAUsageError() {
    // /proc is read-only to everyone, root included
    Path file = Path.of("/proc/streamspider-items.jsonl");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create(List.of(new FeedTarget(file, true)), null, Map.of()));
    assertTrue(
        e.getMessage().startsWith("-O " + file + ": cannot open for writing ("), e.getMessage());
  }

  @Test
  void aBadTargetLeavesTheFeedsBeforeItUntouched() throws IOException {
    Path good = tmp.resolve("good.jsonl");
    Path kept = tmp.resolve("kept.jsonl");
    Files.writeString(kept, "{\"a\": 1}\n");
    Path dir = Files.createDirectory(tmp.resolve("dir.csv"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                create(
                    List.of(
                        new FeedTarget(good, true),
                        new FeedTarget(kept, true),
                        new FeedTarget(dir, true)),
                    null,
                    Map.of()));
    assertEquals("-O " + dir + ": cannot open for writing (Is a directory)", e.getMessage());
    // nothing was created, nothing emptied
    assertFalse(Files.exists(good));
    assertEquals("{\"a\": 1}\n", Files.readString(kept));
  }

  @Test
  void theSameFileTwiceIsAUsageError() {
    Path file = tmp.resolve("a.jsonl");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                create(
                    List.of(
                        new FeedTarget(file, true),
                        new FeedTarget(tmp.resolve("./a.jsonl"), false)),
                    null,
                    Map.of()));
    assertTrue(e.getMessage().contains("given twice"), e.getMessage());
  }

  @Test
  void aFifoPathThatIsADirectoryOrHasNoDirectoryIsAUsageError() {
    IllegalArgumentException dir =
        assertThrows(
            IllegalArgumentException.class, () -> create(List.of(), tmp.toString(), Map.of()));
    assertEquals("--fifo " + tmp + ": is a directory, not a named pipe", dir.getMessage());
    Path nowhere = tmp.resolve("no/such/dir/fifo");
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> create(List.of(), nowhere.toString(), Map.of()));
    assertTrue(
        missing.getMessage().startsWith("--fifo " + nowhere + ": does not exist"),
        missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> create(List.of(), " ", Map.of()));
  }

  @Test
  void shubFifoPathIsUsedWhenNoFifoIsGivenAndFifoWins() {
    Path env = tmp.resolve("env-fifo");
    assertInstanceOf(
        FifoWriter.class, create(List.of(), null, Map.of("SHUB_FIFO_PATH", env.toString())));
    CrawlOutput both =
        create(
            List.of(new FeedTarget(tmp.resolve("a.jsonl"), true)),
            tmp.resolve("cli").toString(),
            Map.of("SHUB_FIFO_PATH", "/nonexistent/dir/x"));
    assertInstanceOf(CompositeOutput.class, both);
  }

  @Test
  void withoutOutputsItemsAreLoggedAtDebugAsScrapyDoesAndOneWarningSaysHowToKeepThem()
      throws IOException {
    CrawlOutput out = create(List.of(), null, Map.of());
    out.open(Map::of);
    assertTrue(out.item(Map.of("name", "Café"), FROM));
    assertTrue(out.item(Map.of("name", "two"), FROM));
    assertFalse(out.item(42, FROM));
    out.finish("finished");
    out.close();
    assertEquals(4, logged.size(), logged.toString());
    assertTrue(logged.get(0).startsWith("WARNING No item output is configured"), logged.get(0));
    assertTrue(logged.get(0).contains("-o items.jsonl"), logged.get(0));
    assertEquals(
        "DEBUG Scraped from <200 http://127.0.0.1:8765/p1.html>\n{\"name\": \"Café\"}",
        logged.get(1));
    assertEquals(
        "DEBUG Scraped from <200 http://127.0.0.1:8765/p1.html>\n{\"name\": \"two\"}",
        logged.get(2));
    assertTrue(
        logged.get(3).startsWith("ERROR Item dropped: items must serialise to a JSON object"),
        logged.get(3));
    assertEquals(1, logged.stream().filter(l -> l.startsWith("WARNING")).count());
  }

  @Test
  void severalFeedsGetEveryItemAndABadItemIsReportedOnce() throws IOException {
    Path jl = tmp.resolve("a.jl");
    Path csv = tmp.resolve("b.csv");
    CrawlOutput out =
        create(List.of(new FeedTarget(jl, true), new FeedTarget(csv, true)), null, Map.of());
    assertInstanceOf(CompositeOutput.class, out);
    out.open(Map::of);
    assertTrue(out.item(Map.of("a", 1), FROM));
    assertFalse(out.item("not an object", FROM));
    out.finish("finished");
    out.close();
    assertEquals("{\"a\": 1}\n", Files.readString(jl));
    assertEquals("a\r\n1\r\n", Files.readString(csv));
    assertEquals(1, logged.size(), logged.toString());
    assertTrue(
        logged.get(0).startsWith("ERROR Item from <200 http://127.0.0.1:8765/p1.html> dropped:"),
        logged.get(0));
  }
}
