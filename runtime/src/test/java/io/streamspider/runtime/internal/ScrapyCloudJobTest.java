package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapyCloudJobTest {
  private static final String FIFO = "/dev/shm/job.fifo";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<List<String>> crawls = new ArrayList<>();

  @Test
  void spiderArgumentsBecomeDashAInTheirOrder() {
    Map<String, String> env =
        Map.of(
            "SHUB_SPIDER",
            "catalogue",
            "SHUB_FIFO_PATH",
            FIFO,
            "SHUB_JOB_DATA",
            "{\"key\": \"1/2/3\", \"spider\": \"catalogue\", \"spider_args\": {\"user\": \"ana\","
                + " \"password\": \"p=w d\\\"x\", \"pages\": 3, \"fast\": true}, \"units\": 1}");
    assertEquals(
        List.of(
            "catalogue",
            "--local",
            "-a",
            "user=ana",
            "-a",
            "password=p=w d\"x",
            "-a",
            "pages=3",
            "-a",
            "fast=true",
            "--fifo",
            FIFO,
            "-s",
            "LOG_LEVEL=INFO"),
        ScrapyCloudJob.arguments(env, List.of("-s", "LOG_LEVEL=INFO")));
  }

  @Test
  void spiderNameFallsBackToTheJobData() {
    Map<String, String> env =
        Map.of("SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{\"spider\": \"catalogue\"}");
    assertEquals(
        List.of("catalogue", "--local", "--fifo", FIFO), ScrapyCloudJob.arguments(env, List.of()));
  }

  @Test
  void badEnvironmentNamesWhatIsWrong() {
    assertMessage(
        "SHUB_JOB_DATA is not valid JSON",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{\"spider_args\": {"));
    assertMessage(
        "SHUB_JOB_DATA must be a JSON object",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "[1]"));
    assertMessage(
        "spider_args must be an object",
        Map.of(
            "SHUB_SPIDER",
            "s",
            "SHUB_FIFO_PATH",
            FIFO,
            "SHUB_JOB_DATA",
            "{\"spider_args\": [\"a\"]}"));
    assertMessage(
        "spider_args.user must be a string, number or boolean",
        Map.of(
            "SHUB_SPIDER",
            "s",
            "SHUB_FIFO_PATH",
            FIFO,
            "SHUB_JOB_DATA",
            "{\"spider_args\": {\"user\": {\"x\": 1}}}"));
    assertMessage(
        "spider_args.user contains a NUL character",
        Map.of(
            "SHUB_SPIDER",
            "s",
            "SHUB_FIFO_PATH",
            FIFO,
            "SHUB_JOB_DATA",
            "{\"spider_args\": {\"user\": \"a\\u0000b\"}}"));
    assertMessage(
        "argument name \"a=b\"",
        Map.of(
            "SHUB_SPIDER",
            "s",
            "SHUB_FIFO_PATH",
            FIFO,
            "SHUB_JOB_DATA",
            "{\"spider_args\": {\"a=b\": \"c\"}}"));
    assertMessage("SHUB_SPIDER is not set", Map.of("SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{}"));
    assertMessage("SHUB_FIFO_PATH is not set", Map.of("SHUB_SPIDER", "s", "SHUB_JOB_DATA", "{}"));
    // a name the jar would read as one of its options
    assertMessage(
        "SHUB_SPIDER \"--list\" is not a spider name",
        Map.of("SHUB_SPIDER", "--list", "SHUB_FIFO_PATH", FIFO));
    assertMessage(
        "SHUB_JOB_DATA field spider \"-a\" is not a spider name",
        Map.of("SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{\"spider\": \"-a\"}"));
  }

  @Test
  void startCrawlRunsTheJobsCommandLineAndReturnsItsExitCode() {
    Map<String, String> env =
        Map.of(
            "SHUB_SPIDER",
            "shop",
            "SHUB_FIFO_PATH",
            FIFO,
            "SHUB_JOB_DATA",
            "{\"spider_args\": {\"category\": \"Küche\"}}");
    int exit = run(env, 7, "--shub-start-crawl", "-s", "LOG_LEVEL=INFO");
    assertEquals(7, exit);
    List<String> expected =
        List.of("shop", "--local", "-a", "category=Küche", "--fifo", FIFO, "-s", "LOG_LEVEL=INFO");
    assertEquals(List.of(expected), crawls);
    assertEquals("start-crawl: " + String.join(" ", expected) + "\n", text(out));
    assertEquals("", text(err));
  }

  @Test
  void startCrawlWithABadEnvironmentRunsNothingAndExits2() {
    int exit = run(Map.of("SHUB_SPIDER", "shop"), 0, "--shub-start-crawl");
    assertEquals(2, exit);
    assertEquals(List.of(), crawls);
    assertEquals("", text(out));
    assertTrue(text(err).startsWith("start-crawl: SHUB_FIFO_PATH is not set"), text(err));
  }

  @Test
  void imageInfoListsTheJarsSpidersAsJson() throws Exception {
    assertEquals(0, run(Map.of(), 0, "--shub-image-info"));
    // the test class path registers these two spiders
    assertEquals("{\"project_type\": \"other\", \"spiders\": [\"shop\", \"titles\"]}\n", text(out));
    assertEquals(List.of(), crawls);
    assertEquals(
        "{\"project_type\": \"other\", \"spiders\": [\"a\\\"b\\\\c\", \"caf\u00e9\"]}",
        ScrapyCloudJob.imageInfo(List.of("a\"b\\c", "café")));
    assertEquals(
        List.of("a\"b\\c", "café"),
        new ObjectMapper()
            .convertValue(
                new ObjectMapper()
                    .readTree(ScrapyCloudJob.imageInfo(List.of("a\"b\\c", "café")))
                    .get("spiders"),
                List.class));
  }

  @Test
  void imageInfoTakesNoArguments() {
    assertEquals(2, run(Map.of(), 0, "--shub-image-info", "shop"));
    assertEquals("", text(out));
    assertTrue(text(err).contains("takes no arguments"), text(err));
  }

  @Test
  void onlyTheFirstArgumentSelectsACommand() {
    assertTrue(Launcher.scrapyCloudCommand("--shub-image-info"));
    assertTrue(Launcher.scrapyCloudCommand("--shub-start-crawl"));
    assertTrue(!Launcher.scrapyCloudCommand("shop") && !Launcher.scrapyCloudCommand("--list"));
  }

  private int run(Map<String, String> env, int crawlExit, String... argv) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return ScrapyCloudJob.run(
        argv,
        env,
        Launcher.loadSpiders(),
        o,
        e,
        args -> {
          crawls.add(Arrays.asList(args));
          return crawlExit;
        });
  }

  private static String text(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ScrapyCloudJob.arguments(env, List.of()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
