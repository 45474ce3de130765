package io.streamspider.host.internal.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code select} against parsel's own answers (the conformance corpus), in-process for every case
 * and as a real child process for a few.
 */
class SelectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> cases() throws IOException {
    return cases("/conformance/parsel-cases.json");
  }

  static List<JsonNode> cases(String resource) throws IOException {
    try (InputStream in = SelectCommandTest.class.getResourceAsStream(resource)) {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(in).get("cases").forEach(out::add);
      return out;
    }
  }

  static String known() throws IOException {
    return known("/conformance/parsel-known-differences.txt");
  }

  static String known(String resource) throws IOException {
    try (InputStream in = SelectCommandTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What select must print for a corpus case: parsel's list, or an error object. */
  private static void assertPrints(JsonNode c, int exit, String out) throws IOException {
    assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "one line: " + out);
    assertTrue(out.chars().allMatch(ch -> ch < 128), "ASCII only: " + out);
    JsonNode printed = JSON.readTree(out);
    if (c.has("error")) {
      assertEquals(1, exit, out);
      assertTrue(printed.get("error").asText().length() > 0, out);
      if (c.get("type").asText().equals("css")) {
        assertEquals(c.get("error").asText(), printed.get("error").asText());
      }
    } else {
      assertEquals(0, exit, out);
      assertEquals(c.get("result"), printed, c.get("id").asText());
    }
  }

  private static String[] args(JsonNode c) {
    return new String[] {
      "--" + c.get("type").asText(), c.get("query").asText(), "--url", "http://example.com/"
    };
  }

  @Test
  void printsParselsResultsForEveryAgreeingCorpusCase() throws IOException {
    String known = known();
    int checked = 0;
    for (JsonNode c : cases()) {
      if (known.contains(c.get("id").asText() + " ")) {
        continue;
      }
      CommandRunner r = CommandRunner.run(SelectCommand::run, c.get("html").asText(), args(c));
      assertPrints(c, r.exit, r.out);
      checked++;
    }
    assertTrue(checked > 500, "cases checked: " + checked);
  }

  @Test
  void withXmlPrintsParselsXmlResultsForEveryAgreeingCase() throws IOException {
    String known = known("/conformance/parsel-xml-known-differences.txt");
    int checked = 0;
    for (JsonNode c : cases("/conformance/parsel-xml-cases.json")) {
      if (known.contains(c.get("id").asText() + " ")) {
        continue;
      }
      String[] plain = args(c);
      String[] withXml = java.util.Arrays.copyOf(plain, plain.length + 1);
      withXml[plain.length] = "--xml";
      CommandRunner r = CommandRunner.run(SelectCommand::run, c.get("html").asText(), withXml);
      assertPrints(c, r.exit, r.out);
      checked++;
    }
    assertTrue(checked > 140, "cases checked: " + checked);
  }

  @Test
  void runsAsAChildProcessOverRealPipes() throws Exception {
    int checked = 0;
    for (JsonNode c : cases()) {
      String q = c.get("query").asText();
      String group = c.get("group").asText();
      if (group.equals("css") && q.equals("h1")
          || group.equals("xpath") && q.equals("//th[.='Origin']/following-sibling::td/text()")
          || group.equals("css-error") && q.equals("p!")
          || group.equals("non-ascii")
              && q.equals("//title/text()")
              && c.get("html").asText().contains("Café")
          || group.equals("entities") && q.equals("//p[@id='g']/text()")) {
        ToolProcess p = ToolProcess.run(c.get("html").asText(), prepend("select", args(c)));
        assertPrints(c, p.exit, p.out);
        checked++;
      }
    }
    assertEquals(5, checked);
  }

  @Test
  void selectorSyntaxErrorsPrintAnErrorObjectAndExitOne() throws IOException {
    CommandRunner r = CommandRunner.run(SelectCommand::run, "<p>x</p>", "--xpath", "//p[");
    assertEquals(1, r.exit);
    assertEquals(
        "XPath error: Invalid expression in //p[", JSON.readTree(r.out).get("error").asText());
  }

  @Test
  void usageErrorsNameTheBadArgument() throws IOException {
    assertUsage("missing --css or --xpath");
    assertUsage("give one of --css and --xpath, not both", "--css", "p", "--xpath", "//p");
    assertUsage("--css needs a value", "--css");
    assertUsage("unknown option --cs", "--cs", "p");
    assertUsage("--css given more than once", "--css", "p", "--css", "a");
    assertUsage("unexpected argument p", "p");
  }

  private static void assertUsage(String message, String... args) throws IOException {
    CommandRunner r = CommandRunner.run(SelectCommand::run, "<p>x</p>", args);
    assertEquals(2, r.exit, r.out);
    assertEquals(message, JSON.readTree(r.out).get("error").asText());
    assertTrue(r.err.contains(message), r.err);
  }

  @Test
  void acceptsEqualsSyntaxAndPrintsHelp() throws IOException {
    CommandRunner joined =
        CommandRunner.run(SelectCommand::run, "<p>a</p><p>b</p>", "--css=p::text");
    CommandRunner split =
        CommandRunner.run(SelectCommand::run, "<p>a</p><p>b</p>", "--css", "p::text");
    assertEquals(0, joined.exit);
    assertEquals(split.out, joined.out);
    assertEquals(2, JSON.readTree(joined.out).size());
    CommandRunner help = CommandRunner.run(SelectCommand::run, "", "--help");
    assertEquals(0, help.exit);
    assertTrue(help.out.startsWith("usage: select"), help.out);
    assertFalse(help.out.contains("error"));
  }

  @Test
  void toolsMainRejectsAnUnknownCommand() throws Exception {
    ToolProcess p = ToolProcess.run("", "selekt", "--css", "p");
    assertEquals(2, p.exit);
    assertTrue(p.err.contains("unknown command selekt"), p.err);
  }

  static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
