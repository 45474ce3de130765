package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The spider jar's command line, run as a real process. */
@Timeout(60)
class CommandLineIT {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  static Run run(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(RuntimeJar.command(List.of(args)));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void listPrintsSpiderNames() throws Exception {
    Run r = run("--list");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("shop", "titles"), r.out().lines().toList());
  }

  @Test
  void externalJsonIsReadyToPasteWithAbsolutePaths() throws Exception {
    Run r = run("--external-json", "-o", "items.jsonl", "-a", "category=books");
    assertEquals(0, r.exit(), r.err());
    JsonNode a = JSON.readTree(r.out());
    assertEquals(2, a.size());
    JsonNode shop = a.get(0);
    assertEquals("shop", shop.get("name").asText());
    String java = shop.get("command").asText();
    assertTrue(new File(java).isAbsolute() && new File(java).canExecute(), java);
    List<String> args = JSON.convertValue(shop.get("args"), List.class);
    assertEquals("-cp", args.get(0));
    for (String entry : args.get(1).split(File.pathSeparator)) {
      assertTrue(new File(entry).isAbsolute(), entry);
    }
    assertEquals("io.streamspider.runtime.StreamSpider", args.get(2));
    assertEquals("shop", args.get(3));
    assertEquals("-o", args.get(4));
    assertEquals(new File("items.jsonl").getAbsolutePath(), args.get(5));
    assertEquals(List.of("-a", "category=books"), args.subList(6, 8));
  }

  @Test
  void helpAndVersion() throws Exception {
    Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--external-json"), help.out());
    Run version = run("--version");
    assertEquals(0, version.exit());
    assertTrue(
        version.out().matches("streamspider \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), version.out());
  }

  @Test
  void usageErrorsNameTheArgument() throws Exception {
    Run r = run("--bogus");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown option --bogus"), r.err());
    r = run("shop", "-s");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("-s needs a value"), r.err());
    r = run();
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains("this jar holds several spiders; name one of [shop, titles]"), r.err());
    r = run("nosuch");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("no spider named nosuch"), r.err());
    r = run("shop", "-s", "IDLE_TIMEOUT=soon");
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains("-s IDLE_TIMEOUT=soon: expected a positive number of seconds"), r.err());
    r = run("shop", "-s", "LOG_LEVEL=LOUD");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("-s LOG_LEVEL=LOUD"), r.err());
    r = run("shop", "extra");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unexpected argument extra"), r.err());
  }

  @Test
  void localSelectorsAndLocalHostNeedTheHostModule() throws Exception {
    Run r = run("shop", "-s", "SELECTORS=local");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("-s SELECTORS=local needs the embedded host"), r.err());
    r = run("shop", "--local");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--local needs the embedded host"), r.err());
  }

  @Test
  void hostOptionsNeedLocalAndADrainTimeoutIsANumber() throws Exception {
    Run r = run("shop", "--allow-stderr");
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains("--allow-stderr is an option of the embedded host: use it with --local"),
        r.err());
    r = run("shop", "--local", "--drain-timeout", "soon");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--drain-timeout soon: expected a number of seconds"), r.err());
  }

  @Test
  void shubImageInfoPrintsTheJarsSpidersForScrapyCloud() throws Exception {
    Run r = run("--shub-image-info");
    assertEquals(0, r.exit(), r.err());
    assertEquals("{\"project_type\": \"other\", \"spiders\": [\"shop\", \"titles\"]}\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void shubStartCrawlNamesWhatIsWrongWithTheJob() throws Exception {
    Run r =
        run(
            Map.of(
                "SHUB_SPIDER",
                "shop",
                "SHUB_FIFO_PATH",
                "/nonexistent/job.fifo",
                "SHUB_JOB_DATA",
                "{\"spider_args\": ["),
            "--shub-start-crawl");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("start-crawl: SHUB_JOB_DATA is not valid JSON"), r.err());
    assertEquals("", r.out());

    // the job's command line goes through the jar's own checks
    r =
        run(
            Map.of("SHUB_SPIDER", "nosuch", "SHUB_FIFO_PATH", "/nonexistent/job.fifo"),
            "--shub-start-crawl");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("no spider named nosuch; this jar holds [shop, titles]"), r.err());
    r =
        run(
            Map.of(
                "SHUB_SPIDER",
                "shop",
                "SHUB_FIFO_PATH",
                "/nonexistent/job.fifo",
                "SHUB_JOB_DATA",
                "{\"spider_args\": {\"colour\": \"red\"}}"),
            "--shub-start-crawl");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("unknown spider argument -a colour for spider shop"), r.err());
    // this class path has no embedded host: start-crawl runs the job with --local
    r =
        run(
            Map.of("SHUB_SPIDER", "shop", "SHUB_FIFO_PATH", "/nonexistent/job.fifo"),
            "--shub-start-crawl");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--local needs the embedded host"), r.err());
    assertTrue(
        r.out().startsWith("start-crawl: shop --local --fifo /nonexistent/job.fifo"), r.out());
  }
}
