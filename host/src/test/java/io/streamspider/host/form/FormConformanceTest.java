package io.streamspider.host.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.select.ConformanceSupport;
import io.streamspider.runtime.generated.FormSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@code form-cases.json} (written by {@code gen_forms.py} with the real Scrapy 2.8)
 * against {@link FormSubmitter}: method, URL, body and headers must be equal, and so must the error
 * text (element addresses in reprs aside). Known differences are listed in {@code
 * form-known-differences.txt} and asserted exactly.
 */
class FormConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void buildsTheRequestScrapyBuildsForEveryCase() throws IOException {
    JsonNode doc = JSON.readTree(resource("/conformance/form-cases.json"));
    Map<String, String> known =
        ConformanceSupport.knownDifferences(resource("/conformance/form-known-differences.txt"));
    List<String> disagreeing = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int total = 0;
    int agree = 0;
    int errors = 0;
    for (JsonNode c : doc.get("cases")) {
      total++;
      if (c.has("error")) {
        errors++;
      }
      String outcome = outcome(c);
      if (outcome == null) {
        agree++;
        continue;
      }
      String id = c.get("id").asText();
      disagreeing.add(id);
      if (!known.containsKey(id)) {
        report
            .append("\n")
            .append(id)
            .append(" (")
            .append(c.get("name").asText())
            .append(") ")
            .append(c.get("kwargs"))
            .append("\n  ")
            .append(outcome);
      }
    }
    System.out.printf(
        "form conformance: %d/%d cases agree with Scrapy (%.1f%%; %d are errors)%n",
        agree, total, 100.0 * agree / total, errors);
    List<String> fixed = new ArrayList<>(known.keySet());
    fixed.removeAll(disagreeing);
    if (!fixed.isEmpty()) {
      report.append("\nlisted as known differences but now agree: ").append(fixed);
    }
    assertEquals("", report.toString(), "cases disagreeing with Scrapy (all: " + disagreeing + ")");
    assertTrue(total >= 60, "at least 60 cases");
  }

  static FormSpec spec(JsonNode kwargs) {
    Map<String, Object> formdata = null;
    if (kwargs.has("formdata")) {
      formdata = new LinkedHashMap<>();
      var it = kwargs.get("formdata").fields();
      while (it.hasNext()) {
        var e = it.next();
        JsonNode v = e.getValue();
        if (v.isNull()) {
          formdata.put(e.getKey(), null);
        } else if (v.isArray()) {
          List<String> l = new ArrayList<>();
          v.forEach(x -> l.add(x.asText()));
          formdata.put(e.getKey(), l);
        } else {
          formdata.put(e.getKey(), v.asText());
        }
      }
    }
    Map<String, String> clickdata = null;
    if (kwargs.has("clickdata")) {
      clickdata = new LinkedHashMap<>();
      var it = kwargs.get("clickdata").fields();
      while (it.hasNext()) {
        var e = it.next();
        clickdata.put(e.getKey(), e.getValue().asText());
      }
    }
    return new FormSpec(
        text(kwargs, "formname"),
        text(kwargs, "formxpath"),
        text(kwargs, "formcss"),
        kwargs.has("formnumber") ? kwargs.get("formnumber").asInt() : null,
        formdata,
        clickdata,
        kwargs.has("dont_click") ? kwargs.get("dont_click").asBoolean() : null);
  }

  /** Python codec names as Java charsets. */
  static Charset charset(String python) {
    switch (python) {
      case "cp1252":
        return Charset.forName("windows-1252");
      default:
        return Charset.forName(python);
    }
  }

  private static String text(JsonNode n, String field) {
    return n.has(field) ? n.get(field).asText() : null;
  }

  private static String outcome(JsonNode c) {
    FormSubmission got;
    try {
      got =
          FormSubmitter.fromResponse(
              c.get("html").asText(),
              c.get("url").asText(),
              spec(c.get("kwargs")),
              charset(c.get("encoding").asText()));
    } catch (FormException e) {
      if (!c.has("error")) {
        return "we raised: " + e.getMessage() + "\n  scrapy: " + c.get("expected");
      }
      String expected = addresses(c.get("error").asText());
      return expected.equals(addresses(e.getMessage()))
          ? null
          : "error text differs:\n  expected " + expected + "\n  got      " + e.getMessage();
    } catch (RuntimeException e) {
      return "we crashed: " + e;
    }
    if (c.has("error")) {
      return "we built " + got + "\n  scrapy raised: " + c.get("error").asText();
    }
    JsonNode x = c.get("expected");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    var it = x.get("headers").fields();
    while (it.hasNext()) {
      var e = it.next();
      List<String> l = new ArrayList<>();
      e.getValue().forEach(v -> l.add(v.asText()));
      headers.put(e.getKey(), l);
    }
    FormSubmission expected =
        new FormSubmission(
            x.get("method").asText(), x.get("url").asText(), x.get("body").asText(), headers);
    return expected.equals(got) ? null : "expected " + expected + "\n  got      " + got;
  }

  /** Python's element reprs carry memory addresses; compare them as one token. */
  private static String addresses(String s) {
    return s.replaceAll("[0-9a-f]{12}", "ADDR");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = FormConformanceTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
