package io.streamspider.runtime.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The common link of a crawl, {@code href="/p/123.html"} on a page of the same site, made into a
 * request URL (and its host, and its canonical form for the duplicate filter) without running
 * Python's {@code urljoin}, w3lib's {@code safe_url_string} and the filter's URI parse on every
 * link: for such a link all three act on the page's {@code scheme://netloc} prefix alone and keep
 * the link's path as it is, so the prefix's result is computed once, by the full code, and reused.
 * Anything else takes the full code. Not thread-safe: one per {@link RequestSubmitter}.
 *
 * <p>Why the result is the same: for a {@code url} that starts with one {@code /}, has no {@code
 * ;}, {@code ?}, {@code #} and no {@code .} or {@code ..} segment, {@code urljoin(base, url)} is
 * {@code scheme://netloc} of {@code base} followed by {@code url} (only the base's scheme and
 * netloc are read, and a netloc ends at the first {@code /}, {@code ?} or {@code #}); {@code
 * safe_url_string} quotes a path byte by byte, and these characters are all safe; the netloc is
 * made safe alike whatever path follows. So {@code requestUrl(base, url)} is {@code
 * requestUrl(prefix + "/", "/")} without its last {@code /}, followed by {@code url}; likewise the
 * filter's canonical URL of {@code prefix + path} (a hierarchical URI's authority ends at the first
 * {@code /}, and a path of these characters is kept raw). {@code UrlMemoTest} checks both against
 * the full code on generated links and bases.
 */
final class UrlMemo {
  /** Prefixes remembered at most; a crawl of more sites than this starts over. */
  static final int MAX_PREFIXES = 256;

  /** A prefix whose results did not qualify: the full code runs for its links. */
  private static final String[] NONE = new String[0];

  /** prefix → {request URL prefix, host}, or {@link #NONE}. */
  private final Map<String, String[]> requestPrefixes = new HashMap<>();

  /** prefix → canonical prefix, or null when it did not qualify. */
  private final Map<String, String> canonicalPrefixes = new HashMap<>();

  /** Answers from a remembered prefix (for tests). */
  int hits;

  /** Prefixes remembered (for tests). */
  int prefixes() {
    return requestPrefixes.size() + canonicalPrefixes.size();
  }

  /**
   * {@code Urls.requestUrl(base, href, encoding)} and {@code Urls.hostname} of it: {@code {url,
   * host}}.
   *
   * @throws PyUrl.UrlException as {@link Urls#requestUrl(String, String, String)}
   */
  String[] requestUrl(String base, String href, String encoding) {
    if (base != null && encoding == null && simpleAbsolutePath(href)) {
      int end = prefixEnd(base);
      if (end > 0) {
        String prefix = base.substring(0, end);
        String[] p = requestPrefixes.get(prefix);
        if (p == null) {
          p = requestPrefix(prefix);
          if (requestPrefixes.size() >= MAX_PREFIXES) {
            requestPrefixes.clear();
          }
          requestPrefixes.put(prefix, p);
        }
        if (p != NONE) {
          hits++;
          return new String[] {p[0].concat(href), p[1]};
        }
      }
    }
    String url = Urls.requestUrl(base, href, encoding);
    return new String[] {url, Urls.hostname(url)};
  }

  private static String[] requestPrefix(String prefix) {
    try {
      String root = Urls.requestUrl(prefix + "/", "/", null);
      if (!root.endsWith("/")) {
        return NONE;
      }
      return new String[] {root.substring(0, root.length() - 1), Urls.hostname(root)};
    } catch (PyUrl.UrlException e) {
      return NONE; // the full code throws the link's own error
    }
  }

  /** {@link RequestFilter#canonicalUrl(String)}. */
  String canonicalUrl(String url) {
    int end = prefixEnd(url);
    if (end > 0 && safePath(url, end)) {
      String prefix = url.substring(0, end);
      String c = canonicalPrefixes.get(prefix);
      if (c == null && !canonicalPrefixes.containsKey(prefix)) {
        String root = RequestFilter.canonicalUrl(prefix + "/");
        c = root.endsWith("/") ? root.substring(0, root.length() - 1) : null;
        if (canonicalPrefixes.size() >= MAX_PREFIXES) {
          canonicalPrefixes.clear();
        }
        canonicalPrefixes.put(prefix, c);
      }
      if (c != null) {
        hits++;
        return c.concat(url.substring(end));
      }
    }
    return RequestFilter.canonicalUrl(url);
  }

  /**
   * The end of {@code url}'s {@code scheme://netloc} (the index of the {@code /} after it), or -1
   * unless the scheme is one Python and {@code java.net.URI} both read as one and the netloc holds
   * only printable ASCII other than {@code ?}, {@code #} and {@code \}.
   */
  static int prefixEnd(String url) {
    int colon = url.indexOf("://");
    if (colon <= 0 || !isLetter(url.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < colon; i++) {
      char c = url.charAt(i);
      if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return -1;
      }
    }
    for (int i = colon + 3; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/') {
        return i;
      }
      if (c <= ' ' || c >= 0x7f || c == '?' || c == '#' || c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /**
   * A link of one {@code /} and then path characters that no step changes: ASCII letters, digits,
   * {@code _.-~} and {@code /}, without an empty, {@code .} or {@code ..} segment.
   */
  static boolean simpleAbsolutePath(String href) {
    return href.length() > 0 && href.charAt(0) == '/' && safePath(href, 0);
  }

  /** {@code s} from {@code from} (a {@code /}) to its end, as {@link #simpleAbsolutePath}. */
  private static boolean safePath(String s, int from) {
    int n = s.length();
    int segment = from + 1; // start of the current segment
    for (int i = from + 1; i <= n; i++) {
      char c = i < n ? s.charAt(i) : '/';
      if (c == '/') {
        int len = i - segment;
        if (i < n && len == 0) {
          return false; // an empty segment in the middle: "//"
        }
        if ((len == 1 && s.charAt(segment) == '.')
            || (len == 2 && s.charAt(segment) == '.' && s.charAt(segment + 1) == '.')) {
          return false;
        }
        segment = i + 1;
      } else if (!(isLetter(c)
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-'
          || c == '~')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
