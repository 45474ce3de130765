package io.streamspider.host.form.internal;

import java.net.IDN;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * w3lib 2.1's {@code safe_url_string} and {@code get_base_url}, and Scrapy's {@code escape_ajax}:
 * what a URL becomes on its way into a Scrapy {@code Request}.
 */
public final class W3Url {
  private W3Url() {}

  private static final String SUB_DELIMS = "!$&'()*+,;=";
  private static final String RESERVED = ":/?#[]@" + SUB_DELIMS;
  private static final String UNRESERVED_EXTRA = "-._~";

  /** _safe_chars: reserved, unreserved, '|' and '%'. */
  private static final String SAFE = RESERVED + UNRESERVED_EXTRA + "|%";

  private static final String PATH_SAFEST = remove(SAFE, "#[]|");
  private static final String SPECIAL_QUERY_SAFEST = remove(PATH_SAFEST, "'");
  private static final String USERINFO_SAFEST = remove(UNRESERVED_EXTRA + SUB_DELIMS + ":", ":;=");

  private static final java.util.Set<String> SPECIAL_SCHEMES =
      java.util.Set.of("ftp", "file", "http", "https", "ws", "wss");

  private static String remove(String s, String chars) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (chars.indexOf(c) < 0) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code safe_url_string(url, encoding)}. */
  public static String safeUrlString(String url, Charset encoding) {
    PyUrl.Split parts = PyUrl.urlsplit(strip(url));
    String username = parts.username();
    String password = parts.password();
    String hostname = parts.hostname();
    Integer port = parts.port();
    StringBuilder netloc = new StringBuilder();
    if (username != null || password != null) {
      if (username != null) {
        netloc.append(
            PyUrl.quote(bytes(PyUrl.unquote(username), StandardCharsets.UTF_8), USERINFO_SAFEST));
      }
      if (password != null) {
        netloc
            .append(':')
            .append(
                PyUrl.quote(
                    bytes(PyUrl.unquote(password), StandardCharsets.UTF_8), USERINFO_SAFEST));
      }
      netloc.append('@');
    }
    if (hostname != null) {
      netloc.append(idna(hostname));
    }
    if (port != null) {
      netloc.append(':').append(port);
    }
    String path = PyUrl.quote(bytes(parts.path(), StandardCharsets.UTF_8), PATH_SAFEST);
    String query =
        PyUrl.quote(
            bytes(parts.query(), encoding),
            SPECIAL_SCHEMES.contains(parts.scheme()) ? SPECIAL_QUERY_SAFEST : PATH_SAFEST);
    String fragment = PyUrl.quote(bytes(parts.fragment(), encoding), PATH_SAFEST);
    return PyUrl.urlunsplit(
        new PyUrl.Split(parts.scheme(), netloc.toString(), path, query, fragment));
  }

  private static byte[] bytes(String s, Charset encoding) {
    return s.getBytes(encoding);
  }

  /** Python's {@code hostname.encode("idna")}, falling back to the plain text as w3lib does. */
  private static String idna(String hostname) {
    try {
      return IDN.toASCII(hostname, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return hostname;
    }
  }

  /** w3lib's {@code _strip}: C0 controls and space off both ends, tabs and newlines out. */
  static String strip(String url) {
    int b = 0;
    int e = url.length();
    while (b < e && PyUrl.isC0OrSpace(url.charAt(b))) {
      b++;
    }
    while (e > b && PyUrl.isC0OrSpace(url.charAt(e - 1))) {
      e--;
    }
    return url.substring(b, e).replace("\t", "").replace("\n", "").replace("\r", "");
  }

  /** Scrapy's {@code escape_ajax}: {@code #!frag} becomes {@code _escaped_fragment_=frag}. */
  public static String escapeAjax(String url) {
    int hash = url.indexOf('#');
    String frag = hash < 0 ? "" : url.substring(hash + 1);
    if (!frag.startsWith("!")) {
      return url;
    }
    String defrag = url.substring(0, hash);
    PyUrl.Split parts = PyUrl.urlsplit(defrag);
    List<String[]> args = PyUrl.parseQsl(parts.query());
    List<byte[][]> out = new ArrayList<>();
    boolean seen = false;
    for (String[] a : args) {
      if (!a[0].equals("_escaped_fragment_")) {
        out.add(new byte[][] {utf8(a[0]), utf8(a[1])});
      } else if (!seen) {
        out.add(new byte[][] {utf8(a[0]), utf8(frag.substring(1))});
        seen = true;
      }
    }
    if (!seen) {
      out.add(new byte[][] {utf8("_escaped_fragment_"), utf8(frag.substring(1))});
    }
    return PyUrl.urlunsplit(
        new PyUrl.Split(
            parts.scheme(), parts.netloc(), parts.path(), PyUrl.urlencode(out), parts.fragment()));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final Pattern COMMENTS = Pattern.compile("(?s)<!--.*?(?:-->|$)");
  private static final Pattern BASE_HREF =
      Pattern.compile(
          "<base\\s[^>]*href\\s*=\\s*[\"']\\s*([^\"'\\s]+)\\s*[\"']",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * Scrapy's {@code get_base_url(response)}: the first {@code <base href>} in the first 4096
   * characters (comments removed), joined with the page URL.
   */
  public static String baseUrl(String text, String pageUrl, Charset encoding) {
    String head = firstCodePoints(text, 4096);
    Matcher m = BASE_HREF.matcher(COMMENTS.matcher(head).replaceAll(""));
    if (m.find()) {
      return PyUrl.urljoin(
          safeUrlString(pageUrl, StandardCharsets.UTF_8), safeUrlString(m.group(1), encoding));
    }
    return safeUrlString(pageUrl, StandardCharsets.UTF_8);
  }

  private static String firstCodePoints(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int end = s.offsetByCodePoints(0, Math.min(n, s.codePointCount(0, s.length())));
    return s.substring(0, end);
  }

  /** w3lib's {@code strip_html5_whitespace}: space, tab, LF, FF and CR off both ends. */
  public static String stripHtml5Whitespace(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && " \t\n\f\r".indexOf(s.charAt(b)) >= 0) {
      b++;
    }
    while (e > b && " \t\n\f\r".indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(b, e);
  }
}
