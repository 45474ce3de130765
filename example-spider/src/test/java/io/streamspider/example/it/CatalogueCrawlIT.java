package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.example.DemoSite;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example end to end: the fat jar crawls the demo site on the embedded host, as a child
 * process, exactly as a user runs it.
 */
class CatalogueCrawlIT {
  private static final Pattern RUNTIME_STATS = Pattern.compile("closing\\. Stats: \\{([^}]*)}");

  @TempDir Path dir;
  private DemoSite site;

  @BeforeEach
  void startSite() throws Exception {
    site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED);
  }

  @AfterEach
  void stopSite() {
    site.close();
  }

  @Test
  void crawlsEveryProductLogsInFiltersAndHandlesTheMissingPage() throws Exception {
    Path items = dir.resolve("items.jsonl");
    ChildProcess crawl = crawl("-a", "start_urls=" + site.baseUrl(), "-O", items.toString());
    assertEquals(0, crawl.exitCode(), crawl.output());
    Matcher started = Pattern.compile("Starting the spider: (\\S+) (.*)").matcher(crawl.output());
    assertTrue(started.find(), crawl.output());
    assertTrue(
        started.group(2).startsWith(String.join(" ", JVM_OPTIONS) + " -cp "), started.group());
    DemoCatalogue c = site.catalogue();

    Map<String, DemoProduct> expected = ExpectedItems.expected(c, null, true);
    assertEquals(105, expected.size());
    ExpectedItems.assertItems(
        expected,
        ExpectedItems.parse(Files.readAllLines(items, StandardCharsets.UTF_8)),
        site.baseUrl());

    Map<String, Long> stats = runtimeStats(crawl);
    assertEquals(c.featuredLinkCount(), stats.get("dupefilter/filtered"), crawl.output());
    assertEquals(1L, stats.get("offsite/filtered"), crawl.output());
    assertEquals(105L, stats.get("item_scraped_count"), crawl.output());
    assertEquals(1L, stats.get("request_failed_count"), crawl.output());

    String log = crawl.stdout() + crawl.stderr();
    String missing = site.baseUrl() + DemoCatalogue.MISSING_PATH.substring(1);
    assertEquals(1, count(log, "product page missing: " + missing), crawl.output());
    assertTrue(log.contains("logged in as demo"), crawl.output());
    assertTrue(log.contains("Filtered offsite request to offsite.invalid"), crawl.output());
    // a clean run: nothing at ERROR or above from the host, the runtime or the spider
    assertFalse(log.contains("] ERROR: ") || log.contains("] CRITICAL: "), crawl.output());

    // the duplicate filter is the runtime's: every page was fetched exactly once
    for (DemoProduct p : c.products()) {
      assertEquals(1, site.hits("GET", p.path()), p.path() + " " + site.hits());
      assertEquals(1, site.hits("GET", p.imagePath()), p.imagePath() + " " + site.hits());
    }
    for (int page = 1; page <= c.pageCount(); page++) {
      assertEquals(1, site.hits("GET", DemoCatalogue.pagePath(page)), "page " + page);
    }
    assertEquals(1, site.hits("GET", DemoCatalogue.MISSING_PATH), site.hits().toString());
    assertEquals(1, site.hits("GET", "/login"), site.hits().toString());
    assertEquals(1, site.hits("POST", "/login"), site.hits().toString());
    assertEquals(1, site.hits("GET", "/members/"), site.hits().toString());
  }

  @Test
  void spiderArgumentsChooseTheCategoryAndTheCredentials() throws Exception {
    Path items = dir.resolve("kitchen.jsonl");
    ChildProcess crawl =
        crawl(
            "-a",
            "start_urls=" + site.baseUrl(),
            "-a",
            "category=Kitchen",
            "-a",
            "password=wrong",
            "-O",
            items.toString());
    assertEquals(0, crawl.exitCode(), crawl.output());
    DemoCatalogue c = site.catalogue();
    Map<String, DemoProduct> expected = ExpectedItems.expected(c, "Kitchen", false);
    assertTrue(expected.size() > 5 && expected.size() < 60, "a real subset: " + expected.size());
    ExpectedItems.assertItems(
        expected,
        ExpectedItems.parse(Files.readAllLines(items, StandardCharsets.UTF_8)),
        site.baseUrl());
    String log = crawl.stdout() + crawl.stderr();
    assertTrue(log.contains("login as demo failed"), crawl.output());
    assertEquals(0, site.hits("GET", "/members/"), "no members' page without a login");
    for (DemoProduct p : c.publicProducts()) {
      int imageHits = site.hits("GET", p.imagePath());
      assertEquals(p.category().equals("Kitchen") ? 1 : 0, imageHits, p.imagePath());
    }
  }

  @Test
  void unknownSpiderArgumentIsAUsageErrorBeforeAnyRequest() throws Exception {
    ChildProcess crawl = crawl("-a", "start_urls=" + site.baseUrl(), "-a", "colour=red");
    assertEquals(2, crawl.exitCode(), crawl.output());
    assertTrue(crawl.stderr().contains("colour"), crawl.output());
    assertEquals(Map.of(), site.hits());
  }

  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx384m", "-Dstreamspider.it=catalogue");

  private ChildProcess crawl(String... options) throws Exception {
    // JVM options of the user's java command reach the spider JVM the embedded host starts
    List<String> command =
        new ArrayList<>(
            List.of(
                ChildProcess.JAVA.toString(),
                JVM_OPTIONS.get(0),
                JVM_OPTIONS.get(1),
                "-jar",
                ChildProcess.JAR.toString(),
                "catalogue",
                "--local"));
    command.addAll(List.of(options));
    return ChildProcess.run(dir, Map.of(), 180, command);
  }

  /** The runtime's final stats, as its closing log line gives them. */
  private static Map<String, Long> runtimeStats(ChildProcess crawl) {
    Matcher m = RUNTIME_STATS.matcher(crawl.stdout() + crawl.stderr());
    Map<String, Long> stats = new TreeMap<>();
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    assertTrue(last != null, "no closing stats in the log:\n" + crawl.output());
    for (String entry : last.split(", ")) {
      int eq = entry.indexOf('=');
      stats.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1).strip()));
    }
    return stats;
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
