package io.streamspider.processor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The reader's value rules that need no compiler. */
class SpiderReaderTest {
  @Test
  void settingValuesAreJsonNumbersAndBooleansWhenTheyReadAsOne() {
    assertEquals(2, SpiderReader.settingValue("2"));
    assertEquals(-1, SpiderReader.settingValue("-1"));
    assertEquals(10000000000L, SpiderReader.settingValue("10000000000"));
    assertEquals(
        new BigDecimal("123456789012345678901234567890"),
        SpiderReader.settingValue("123456789012345678901234567890"));
    assertEquals(0.5, SpiderReader.settingValue("0.5"));
    assertEquals(1000.0, SpiderReader.settingValue("1e3"));
    assertEquals(
        new BigDecimal("0.1000000000000000000001"),
        SpiderReader.settingValue("0.1000000000000000000001"));
    assertEquals(Boolean.TRUE, SpiderReader.settingValue("true"));
    assertEquals(Boolean.FALSE, SpiderReader.settingValue("false"));
    // not JSON numbers or booleans: strings
    for (String s : new String[] {"007", "1.", "+1", ".5", "NaN", "True", "", " 2", "2 ", "0x10"}) {
      assertEquals(s, SpiderReader.settingValue(s), s);
    }
  }

  @Test
  void startUrlsScrapyFetches() {
    for (String ok :
        new String[] {
          "http://127.0.0.1:8080/",
          "https://example.com/a?b=c#d",
          "HTTP://EXAMPLE.COM",
          "file:///tmp/page.html",
          "ftp://ftp.example.com/x",
          "s3://bucket/key",
          "data:text/html,<p>hi</p>".replace("<", "%3C").replace(">", "%3E"),
          "http://under_score.example.com/"
        }) {
      assertNull(SpiderValidator.urlProblem(ok), ok);
    }
    assertEquals("it is empty", SpiderValidator.urlProblem(""));
    assertEquals("it has leading or trailing whitespace", SpiderValidator.urlProblem(" http://a/"));
    assertEquals("it is relative (it has no scheme)", SpiderValidator.urlProblem("/index.html"));
    assertEquals("it has no host", SpiderValidator.urlProblem("http:///index.html"));
    assertTrue(SpiderValidator.urlProblem("mailto:a@b.c").contains("mailto"));
    assertTrue(SpiderValidator.urlProblem("http://a/b c").startsWith("Illegal character in path"));
  }
}
