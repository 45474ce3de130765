package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UrlMemo} against the full code it stands in for ({@link Urls#requestUrl}, {@link
 * Urls#hostname}, {@link RequestFilter#canonicalUrl}, themselves checked against Scrapy and w3lib
 * by {@code UrlsConformanceTest}): the same result or the same error for every generated pair of
 * page URL and link, odd ones included.
 */
class UrlMemoTest {
  private static final List<String> SCHEMES =
      List.of("http", "https", "HTTP", "Https", "ftp", "file", "mailto", "foo", "h+t.tp", "1x", "");

  private static final List<String> SEPARATORS = List.of("://", "://", "://", ":/", ":", "");

  private static final List<String> NETLOCS =
      List.of(
          "127.0.0.1",
          "127.0.0.1:36999",
          "example.com",
          "Example.COM",
          "www.example-shop.com",
          "a..b",
          "-a.com",
          "a-.com",
          "a.com.",
          "1.2.3",
          "256.1.1.1",
          "user:pw@h.com",
          "us er@h.com",
          "%75ser@h.com",
          "h.com:080",
          "h.com:99999",
          "h.com:0",
          "h.com:",
          "h.com:80",
          "h.com:443",
          "h.com:8a",
          "[::1]:80",
          "[::1]",
          "[::1",
          "::1]",
          "[v1.x]",
          "b\u00fccher.de",
          "h_1.com",
          "xn--bcher-kva.example",
          "",
          "%41.com",
          "a@b@c.com",
          "a%zz.com",
          "h.com\t",
          "h.com\\x");

  private static final List<String> BASE_TAILS =
      List.of(
          "",
          "/",
          "/x/y.html",
          "/x/",
          "/x?q=1",
          "/x#f",
          "/x#!frag",
          "?q=1",
          "#!f",
          "/ sp",
          "/\u00e9");

  private static final List<String> HREFS =
      List.of(
          "/p/1.html",
          "/",
          "/a/b/",
          "/a//b",
          "//h.com/x",
          "/./a",
          "/a/.",
          "/a/..",
          "/../a",
          "/.well-known/x",
          "/a~b_c-d.e",
          "/A/B.HTML",
          "/p?x=1",
          "/p?",
          "/p#f",
          "/p#!f",
          "/p;x",
          "/%41",
          "/a b",
          "/a\tb",
          "/\u00fc",
          "/a:b",
          "/a@b",
          "/a'b",
          "p/1.html",
          "../p",
          "",
          " /p",
          "/p ",
          "\\p",
          "http://other.com/x",
          "HTTP://Other.COM:80/x");

  private static final String RANDOM_CHARS = "aZ0/._~-?#;%:@ \u00fc'=&[]";

  private static String random(Random r) {
    StringBuilder b = new StringBuilder("/");
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append(
          r.nextInt(3) == 0
              ? RANDOM_CHARS.charAt(r.nextInt(RANDOM_CHARS.length()))
              : (char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  /** The full code's answer: {url, host}, or the error's text. */
  private static List<String> full(String base, String href) {
    try {
      String url = Urls.requestUrl(base, href, null);
      return List.of(url, String.valueOf(Urls.hostname(url)));
    } catch (PyUrl.UrlException e) {
      return List.of("error", e.getMessage());
    }
  }

  private static List<String> memo(UrlMemo m, String base, String href) {
    try {
      String[] r = m.requestUrl(base, href, null);
      return List.of(r[0], String.valueOf(r[1]));
    } catch (PyUrl.UrlException e) {
      return List.of("error", e.getMessage());
    }
  }

  /** Every netloc and tail with http://, and a seeded sample of the other combinations. */
  private static List<String> bases() {
    List<String> bases = new ArrayList<>();
    Random r = new Random(14);
    for (String scheme : SCHEMES) {
      for (String sep : SEPARATORS) {
        for (String netloc : NETLOCS) {
          for (String tail : BASE_TAILS) {
            if ((scheme.equals("http") && sep.equals("://")) || r.nextInt(50) == 0) {
              bases.add(scheme + sep + netloc + tail);
            }
          }
        }
      }
    }
    return bases;
  }

  @Test
  void requestUrlsAndHostsAreTheFullCodes() {
    List<String> bases = bases();
    Random r = new Random(15);
    UrlMemo m = new UrlMemo();
    int checked = 0;
    for (String base : bases) {
      {
        List<String> hrefs = new ArrayList<>(HREFS);
        for (int i = 0; i < 3; i++) {
          hrefs.add(random(r));
        }
        for (String href : hrefs) {
          assertEquals(full(base, href), memo(m, base, href), base + " + " + href);
          checked++;
        }
      }
    }
    assertTrue(checked > 25_000, "checked " + checked);
    assertTrue(m.hits > 2_000, "the memo answered " + m.hits + " times");
  }

  @Test
  void canonicalUrlsAreTheFullCodes() {
    Random r = new Random(16);
    UrlMemo m = new UrlMemo();
    int checked = 0;
    for (String base : bases()) {
      {
        List<String> urls = new ArrayList<>(List.of(base));
        for (String href : HREFS) {
          urls.add(base + href);
        }
        urls.add(base + random(r));
        for (String url : urls) {
          assertEquals(RequestFilter.canonicalUrl(url), m.canonicalUrl(url), url);
          checked++;
        }
      }
    }
    assertTrue(checked > 25_000, "checked " + checked);
    assertTrue(m.hits > 2_000, "the memo answered " + m.hits + " times");
  }

  @Test
  void theCommonLinkIsAnsweredFromThePrefix() {
    UrlMemo m = new UrlMemo();
    String base = "http://127.0.0.1:36999/p/1.html";
    assertArrayEquals(
        new String[] {"http://127.0.0.1:36999/p/2.html", "127.0.0.1"},
        m.requestUrl(base, "/p/2.html", null));
    assertArrayEquals(
        new String[] {"http://127.0.0.1:36999/p/3.html", "127.0.0.1"},
        m.requestUrl("http://127.0.0.1:36999/c/9.html", "/p/3.html", null));
    assertEquals(2, m.hits);
    assertEquals("http://a.com/p/1.html", m.canonicalUrl("HTTP://A.com:80/p/1.html"));
    assertEquals(3, m.hits);
    // not the common link: the full code
    assertArrayEquals(
        new String[] {"http://127.0.0.1:36999/p/a%20b", "127.0.0.1"},
        m.requestUrl(base, "/p/a b", null));
    assertEquals("http://a.com/?a=1&b=2", m.canonicalUrl("http://a.com/?b=2&a=1"));
    assertEquals(3, m.hits);
    assertFalse(UrlMemo.simpleAbsolutePath("/a/../b"));
    assertTrue(UrlMemo.simpleAbsolutePath("/a/b.c/"));
  }

  @Test
  void theMemoIsBounded() {
    UrlMemo m = new UrlMemo();
    for (int i = 0; i < 3 * UrlMemo.MAX_PREFIXES; i++) {
      String base = "http://h" + i + ".example/x";
      assertArrayEquals(
          new String[] {"http://h" + i + ".example/p", "h" + i + ".example"},
          m.requestUrl(base, "/p", null));
      assertEquals("http://h" + i + ".example/q", m.canonicalUrl("http://h" + i + ".example/q"));
    }
    assertTrue(m.prefixes() <= 2 * UrlMemo.MAX_PREFIXES, "prefixes: " + m.prefixes());
  }
}
