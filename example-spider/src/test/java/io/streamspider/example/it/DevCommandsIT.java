package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.example.DemoSite;
import io.streamspider.example.internal.DemoCatalogue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapy's debugging commands through the fat jar ({@code java -jar spider.jar COMMAND}): fetch,
 * parse and check against the demo site on 127.0.0.1, and their errors.
 */
class DevCommandsIT {
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

  private ChildProcess jar(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(ChildProcess.JAVA.toString(), "-jar", ChildProcess.JAR.toString()));
    command.addAll(List.of(args));
    return ChildProcess.run(dir, Map.of(), 120, command);
  }

  @Test
  void fetchPrintsOrSavesTheBodyThroughTheEngine() throws Exception {
    ChildProcess printed = jar("fetch", site.baseUrl() + "catalogue/product-1.html", "--headers");
    assertEquals(0, printed.exitCode(), printed.output());
    assertTrue(
        printed.stdout().startsWith("200 " + site.baseUrl() + "catalogue/product-1.html\n"),
        printed.output());
    assertTrue(printed.stdout().contains("<h1>"), printed.output());
    Path saved = dir.resolve("page.html");
    ChildProcess toFile = jar("fetch", site.baseUrl(), "-o", saved.toString());
    assertEquals(0, toFile.exitCode(), toFile.output());
    assertTrue(
        Files.readString(saved, StandardCharsets.UTF_8).contains("article class=\"product\""));
    ChildProcess missing = jar("fetch", site.baseUrl() + DemoCatalogue.MISSING_PATH.substring(1));
    assertEquals(1, missing.exitCode(), "a 404 is not a success: " + missing.output());
  }

  @Test
  void parseRunsOneCallbackOnOnePageAndPrintsItsItemsAndRequests() throws Exception {
    ChildProcess p = jar("parse", site.baseUrl() + "catalogue/product-1.html", "-c", "product");
    assertEquals(0, p.exitCode(), p.output());
    assertTrue(
        p.stdout().contains(">>> STATUS 200 " + site.baseUrl() + "catalogue/product-1.html"),
        p.output());
    String requests = p.stdout().substring(p.stdout().indexOf("# Requests"));
    assertTrue(
        requests.matches("(?s).*<GET " + site.baseUrl() + "\\S+\\.png> callback=image\n"),
        p.output());

    ChildProcess listing = jar("parse", site.baseUrl());
    assertEquals(0, listing.exitCode(), listing.output());
    long toProducts =
        listing.stdout().lines().filter(l -> l.endsWith("> callback=product")).count();
    assertEquals(22, toProducts, "20 products and 2 featured: " + listing.output());
    assertTrue(listing.stdout().contains("> callback=login"), listing.output());
  }

  @Test
  void checkRunsTheContractsAndFailsLoudlyWhenOneBreaks() throws Exception {
    ChildProcess ok = jar("check", "--base", site.baseUrl());
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.stdout().contains("OK    catalogue parse <" + site.baseUrl() + ">"), ok.output());
    assertTrue(
        ok.stdout()
            .contains("OK    catalogue product <" + site.baseUrl() + "catalogue/product-7.html>"),
        ok.output());
    assertTrue(ok.stdout().contains("Ran 2 contracts: OK"), ok.output());

    // a category no product has: product pages ask for no image, breaking the product contract
    ChildProcess broken =
        jar("check", "catalogue", "--base", site.baseUrl(), "-a", "category=None");
    assertEquals(1, broken.exitCode(), broken.output());
    assertTrue(broken.stdout().contains("FAIL  catalogue product <"), broken.output());
    assertTrue(
        broken.stdout().contains("returned 0 requests, expected exactly 1"), broken.output());
    assertTrue(broken.stdout().contains("Ran 2 contracts: 1 failed"), broken.output());

    // nothing listens at the contracts' own URLs here (port 1): a failed download is a FAIL too
    ChildProcess down = jar("check", "--base", "http://127.0.0.1:1/");
    assertEquals(1, down.exitCode(), down.output());
    assertTrue(down.stdout().contains("download failed"), down.output());
  }

  /** Runs the jar with {@code input} on its stdin; returns stdout + stderr, after exit code. */
  private String jarWithInput(String input, int expectedExit, String... args) throws Exception {
    Path in = Files.writeString(dir.resolve("stdin.txt"), input, StandardCharsets.UTF_8);
    Path out = dir.resolve("out.txt");
    List<String> command =
        new ArrayList<>(List.of(ChildProcess.JAVA.toString(), "-jar", ChildProcess.JAR.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(in.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "still running: " + command);
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(expectedExit, p.exitValue(), text);
    return text;
  }

  @Test
  void shellBindsTheResponseWithTheSpidersClassesAtHand() throws Exception {
    String session =
        jarWithInput(
            "response.status()\n"
                + "response.text().contains(\"<h1>\")\n"
                + "new io.streamspider.example.CatalogueSpider().getClass().getSimpleName()\n"
                + "/exit\n",
            0,
            "shell",
            site.baseUrl() + "catalogue/product-1.html");
    assertTrue(
        session.contains("response: 200 " + site.baseUrl() + "catalogue/product-1.html"), session);
    assertTrue(session.contains("$1 ==> 200"), session);
    assertTrue(session.contains("$2 ==> true"), session);
    assertTrue(session.contains("$3 ==> \"CatalogueSpider\""), session);
  }

  @Test
  void selectAndFormReadAPageOnStdin() throws Exception {
    String selected =
        jarWithInput("<ul><li>a</li><li>caf\u00e9</li></ul>", 0, "select", "--css", "li::text");
    assertEquals(
        List.of("a", "caf\u00e9"),
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(selected, List.class));
    assertTrue(selected.chars().allMatch(c -> c < 128), "ASCII only: " + selected);
    String bad = jarWithInput("<p>x</p>", 1, "select", "--css", "p:eq(0)");
    assertTrue(bad.contains("error"), bad);
  }

  @Test
  void mistakesAreUsageErrorsNamingThem() throws Exception {
    ChildProcess noCallback = jar("parse", site.baseUrl(), "-c", "nope");
    assertEquals(2, noCallback.exitCode(), noCallback.output());
    assertTrue(
        noCallback
            .stderr()
            .contains(
                "spider catalogue has no callback \"nope\"; its callbacks: [parse, login, members,"
                    + " product, image]"),
        noCallback.output());
    ChildProcess noUrl = jar("fetch");
    assertEquals(2, noUrl.exitCode(), noUrl.output());
    assertTrue(noUrl.stderr().contains("streamspider fetch: missing the URL"), noUrl.output());
    ChildProcess unknownSpider = jar("check", "books");
    assertEquals(2, unknownSpider.exitCode(), unknownSpider.output());
    assertTrue(
        unknownSpider.stderr().contains("spider not found: books (this jar has [catalogue])"),
        unknownSpider.output());
    ChildProcess badSetting = jar("fetch", site.baseUrl(), "-s", "DOWNLOAD_TIMEOUT=soon");
    assertEquals(2, badSetting.exitCode(), badSetting.output());
    assertTrue(badSetting.stderr().contains("DOWNLOAD_TIMEOUT"), badSetting.output());
  }
}
