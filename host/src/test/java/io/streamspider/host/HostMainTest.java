package io.streamspider.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.testing.HostRun;
import io.streamspider.host.testing.TestSite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: usage errors, external.json, and real crawls started by it. */
class HostMainTest {
  private static TestSite site;

  @BeforeAll
  static void startSite() throws Exception {
    site = new TestSite();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private record Outcome(int exit, String out, String err) {}

  private static Outcome main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        HostMain.run(
            List.of(args),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertUsage(Outcome o, String text) {
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().contains(text), o.err());
  }

  @Test
  void usageErrorsNameTheBadArgument() {
    assertUsage(main(), "Usage: streamspider-host COMMAND");
    assertUsage(main("fly"), "unknown command fly");
    assertUsage(main("streaming"), "streaming: missing the spider command");
    assertUsage(main("streaming", "-s", "NOEQUALS", "x"), "-s NOEQUALS: expected NAME=VALUE");
    assertUsage(main("streaming", "-a"), "-a needs a value");
    assertUsage(main("streaming", "--frobnicate", "x"), "unknown option --frobnicate");
    assertUsage(main("streaming", "-L", "LOUD", "x"), "-L LOUD: expected CRITICAL");
    assertUsage(main("streaming", "-s", "LOG_LEVEL=chatty", "x"), "-s LOG_LEVEL=chatty");
    assertUsage(main("streaming", "--drain-timeout", "soon", "x"), "--drain-timeout soon");
    assertUsage(main("crawl"), "crawl: missing the spider name");
    assertUsage(main("crawl", "a", "b"), "expected one spider name, got a b");
    assertEquals(0, main("--help").exit());
    assertTrue(main("--help").out().contains("--allow-stderr"));
  }

  @Test
  void listPrintsTheSortedNamesOfExternalJson(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("external.json"),
        "[{\"name\": \"zeta\", \"command\": \"z\"}, {\"name\": \"alpha\", \"command\": \"java\","
            + " \"args\": [\"-jar\", \"a.jar\"]}]");
    Outcome o = main("list", "--project", dir.toString());
    assertEquals(0, o.exit(), o.err());
    assertEquals("alpha\nzeta\n", o.out().replace("\r\n", "\n"));
  }

  @Test
  void badExternalJsonIsReportedWithItsPath(@TempDir Path dir) throws Exception {
    Outcome missing = main("list", "--project", dir.toString());
    assertEquals(1, missing.exit());
    assertTrue(
        missing.err().contains("Could not find " + dir.resolve("external.json").toAbsolutePath()),
        missing.err());

    for (String[] c :
        new String[][] {
          {"{\"name\": \"a\"}", "must be defined as a JSON array"},
          {"[{\"name\": \"a\"", "is not valid JSON"},
          {"[42]", "entry 0 is not an object"},
          {"[{\"name\": \"a\"}]", "entry 0: \"command\" must be a non-empty string"},
          {
            "[{\"name\": \"a\", \"command\": \"c\", \"args\": [1]}]",
            "'args' must be defined as an array of strings"
          },
          {"[{\"name\": \"a\", \"command\": \"c\", \"cwd\": \"/\"}]", "unknown field \"cwd\""},
          {
            "[{\"name\": \"a\", \"command\": \"c\"}, {\"name\": \"a\", \"command\": \"d\"}]",
            "entry 1: the name \"a\" is used twice"
          }
        }) {
      Files.writeString(dir.resolve("external.json"), c[0]);
      Outcome o = main("list", "--project", dir.toString());
      assertEquals(1, o.exit(), c[0]);
      assertTrue(o.err().contains(c[1]), c[0] + " -> " + o.err());
      assertTrue(
          o.err().contains(dir.resolve("external.json").toAbsolutePath().toString()), o.err());
    }
  }

  @Test
  void crawlRunsTheNamedSpiderWithItsArgsAndSpiderArguments(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            site,
            "recv 1\n"
                + "argv\n"
                + "send {\"type\": \"spider\", \"name\": \"ext\", \"start_urls\":"
                + " [\"${BASE}/p1.html\"]}\n"
                + "recv 1\n"
                + "send {\"type\": \"close\"}\n",
            dir);
    List<String> cmd = spider.command();
    StringBuilder args = new StringBuilder();
    for (String a : cmd.subList(1, cmd.size())) {
      args.append(args.length() == 0 ? "" : ", ").append('"').append(a).append('"');
    }
    Files.writeString(
        dir.resolve("external.json"),
        "[{\"name\": \"ext\", \"command\": \"" + cmd.get(0) + "\", \"args\": [" + args + "]}]");

    assertUsage(
        main("crawl", "nope", "--project", dir.toString()),
        "Spider not found: nope (external.json has: ext)");

