package io.streamspider.host.internal.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code form} against Scrapy's own answers (the form corpus): every case whose arguments the
 * command line can express, in-process, and a few as a real child process.
 */
class FormCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> cases() throws IOException {
    try (InputStream in =
        FormCommandTest.class.getResourceAsStream("/conformance/form-cases.json")) {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(in).get("cases").forEach(out::add);
      return out;
    }
  }

  static String known() throws IOException {
    try (InputStream in =
        FormCommandTest.class.getResourceAsStream("/conformance/form-known-differences.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The command line for a case's from_response kwargs; null if it cannot say them. */
  static List<String> args(JsonNode c) {
    if (!c.get("encoding").asText().equals("utf-8")) {
      return null; // the command reads UTF-8 pages
    }
    List<String> a = new ArrayList<>(List.of("--url", c.get("url").asText()));
    JsonNode k = c.get("kwargs");
    for (String f : new String[] {"formname", "formxpath", "formcss", "formnumber"}) {
      if (k.has(f)) {
        a.add("--" + f);
        a.add(k.get(f).asText());
      }
    }
    if (k.has("formdata")) {
      if (k.get("formdata").size() == 0) {
        return null; // {} cannot be written as options
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = k.get("formdata").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().contains("=")) {
          return null;
        }
        JsonNode v = e.getValue();
        if (v.isNull()) {
          a.add("--formdata");
          a.add(e.getKey());
        } else if (v.isArray()) {
          if (v.size() < 2) {
            return null; // [] and [x] are not expressible as repeated options
          }
          for (JsonNode x : v) {
            a.add("--formdata");
            a.add(e.getKey() + "=" + x.asText());
          }
        } else {
          a.add("--formdata");
          a.add(e.getKey() + "=" + v.asText());
        }
      }
    }
    if (k.has("clickdata")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = k.get("clickdata").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        a.add("--clickdata");
        a.add(e.getKey() + "=" + e.getValue().asText());
      }
    }
    if (k.has("dont_click") && k.get("dont_click").asBoolean()) {
      a.add("--dont-click");
    }
    return a;
  }

  private static void assertPrints(JsonNode c, int exit, String out) throws IOException {
    assertTrue(out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, "one line: " + out);
    JsonNode printed = JSON.readTree(out);
    String id = c.get("id").asText();
    if (c.has("error")) {
      assertEquals(1, exit, id + " " + out);
      assertEquals(
          c.get("error").asText().replaceAll("[0-9a-f]{12}", "ADDR"),
          printed.get("error").asText().replaceAll("[0-9a-f]{12}", "ADDR"),
          id);
    } else {
      assertEquals(0, exit, id + " " + out);
      assertEquals(c.get("expected"), printed, id);
    }
  }

  @Test
  void printsTheRequestScrapyBuildsForEveryExpressibleCase() throws IOException {
    String known = known();
    int checked = 0;
    for (JsonNode c : cases()) {
      List<String> a = args(c);
      if (a == null || known.contains(c.get("id").asText() + " ")) {
        continue;
      }
      CommandRunner r =
          CommandRunner.run(FormCommand::run, c.get("html").asText(), a.toArray(new String[0]));
      assertPrints(c, r.exit, r.out);
      checked++;
    }
    assertTrue(checked >= 90, "cases checked: " + checked);
  }

  @Test
  void runsAsAChildProcessOverRealPipes() throws Exception {
    int checked = 0;
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      if (name.equals("post form")
          || name.equals("formdata list for a repeated field")
          || name.equals("clickdata matching nothing")
          || name.equals("non-ASCII values")) {
        List<String> a = new ArrayList<>(List.of("form"));
        a.addAll(args(c));
        ToolProcess p = ToolProcess.run(c.get("html").asText(), a.toArray(new String[0]));
        assertPrints(c, p.exit, p.out);
        checked++;
      }
    }
    assertEquals(4, checked);
  }

  @Test
  void usageErrorsNameTheBadArgument() throws IOException {
    assertUsage("--formnumber expects an integer, got 'two'", "--formnumber", "two");
    assertUsage("--clickdata expects NAME=VALUE, got 'go'", "--clickdata", "go");
    assertUsage("--formdata expects NAME=VALUE, got '=x'", "--formdata", "=x");
    assertUsage("--dont-click takes no value, got --dont-click=yes", "--dont-click=yes");
    assertUsage("unknown option --form-name", "--form-name", "x");
    assertUsage("--url given more than once", "--url", "http://a/", "--url", "http://b/");
  }

  private static void assertUsage(String message, String... args) throws IOException {
    CommandRunner r = CommandRunner.run(FormCommand::run, "<form></form>", args);
    assertEquals(2, r.exit, r.out);
    assertEquals(message, JSON.readTree(r.out).get("error").asText());
    assertTrue(r.err.contains(message), r.err);
  }

  @Test
  void formdataOptionsBuildScrapysFormdata() throws Exception {
    Map<String, Object> d = FormCommand.formdata(List.of("a=1", "b", "c=x", "c=y", "c=z", "e="));
    assertEquals(List.of("a", "b", "c", "e"), new ArrayList<>(d.keySet()));
    assertEquals("1", d.get("a"));
    assertEquals(null, d.get("b"));
    assertEquals(List.of("x", "y", "z"), d.get("c"));
    assertEquals("", d.get("e"));
  }
}
