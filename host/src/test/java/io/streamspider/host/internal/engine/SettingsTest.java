package io.streamspider.host.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.host.internal.HostLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final HostLog log =
      new HostLog(new PrintStream(logged, true, StandardCharsets.UTF_8), HostLog.Level.DEBUG);

  private String logText() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  @Test
  void layersAreDefaultsThenSpiderThenCommandLine() {
    Map<String, Object> spider = new LinkedHashMap<>();
    spider.put("CONCURRENT_REQUESTS", 4);
    spider.put("DOWNLOAD_DELAY", 0.5);
    Settings s =
        Settings.builder()
            .spider(spider)
            .commandLine(List.of("DOWNLOAD_DELAY=2", "RETRY_TIMES=5"))
            .build(log);
    assertEquals(4, s.getInt("CONCURRENT_REQUESTS"));
    assertEquals(Settings.FROM_SPIDER, s.source("CONCURRENT_REQUESTS"));
    assertEquals(2.0, s.getDouble("DOWNLOAD_DELAY"));
    assertEquals(Settings.FROM_COMMAND_LINE, s.source("DOWNLOAD_DELAY"));
    assertEquals(5, s.getInt("RETRY_TIMES"));
    assertEquals(8, s.getInt("CONCURRENT_REQUESTS_PER_DOMAIN"));
    assertEquals(Settings.FROM_DEFAULTS, s.source("CONCURRENT_REQUESTS_PER_DOMAIN"));
    assertEquals("", logText(), "known settings log nothing");
  }

  @Test
  void commandLineValuesAreReadAsScrapyReadsStrings() {
    Settings s =
        Settings.builder()
            .commandLine(
                List.of(
                    "RETRY_HTTP_CODES=500,503",
                    "METAREFRESH_IGNORE_TAGS=script,noscript",
                    "DEFAULT_REQUEST_HEADERS={\"Accept\": \"text/plain\", \"X-A\": [\"1\", \"2\"]}",
                    "COOKIES_ENABLED=0",
                    "ROBOTSTXT_OBEY=True",
                    "REDIRECT_ENABLED=false",
                    "RETRY_ENABLED=1",
                    "LOG_LEVEL=info",
                    "DOWNLOAD_TIMEOUT=2.5",
                    "DOWNLOAD_MAXSIZE=1_000",
                    "USER_AGENT=Bot/1 (x=y)"))
            .build(log);
    assertEquals(List.of(500, 503), s.getIntList("RETRY_HTTP_CODES"));
    assertEquals(List.of("script", "noscript"), s.getStringList("METAREFRESH_IGNORE_TAGS"));
    assertEquals(
        Map.of("Accept", List.of("text/plain"), "X-A", List.of("1", "2")),
        s.getHeaders("DEFAULT_REQUEST_HEADERS"));
    assertEquals(false, s.getBool("COOKIES_ENABLED"));
    assertEquals(true, s.getBool("ROBOTSTXT_OBEY"));
    assertEquals(false, s.getBool("REDIRECT_ENABLED"));
    assertEquals(true, s.getBool("RETRY_ENABLED"));
    assertEquals(HostLog.Level.INFO, s.logLevel());
    assertEquals(2.5, s.getDouble("DOWNLOAD_TIMEOUT"));
    assertEquals(1000, s.getLong("DOWNLOAD_MAXSIZE"));
    assertEquals("Bot/1 (x=y)", s.getString("USER_AGENT"), "only the first = splits");
    assertEquals(
        List.of(408, 429),
        Settings.builder()
            .commandLine(List.of("RETRY_HTTP_CODES=[408, 429]"))
            .build(log)
            .getIntList("RETRY_HTTP_CODES"));
  }

  @Test
  void spiderValuesComeAsJsonTypes() {
    Map<String, Object> spider = new LinkedHashMap<>();
    spider.put("RETRY_HTTP_CODES", List.of(500, "502"));
    spider.put("ROBOTSTXT_OBEY", true);
    spider.put("LOG_LEVEL", 30);
    spider.put("DEFAULT_REQUEST_HEADERS", Map.of("Accept", "x"));
    spider.put("USER_AGENT", null);
    Settings s = Settings.builder().spider(spider).build(log);
    assertEquals(List.of(500, 502), s.getIntList("RETRY_HTTP_CODES"));
    assertTrue(s.getBool("ROBOTSTXT_OBEY"));
    assertEquals(HostLog.Level.WARNING, s.logLevel());
    assertEquals(Map.of("Accept", List.of("x")), s.getHeaders("DEFAULT_REQUEST_HEADERS"));
    assertNull(s.getString("USER_AGENT"));
  }

  private IllegalArgumentException bad(String... nameValues) {
    return assertThrows(
        IllegalArgumentException.class,
        () -> Settings.builder().commandLine(List.of(nameValues)).build(log));
  }

  @Test
  void badValuesAreErrorsNamingSettingValueAndSource() {
    IllegalArgumentException e = bad("CONCURRENT_REQUESTS=abc");
    assertEquals(
        "Invalid value for setting CONCURRENT_REQUESTS (from -s on the command line): 'abc': "
            + "expected a whole number",
        e.getMessage());
    assertTrue(bad("CONCURRENT_REQUESTS=0").getMessage().contains("expected a whole number >= 1"));
    assertTrue(
        bad("CONCURRENT_REQUESTS_PER_DOMAIN=-3")
            .getMessage()
            .contains("CONCURRENT_REQUESTS_PER_DOMAIN"));
    assertTrue(bad("DOWNLOAD_DELAY=-1").getMessage().contains("'-1': expected a number >= 0"));
    assertTrue(bad("DOWNLOAD_TIMEOUT=0").getMessage().contains("expected a number > 0"));
    assertTrue(bad("DOWNLOAD_TIMEOUT=nan").getMessage().contains("expected a finite number"));
    assertTrue(bad("RETRY_HTTP_CODES=500,abc").getMessage().contains("RETRY_HTTP_CODES"));
    assertTrue(
        bad("RETRY_HTTP_CODES=500,99")
            .getMessage()
            .contains("expected HTTP status codes (100-599), got 99"));
    assertTrue(
        bad("LOG_LEVEL=LOUD")
            .getMessage()
            .contains("expected one of CRITICAL, ERROR, WARNING, INFO, DEBUG"));
    assertTrue(
        bad("COOKIES_ENABLED=yes")
            .getMessage()
            .contains(
                "Supported values for boolean settings are 0/1, True/False, '0'/'1', 'True'/'False'"
                    + " and 'true'/'false'"));
    assertTrue(bad("DEFAULT_REQUEST_HEADERS={bad").getMessage().contains("expected a JSON object"));
    assertTrue(
        bad("NOEQUALS")
            .getMessage()
            .contains("Bad setting 'NOEQUALS' (-s on the command line): expected NAME=VALUE"));
    assertTrue(bad("=1").getMessage().contains("expected NAME=VALUE"));

    Map<String, Object> spider = Map.of("DOWNLOAD_MAXSIZE", 1.5);
    IllegalArgumentException fromSpider =
        assertThrows(
            IllegalArgumentException.class, () -> Settings.builder().spider(spider).build(log));
    assertEquals(
        "Invalid value for setting DOWNLOAD_MAXSIZE (from the spider's custom_settings): 1.5: "
            + "expected a whole number",
        fromSpider.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Settings.builder().spider(Map.of("USER_AGENT", 5)).build(log));
  }

  @Test
  void unknownNamesAreWarnedAboutAndKept() {
    Settings s =
        Settings.builder()
            .spider(Map.of("ITEM_PIPELINES", Map.of()))
            .commandLine(List.of("MY_OWN=1", "MY_OWN=2", "HOST_FLAG=x"))
            .alsoKnown(List.of("HOST_FLAG"))
            .build(log);
    assertEquals("2", s.get("MY_OWN"));
    assertEquals("x", s.get("HOST_FLAG"));
    String text = logText();
    assertTrue(
        text.contains(
            "[host] WARNING: Setting ITEM_PIPELINES (from the spider's custom_settings) is a "
                + "Scrapy setting the embedded host does not apply; ignored"),
        text);
    assertTrue(
        text.contains(
            "[host] WARNING: Unknown setting MY_OWN (from -s on the command line): not a Scrapy "
                + "setting; ignored"),
        text);
    assertEquals(1, text.split("MY_OWN", -1).length - 1, "warned once per name");
    assertTrue(!text.contains("HOST_FLAG"), "names others apply are not warned about");
    assertTrue(Settings.isScrapySetting("DEPTH_LIMIT"));
    assertTrue(!Settings.isScrapySetting("MY_OWN"));
  }

  @Test
  void theEngineTakesItsLogLevelFromTheSettings() {
    Engine e =
        new Engine(Settings.builder().commandLine(List.of("LOG_LEVEL=ERROR")).build(log), log);
    try {
      assertEquals(HostLog.Level.ERROR, log.level());
    } finally {
      e.close();
    }
  }

  @Test
  void theUserDocumentationListsEverySetting() throws java.io.IOException {
    java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "engine.md");
    String text = java.nio.file.Files.readString(doc, StandardCharsets.UTF_8);
    for (Settings.Definition def : Settings.definitions()) {
      assertTrue(
          text.contains("| `" + def.name() + "` |"),
          def.name() + " missing from " + doc.toAbsolutePath());
    }
  }

  @Test
  void everyDefinitionHasItsDefault() {
    Settings d = Settings.defaults();
    for (Settings.Definition def : Settings.definitions()) {
      assertEquals(def.defaultValue(), d.get(def.name()), def.name());
      assertEquals(Settings.FROM_DEFAULTS, d.source(def.name()));
      assertTrue(!def.description().isBlank(), def.name());
    }
  }
}
