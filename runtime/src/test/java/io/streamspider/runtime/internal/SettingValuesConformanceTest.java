package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@code setting-values.json}, written by {@code
 * runtime/src/test/python/setting_values.py} with the real Scrapy 2.8's {@code Settings}: what
 * {@code getbool}, {@code getint}, {@code getfloat} and {@code getlist} give for a raw value, text
 * (as {@code -s NAME=VALUE} gives it) or JSON (as {@code custom_settings} give it), or whether they
 * raise. Where Scrapy raises, {@link SettingValues} must refuse the value too ({@code getbool} with
 * Scrapy's own text). The deliberate differences are listed, with their reasons, in {@code
 * setting-values-known-differences.txt}; each must still differ.
 */
class SettingValuesConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyGetterReadsEveryValueAsScrapyDoes() throws IOException {
    JsonNode doc;
    try (InputStream in = resource("/conformance/setting-values.json")) {
      doc = JSON.readTree(in);
    }
    Map<String, String> known = knownDifferences();
    Map<String, Function<Object, Object>> getters = new LinkedHashMap<>();
    getters.put("getbool", SettingValues::getbool);
    getters.put("getint", SettingValues::getint);
    getters.put("getfloat", SettingValues::getfloat);
    getters.put("getlist", SettingValues::getlist);
    List<String> failures = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    int checks = 0;
    for (JsonNode c : doc.get("cases")) {
      JsonNode rawNode = c.get("raw");
      Object raw = JSON.treeToValue(rawNode, Object.class);
      for (Map.Entry<String, Function<Object, Object>> g : getters.entrySet()) {
        checks++;
        String key = g.getKey() + " " + JSON.writeValueAsString(rawNode);
        String problem = compare(g.getKey(), c.get(g.getKey()), raw, g.getValue());
        if (problem != null) {
          differing.add(key);
          if (!known.containsKey(key)) {
            failures.add(key + ": " + problem);
          }
        }
      }
    }
    assertTrue(checks > 250, "the data holds " + checks + " checks");
    assertEquals(List.of(), failures, "values read differently from Scrapy");
    List<String> stale = new ArrayList<>(known.keySet());
    stale.removeAll(differing);
    assertEquals(List.of(), stale, "known differences that now agree: remove them from the list");
  }

  private static String compare(
      String getter, JsonNode expected, Object raw, Function<Object, Object> fn) {
    Object got;
    try {
      got = fn.apply(raw);
    } catch (IllegalArgumentException e) {
      if (!expected.has("error")) {
        return "Scrapy gives " + expected + ", we refuse: " + e.getMessage();
      }
      if (getter.equals("getbool")
          && expected.get("error").asText().equals("ValueError")
          && !e.getMessage().equals(expected.get("message").asText())) {
        return "Scrapy's text " + expected.get("message") + ", ours " + e.getMessage();
      }
      return null;
    }
    if (expected.has("error")) {
      return "Scrapy raises " + expected + ", we give " + got;
    }
    String want;
    String have;
    if (expected.has("bool")) {
      want = expected.get("bool").asText();
      have = String.valueOf(got);
    } else if (expected.has("int")) {
      want = expected.get("int").asText();
      have = String.valueOf(got);
    } else if (expected.has("float")) {
      want = expected.get("float").asText();
      have = got instanceof Double d ? PyFloatRepr.of(d) : String.valueOf(got);
    } else {
      want = expected.get("list").toString();
      try {
        have = JSON.writeValueAsString(got);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return want.equals(have) ? null : "Scrapy gives " + want + ", we give " + have;
  }

  private static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                resource("/conformance/setting-values-known-differences.txt"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        known.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return known;
  }

  private static InputStream resource(String name) {
    InputStream in = SettingValuesConformanceTest.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }

  /** Python's {@code repr(float)} for the values the data holds: shortest round-trip digits. */
  private static final class PyFloatRepr {
    static String of(double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e16) {
        return (d < 0 || 1 / d < 0 ? "-" : "") + (long) Math.abs(d) + ".0";
      }
      String s = Double.toString(d);
      // Java writes 1.0E300 and 0.0015; Python 1e+300 and 0.0015
      int e = s.indexOf('E');
      if (e < 0) {
        return s;
      }
      String mant = s.substring(0, e);
      if (mant.endsWith(".0")) {
        mant = mant.substring(0, mant.length() - 2);
      }
      int exp = Integer.parseInt(s.substring(e + 1));
      return mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
  }
}
