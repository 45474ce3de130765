package io.streamspider.runtime.internal;

import java.net.IDN;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The URL of a request, as Scrapy makes it: {@code response.urljoin(href)} (Python's {@code
 * urljoin}), then what {@code scrapy.Request(url, encoding=...)} does with it: w3lib's {@code
 * safe_url_string} (characters a server would refuse are percent-encoded, the host name goes
 * through IDNA, the port is checked), Scrapy's {@code escape_ajax} ({@code #!frag} becomes {@code
 * ?_escaped_fragment_=frag}) and the "Missing scheme" check. Python's {@code urllib.parse} is
 * {@link PyUrl}. The runtime and the host (its engine and its forms) share this class.
 *
 * <p>One difference on purpose: an IPv6 literal keeps its brackets ({@code http://[::1]:8080/}).
 * w3lib 2.1.1 drops them, which gives a URL no one can fetch.
 */
public final class Urls {
  private static final String ALWAYS_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

  /** w3lib's {@code _PATH_SAFEST_CHARS}; also its query (non-special schemes) and fragment set. */
  private static final String PATH_SAFEST = ":/?@!$&'()*+,;=" + ALWAYS_SAFE + "%";

  private static final String SPECIAL_QUERY_SAFEST = PATH_SAFEST.replace("'", "");
  private static final String USERINFO_SAFEST = ALWAYS_SAFE + "!$&'()*+,";
  private static final Set<String> SPECIAL_SCHEMES =
      Set.of("ftp", "file", "http", "https", "ws", "wss");

  private Urls() {}

  /**
   * The URL a request for {@code href}, found on the page at {@code base}, gets in Scrapy: {@code
   * scrapy.Request(response.urljoin(href), encoding=encoding).url}.
   *
   * @param base the URL of the page the link is on; null when {@code href} must be absolute
   * @param encoding the request's encoding, a Python codec name (the query and fragment are encoded
   *     with it); null is UTF-8
   * @throws PyUrl.UrlException with Scrapy's text, e.g. {@code Missing scheme in request url: /a}
   */
  public static String requestUrl(String base, String href, String encoding) {
    String joined = base == null ? href : PyUrl.urljoin(base, href);
    return requestUrl(
        joined, encoding == null ? StandardCharsets.UTF_8 : PyCodecs.charset(encoding));
  }

  /**
   * Scrapy's {@code Request._set_url}: {@code safe_url_string}, {@code escape_ajax}, then the
   * scheme check.
   *
   * @throws PyUrl.UrlException with Scrapy's text, e.g. {@code Missing scheme in request url: /a}
   */
  public static String requestUrl(String url, Charset encoding) {
    String safe = escapeAjax(safeUrlString(url, encoding));
    if (!safe.contains("://") && !safe.startsWith("about:") && !safe.startsWith("data:")) {
      throw new PyUrl.UrlException("Missing scheme in request url: " + safe);
    }
    return safe;
  }

  /**
   * {@code urlparse(url).hostname}: lower-cased (an IPv6 zone aside), without brackets; null when
   * there is none or the URL is malformed.
   */
  public static String hostname(String url) {
    try {
      return PyUrl.urlsplit(url).hostname();
    } catch (PyUrl.UrlException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ safe_url_string

  /**
   * w3lib's {@code safe_url_string(url, encoding)}, keeping the brackets of an IPv6 literal.
   *
   * @throws PyUrl.UrlException Python's text for a malformed URL, a bad port, or a query or
   *     fragment the encoding cannot encode
   */
  public static String safeUrlString(String url, Charset encoding) {
    PyUrl.Split parts = PyUrl.urlsplit(strip(url));
    StringBuilder netloc = new StringBuilder();
    String username = parts.username();
    if (username != null) {
      netloc.append(
          PyUrl.quote(PyUrl.unquote(username).getBytes(StandardCharsets.UTF_8), USERINFO_SAFEST));
      String password = parts.password();
      if (password != null) {
        netloc
            .append(':')
            .append(
                PyUrl.quote(
                    PyUrl.unquote(password).getBytes(StandardCharsets.UTF_8), USERINFO_SAFEST));
      }
      netloc.append('@');
    }
    String hostname = parts.hostname();
    if (hostname != null) {
      netloc.append(parts.bracketedHost() ? "[" + hostname + "]" : idna(hostname));
    }
    Integer port = parts.port();
    if (port != null) {
      netloc.append(':').append(port);
    }
    String path = PyUrl.quote(parts.path().getBytes(StandardCharsets.UTF_8), PATH_SAFEST);
    String query =
        PyUrl.quote(
            PyCodecs.encode(parts.query(), encoding),
            SPECIAL_SCHEMES.contains(parts.scheme()) ? SPECIAL_QUERY_SAFEST : PATH_SAFEST);
    String fragment = PyUrl.quote(PyCodecs.encode(parts.fragment(), encoding), PATH_SAFEST);
    return PyUrl.urlunsplit(parts.scheme(), netloc.toString(), path, query, fragment);
  }

  /**
   * Scrapy's {@code escape_ajax}: {@code #!frag} becomes the query argument {@code
   * _escaped_fragment_=frag} (w3lib's {@code add_or_replace_parameter}, which reads the query with
   * Python's {@code parse_qsl}: {@code ;} separates nothing).
   */
  public static String escapeAjax(String url) {
    if (url.indexOf('#') < 0) {
      return url;
    }
    String[] p = PyUrl.urlparse(url, "");
    if (!p[5].startsWith("!")) {
      return url;
    }
    String defrag = PyUrl.urlunparse(p[0], p[1], p[2], p[3], p[4], "");
    String frag = p[5].substring(1);
    PyUrl.Split s = PyUrl.urlsplit(defrag);
    List<byte[][]> args = new ArrayList<>();
    boolean seen = false;
    for (String[] kv : PyUrl.parseQsl(s.query())) {
      if (!kv[0].equals("_escaped_fragment_")) {
        args.add(new byte[][] {utf8(kv[0]), utf8(kv[1])});
      } else if (!seen) {
        args.add(new byte[][] {utf8(kv[0]), utf8(frag)});
        seen = true;
      }
    }
    if (!seen) {
      args.add(new byte[][] {utf8("_escaped_fragment_"), utf8(frag)});
    }
    return PyUrl.urlunsplit(s.withQuery(PyUrl.urlencode(args)));
  }

  /** w3lib's {@code _strip}: C0 controls and spaces at both ends, tabs and newlines anywhere. */
  public static String strip(String url) {
    int start = 0;
    int end = url.length();
    while (start < end && url.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && url.charAt(end - 1) <= ' ') {
      end--;
    }
    return PyUrl.removeTabsAndNewlines(url.substring(start, end));
  }

  /**
   * Python's {@code host.encode("idna")}, or the name as it is where that fails (w3lib falls back
   * so); a bracketed literal and an ASCII name stay as they are.
   */
  public static String idna(String host) {
    if (host.startsWith("[") || PyUrl.isAscii(host)) {
      return host;
    }
    try {
      return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return host;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
