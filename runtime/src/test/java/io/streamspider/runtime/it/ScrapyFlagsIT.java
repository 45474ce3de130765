package io.streamspider.runtime.it;

import static io.streamspider.harness.ScriptedHost.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.it.CommandLineIT.Run;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scrapy's spellings of the options, through the real jar: what they become is what {@code
 * --external-json} forwards to the spider command.
 */
@Timeout(60)
class ScrapyFlagsIT {
  /** The options --external-json forwards for the shop spider. */
  private static List<String> forwarded(String... options) throws Exception {
    String[] args = new String[options.length + 2];
    args[0] = "shop";
    args[1] = "--external-json";
    System.arraycopy(options, 0, args, 2, options.length);
    Run r = CommandLineIT.run(args);
    assertEquals(0, r.exit(), r.err());
    List<String> all = JSON.convertValue(JSON.readTree(r.out()).get(0).get("args"), List.class);
    return all.subList(4, all.size());
  }

  @Test
  void longFormsAndEqualsFormsMeanTheShortOnes() throws Exception {
    String items = new File("items.jsonl").getAbsolutePath();
    String all = new File("all.json").getAbsolutePath();
    assertEquals(
        List.of(
            "-s", "DOWNLOAD_DELAY=2",
            "-s", "USER_AGENT=a=b",
            "-o", items,
            "-O", all,
            "-o", items,
            "-O", all),
        forwarded(
            "--set",
            "DOWNLOAD_DELAY=2",
            "--set=USER_AGENT=a=b",
            "--output=items.jsonl",
            "--overwrite-output=all.json",
            "--output",
            "items.jsonl",
            "--overwrite-output",
            "all.json"));
  }

  @Test
  void scrapyLoggingFlagsBecomeSettings() throws Exception {
    assertEquals(
        List.of(
            "-s", "LOG_LEVEL=INFO",
            "-s", "LOG_LEVEL=WARNING",
            "-s", "LOG_LEVEL=ERROR",
            "-s", "LOG_FILE=crawl.log",
            "-s", "LOG_FILE=other.log",
            "-s", "LOG_ENABLED=False"),
        forwarded(
            "-L",
            "INFO",
            "--loglevel",
            "WARNING",
            "--loglevel=ERROR",
            "--logfile",
            "crawl.log",
            "--logfile=other.log",
            "--nolog"));
  }

  @Test
  void valuesAreNeverRewritten() throws Exception {
    assertEquals(List.of("-a", "category=--nolog"), forwarded("-a", "category=--nolog"));
  }

  @Test
  void aBadLogLevelByAnySpellingIsAUsageError() throws Exception {
    Run r = CommandLineIT.run("shop", "--loglevel=LOUD");
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err().contains("-s LOG_LEVEL=LOUD: expected DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        r.err());
    r = CommandLineIT.run("shop", "--output");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--output needs a value"), r.err());
    r = CommandLineIT.run("--list=yes");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--list takes no value (--list=yes)"), r.err());
  }

  @Test
  void helpListsCommandsAndOptionsTogether() throws Exception {
    Run help = CommandLineIT.run("--help");
    assertEquals(0, help.exit(), help.err());
    for (String s :
        List.of(
            "crawl NAME",
            "list ",
            "streaming CMD",
            "fetch URL",
            "parse URL",
            "check [SPIDER]",
            "shell URL",
            "-s, --set NAME=VALUE",
            "-L, --loglevel LEVEL",
            "--logfile FILE",
            "--nolog",
            "-o, --output FILE",
            "-O, --overwrite-output FILE",
            "--external-json",
            "--local")) {
      assertTrue(help.out().contains(s), s + " in\n" + help.out());
    }
  }

  @Test
  void hostCommandsNeedTheHostInTheJar() throws Exception {
    // this jar (the runtime and its test spiders) has no embedded host
    Run r = CommandLineIT.run("crawl", "shop");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("crawl is a command of the embedded host"), r.err());
  }
}