    Outcome o =
        main("crawl", "ext", "--project", dir.toString(), "-a", "category=books", "-L", "INFO");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.err().contains("[spider] INFO: [\"-a\", \"category=books\"]"), o.err());
    assertTrue(o.err().contains("[scrapy.core.engine] INFO: Spider closed (finished)"), o.err());
    assertTrue(
        o.err().matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[host\\] INFO: .*"),
        o.err());
    assertEquals(2, spider.received().size());
    assertTrue(spider.received().get(1).contains("Page 1"));
  }

  @Test
  void streamingTakesScrapyStreamingsCommandLine(@TempDir Path dir) throws Exception {
    HostRun.Spider spider =
        HostRun.pythonSpider(
            site,
            "recv 1\n"
                + "argv\n"
                + "send {\"type\": \"spider\", \"name\": \"s\", \"start_urls\": []}\n"
                + "send {\"type\": \"close\"}\n",
            dir);
    List<String> cmd = spider.command(); // python3 scripted_spider.py SCRIPT TRANSCRIPT
    // scrapy streaming [-a ARG1,ARG2]... [--args=ARG1,ARG2] [-a=...] EXECUTABLE, options anywhere
    Outcome o =
        main(
            "streaming",
            "-a",
            cmd.get(1) + "," + cmd.get(2),
            "-s",
            "LOG_LEVEL=INFO",
            "--args=" + cmd.get(3) + ",x=1",
            cmd.get(0),
            "-a=-jar,",
            "-ay",
            "--arg",
            "with,comma",
            "--spider-arg",
            "category=books");
    assertEquals(0, o.exit(), o.err());
    assertTrue(
        o.err()
            .contains(
                "[spider] INFO: [\"x=1\", \"-jar\", \"\", \"y\", \"with,comma\", \"-a\","
                    + " \"category=books\"]"),
        o.err());
    assertTrue(!o.err().contains("DEBUG"), "LOG_LEVEL=INFO hides debug lines: " + o.err());

    // the whole command after --, as before
    List<String> args = new ArrayList<>(List.of("streaming", "-L", "INFO", "-a", "after", "--"));
    args.addAll(cmd);
    args.add("x=2");
    Outcome dashes = main(args.toArray(String[]::new));
    assertEquals(0, dashes.exit(), dashes.err());
    assertTrue(dashes.err().contains("[spider] INFO: [\"x=2\", \"after\"]"), dashes.err());

    // one executable only; its arguments come through -a, as under Scrapy
    assertUsage(
        main("streaming", cmd.get(0), cmd.get(1)),
        "expected one executable, got " + cmd.get(0) + " " + cmd.get(1));
    // argparse refuses a separate value that looks like an option
    assertUsage(
        main("streaming", "-a", "-jar,x.jar", "java"),
        "-a needs a value; -jar,x.jar looks like an option");
  }

  @Test
  void selectAndFormAreTheToolsCommands() {
    String html = TestSite.FORM;
    List<Integer> exits = new ArrayList<>();
    for (List<String> args :
        List.of(
            List.of("select", "--css", "option::attr(value)"),
            List.of(
                "form",
                "--url",
                "http://example.com/form.html",
                "--formname",
                "search",
                "--formdata",
                "q=java"),
            List.of("form", "--formnumber", "9"),
            List.of("select"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit =
          args.get(0).equals("select")
              ? io.streamspider.host.internal.tools.SelectCommand.run(
                  args.subList(1, args.size()), in(html), print(out), print(err))
              : io.streamspider.host.internal.tools.FormCommand.run(
                  args.subList(1, args.size()), in(html), print(out), print(err));
      ByteArrayOutputStream hostOut = new ByteArrayOutputStream();
      ByteArrayOutputStream hostErr = new ByteArrayOutputStream();
      int hostExit = HostMain.run(args, in(html), print(hostOut), print(hostErr));
      assertEquals(exit, hostExit, args.toString());
      assertEquals(
          out.toString(StandardCharsets.UTF_8),
          hostOut.toString(StandardCharsets.UTF_8),
          args.toString());
      assertEquals(
          err.toString(StandardCharsets.UTF_8),
          hostErr.toString(StandardCharsets.UTF_8),
          args.toString());
      exits.add(hostExit);
    }
    // two that work, a form that does not exist, a usage error
    assertEquals(0, exits.get(0));
    assertEquals(0, exits.get(1));
    assertTrue(exits.get(2) != 0 && exits.get(2) != 2, exits.toString());
    assertEquals(2, exits.get(3));
  }

  private static ByteArrayInputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  @Test
  void aSpiderThatCannotStartIsAnError() {
    Outcome o = main("streaming", "/nonexistent/spider-binary");
    assertEquals(1, o.exit(), o.err());
    assertTrue(o.err().contains("Could not start the spider"), o.err());
  }
}
