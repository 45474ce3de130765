package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFilterTest {
  @Test
  void canonicalUrlSortsQueryDropsFragmentAndDefaultPort() {
    assertEquals(
        "http://a.com/p?a=1&b=2", RequestFilter.canonicalUrl("HTTP://A.com:80/p?b=2&a=1#frag"));
    assertEquals("https://a.com/", RequestFilter.canonicalUrl("https://a.com:443"));
    assertEquals("http://a.com:8080/x?k=", RequestFilter.canonicalUrl("http://a.com:8080/x?k"));
  }

  @Test
  void fingerprintsSeparateMethodUrlBodyAndExtra() {
    RequestFilter f = new RequestFilter(List.of());
    assertTrue(f.firstSeen("GET", "http://a.com/?b=2&a=1", null, null));
    assertFalse(f.firstSeen("get", "http://a.com/?a=1&b=2#x", null, null));
    assertTrue(f.firstSeen("POST", "http://a.com/?a=1&b=2", null, null));
    assertTrue(f.firstSeen("POST", "http://a.com/?a=1&b=2", "x=1", null));
    assertFalse(f.firstSeen("POST", "http://a.com/?a=1&b=2", "x=1", null));
    assertTrue(f.firstSeen("POST", "http://a.com/?a=1&b=2", "x=1", "form"));
    assertEquals(4, f.size());
  }

  @Test
  void manyFingerprintsGrowTheTableWithoutLosingAny() {
    RequestFilter f = new RequestFilter(List.of());
    for (int i = 0; i < 100_000; i++) {
      assertTrue(f.firstSeen("GET", "http://a.com/p" + i, null, null));
    }
    for (int i = 0; i < 100_000; i += 997) {
      assertFalse(f.firstSeen("GET", "http://a.com/p" + i, null, null));
    }
    assertEquals(100_000, f.size());
  }

  @Test
  void offsiteAllowsDomainAndSubdomainsOnly() {
    RequestFilter f = new RequestFilter(List.of("example.com", "127.0.0.1:8080"));
    assertTrue(f.isOnSite("example.com"));
    assertTrue(f.isOnSite("shop.EXAMPLE.com"));
    assertFalse(f.isOnSite("badexample.com"));
    assertFalse(f.isOnSite("example.com.evil.org"));
    assertTrue(f.isOnSite("127.0.0.1"));
    assertFalse(f.isOnSite(null));
    assertTrue(new RequestFilter(List.of()).isOnSite("anything.org"));
  }

  @Test
  void onlyTheFirstDuplicateIsLoggedUnlessDupefilterDebug() {
    RequestFilter quiet = new RequestFilter(List.of(), false);
    assertEquals(
        "Filtered duplicate request: <GET http://a.com/> - no more duplicates will be shown"
            + " (see DUPEFILTER_DEBUG to show all duplicates)",
        quiet.duplicateLogLine("get", "http://a.com/", null));
    assertNull(quiet.duplicateLogLine("GET", "http://a.com/x", "http://a.com/"));
    assertNull(quiet.duplicateLogLine("POST", "http://a.com/y", "http://a.com/"));
    RequestFilter debug = new RequestFilter(List.of(), true);
    for (int i = 0; i < 3; i++) {
      assertEquals(
          "Filtered duplicate request: <GET http://a.com/> (referer: http://a.com/list)",
          debug.duplicateLogLine("GET", "http://a.com/", "http://a.com/list"));
    }
    assertEquals(
        "Filtered duplicate request: <GET http://a.com/> (referer: None)",
        debug.duplicateLogLine("GET", "http://a.com/", null));
  }

  @Test
  void dupefilterDebugIsReadAsScrapyReadsItCommandLineFirst() {
    assertFalse(RuntimeSettings.dupefilterDebug(java.util.Map.of(), java.util.Map.of()));
    assertTrue(
        RuntimeSettings.dupefilterDebug(
            java.util.Map.of("DUPEFILTER_DEBUG", true), java.util.Map.of()));
    assertFalse(
        RuntimeSettings.dupefilterDebug(
            java.util.Map.of("DUPEFILTER_DEBUG", true),
            java.util.Map.of("DUPEFILTER_DEBUG", "False")));
    for (Object yes : List.of("True", "true", 1L, "1", Boolean.TRUE)) {
      assertTrue(SettingValues.getbool(yes), String.valueOf(yes));
    }
    for (Object no : List.of("False", "false", 0L, "0", Boolean.FALSE)) {
      assertFalse(SettingValues.getbool(no), String.valueOf(no));
    }
    assertThrows(IllegalArgumentException.class, () -> SettingValues.getbool("maybe"));
  }
}
