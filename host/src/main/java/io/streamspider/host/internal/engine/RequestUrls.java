package io.streamspider.host.internal.engine;

import io.streamspider.runtime.internal.PyUrl;
import io.streamspider.runtime.internal.Urls;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The engine's URL handling on top of the runtime's port of Python's {@code urllib.parse} ({@link
 * PyUrl}) and of w3lib's {@code safe_url_string} with Scrapy's {@code escape_ajax} ({@link Urls}),
 * which the runtime and the host share: w3lib's {@code canonicalize_url}, the request fingerprint
 * (Scrapy 2.8's default "2.6" implementation: SHA-1 of method, canonical URL, body), redirect
 * targets and the URL as sent.
 */
public final class RequestUrls {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final String RESERVED = ":/?#[]@!$&'()*+,;=";
  private static final String SAFE_CHARS = RESERVED + UNRESERVED + "|%";
  private static final String PATH_SAFE_CHARS = SAFE_CHARS.replace("#", "");

  private RequestUrls() {}

  /**
   * What Scrapy's {@code Request(url, encoding=...)} turns the URL into: safe_url_string, then
   * escape_ajax, then the scheme check.
   *
   * @throws PyUrl.UrlException with Scrapy's text, e.g. {@code Missing scheme in request url: x}
   */
  public static String requestUrl(String url, String encoding) {
    return Urls.requestUrl(null, url, encoding);
  }

  /** w3lib's {@code canonicalize_url(url)} (blank values kept, fragment dropped). */
  public static String canonicalize(String url) {
    String[] p = PyUrl.urlparse(Urls.strip(url), "");
    String netloc = p[1];
    try {
      netloc = Urls.idna(netloc);
    } catch (RuntimeException e) {
      // as w3lib: keep the netloc when IDNA cannot encode it
    }
    String path = PyUrl.quote(p[2].getBytes(StandardCharsets.UTF_8), PATH_SAFE_CHARS);
    String params = PyUrl.quote(p[3].getBytes(StandardCharsets.UTF_8), SAFE_CHARS);
    String query = PyUrl.quote(p[4].getBytes(StandardCharsets.UTF_8), SAFE_CHARS);

    List<byte[][]> pairs = parseQslToBytes(query);
    pairs.sort(
        (a, b) -> {
          int c = Arrays.compareUnsigned(a[0], b[0]);
          return c != 0 ? c : Arrays.compareUnsigned(a[1], b[1]);
        });
    for (String reserved : new String[] {"2f", "2F", "3f", "3F"}) {
      path = path.replace("%" + reserved, "%25" + reserved.toUpperCase(Locale.ROOT));
    }
    path = PyUrl.quote(PyUrl.unquoteToBytes(path), PATH_SAFE_CHARS);
    if (path.isEmpty()) {
      path = "/";
    }
    netloc = netloc.toLowerCase(Locale.ROOT);
    while (netloc.endsWith(":")) {
      netloc = netloc.substring(0, netloc.length() - 1);
    }
    return PyUrl.urlunparse(p[0], netloc, path, params, PyUrl.urlencode(pairs), "");
  }

  /** Scrapy 2.8's default request fingerprint, hex. */
  public static String fingerprint(String method, String url, byte[] body) {
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    {
      sha1.update(method.getBytes(StandardCharsets.UTF_8));
      sha1.update(canonicalize(url).getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        sha1.update(body);
      }
      return HexFormat.of().formatHex(sha1.digest());
    }
  }

  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-1 is required of every JDK", e);
            }
          });

  /**
   * The URL as sent: a {@code %} that starts no escape becomes {@code %25} (java.net.URI rejects
   * it).
   */
  public static String wireUrl(String safeUrl) {
    if (safeUrl.indexOf('%') < 0) {
      return safeUrl;
    }
    StringBuilder b = new StringBuilder(safeUrl.length() + 8);
    for (int i = 0; i < safeUrl.length(); i++) {
      char c = safeUrl.charAt(i);
      if (c == '%'
          && !(i + 2 < safeUrl.length()
              && Character.digit(safeUrl.charAt(i + 1), 16) >= 0
              && Character.digit(safeUrl.charAt(i + 2), 16) >= 0)) {
        b.append("%25");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * {@code urlparse(url).hostname}: lower-cased (an IPv6 zone aside), brackets removed, null when
   * absent.
   */
  public static String hostname(String url) {
    return Urls.hostname(url);
  }

  /** The URL's scheme as Python's urlsplit reads it (lower-cased, may be empty). */
  public static String scheme(String url) {
    return PyUrl.urlsplit(url).scheme();
  }

  /** Where a redirect's {@code Location} points, as Scrapy's RedirectMiddleware computes it. */
  public static String redirectTarget(String requestUrl, String locationHeader) {
    // the JDK hands header bytes over as ISO-8859-1 characters; Scrapy reads them as UTF-8
    byte[] raw = locationHeader.getBytes(StandardCharsets.ISO_8859_1);
    String location = Urls.safeUrlString(decodeUtf8PercentEncoding(raw), StandardCharsets.UTF_8);
    if (locationHeader.startsWith("//")) {
      String scheme = PyUrl.urlsplit(requestUrl).scheme();
      String stripped = location;
      while (stripped.startsWith("/")) {
        stripped = stripped.substring(1);
      }
      location = scheme + "://" + stripped;
    }
    return PyUrl.urljoin(requestUrl, location);
  }

  /** UTF-8 decoding where invalid bytes become {@code %XX} (w3lib's "percentencode" errors). */
  static String decodeUtf8PercentEncoding(byte[] raw) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (i < raw.length) {
        int len = utf8Length(raw, i);
        if (len > 0) {
          b.append(new String(raw, i, len, StandardCharsets.UTF_8));
          i += len;
        } else {
          b.append(String.format("%%%02X", raw[i] & 0xff));
          i++;
        }
      }
      return b.toString();
    }
  }

  private static int utf8Length(byte[] raw, int i) {
    int c = raw[i] & 0xff;
    int len =
        c < 0x80
            ? 1
            : (c >= 0xc2 && c <= 0xdf)
                ? 2
                : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
    if (len == 0 || i + len > raw.length) {
      return 0;
    }
    for (int k = 1; k < len; k++) {
      if ((raw[i + k] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return len;
  }

  /**
   * w3lib's {@code parse_qsl_to_bytes(qs, keep_blank_values=True)}: unlike Python's {@code
   * parse_qsl}, {@code ;} separates fields too.
   */
  private static List<byte[][]> parseQslToBytes(String qs) {
    List<byte[][]> out = new ArrayList<>();
    for (String s1 : qs.split("&", -1)) {
      for (String nv : s1.split(";", -1)) {
        if (nv.isEmpty()) {
          continue;
        }
        int eq = nv.indexOf('=');
        String name = eq >= 0 ? nv.substring(0, eq) : nv;
        String value = eq >= 0 ? nv.substring(eq + 1) : "";
        out.add(
            new byte[][] {
              PyUrl.unquoteToBytes(name.replace('+', ' ')),
              PyUrl.unquoteToBytes(value.replace('+', ' '))
            });
      }
    }
    return out;
  }
}
