package io.streamspider.host.internal.engine;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scrapy's URL handling for requests: w3lib's {@code safe_url_string} and {@code canonicalize_url},
 * Scrapy's {@code escape_ajax}, the "Missing scheme" check, and the request fingerprint (Scrapy
 * 2.8's default "2.6" implementation: SHA-1 of method, canonical URL, body). Python's {@code
 * urllib.parse} splitting rules are reproduced where the results depend on them.
 */
public final class RequestUrls {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final String RESERVED = ":/?#[]@!$&'()*+,;=";
  private static final String SAFE_CHARS = RESERVED + UNRESERVED + "|%";
  private static final String PATH_SAFE_CHARS = SAFE_CHARS.replace("#", "");
  private static final String PATH_SAFEST = remove(SAFE_CHARS, "#[]|");
  private static final String SPECIAL_QUERY_SAFEST = remove(PATH_SAFEST, "'");
  private static final String USERINFO_SAFEST = remove(UNRESERVED + "!$&'()*+,;=:", ":;=");
  private static final Set<String> SPECIAL_SCHEMES =
      Set.of("ftp", "file", "http", "https", "ws", "wss");
  private static final Set<String> USES_NETLOC =
      Set.of(
          "",
          "ftp",
          "http",
          "gopher",
          "nntp",
          "telnet",
          "imap",
          "wais",
          "file",
          "mms",
          "https",
          "shttp",
          "snews",
          "prospero",
          "rtsp",
          "rtspu",
          "rsync",
          "svn",
          "svn+ssh",
          "sftp",
          "nfs",
          "git",
          "git+ssh",
          "ws",
          "wss");
  private static final Set<String> USES_PARAMS =
      Set.of(
          "",
          "ftp",
          "hdl",
          "prospero",
          "http",
          "imap",
          "https",
          "shttp",
          "rtsp",
          "rtspu",
          "sip",
          "sips",
          "mms",
          "sftp",
          "tel");

  private RequestUrls() {}

  /** A URL a request cannot have, with Python's/Scrapy's text for it. */
  public static final class BadUrlException extends IllegalArgumentException {
    public BadUrlException(String message) {
      super(message);
    }
  }

  /** Python's {@code urlsplit} result. */
  record Split(String scheme, String netloc, String path, String query, String fragment) {}

  /**
   * What Scrapy's {@code Request(url, encoding=...)} turns the URL into: safe_url_string, then
   * escape_ajax, then the scheme check.
   *
   * @throws BadUrlException with Scrapy's text, e.g. {@code Missing scheme in request url: x}
   */
  public static String requestUrl(String url, String encoding) {
    Charset charset = PyCodecs.charset(encoding == null ? "utf-8" : encoding);
    String safe = escapeAjax(safeUrlString(url, charset));
    if (!safe.contains("://") && !safe.startsWith("about:") && !safe.startsWith("data:")) {
      throw new BadUrlException("Missing scheme in request url: " + safe);
    }
    return safe;
  }

  /** w3lib's {@code safe_url_string(url, encoding)}. */
  public static String safeUrlString(String url, Charset encoding) {
    Split parts = urlsplit(strip(url));
    String netloc = parts.netloc();
    StringBuilder nb = new StringBuilder();
    int at = netloc.lastIndexOf('@');
    if (at >= 0) {
      String userinfo = netloc.substring(0, at);
      int colon = userinfo.indexOf(':');
      String user = colon >= 0 ? userinfo.substring(0, colon) : userinfo;
      nb.append(quote(unquote(user).getBytes(StandardCharsets.UTF_8), USERINFO_SAFEST));
      if (colon >= 0) {
        nb.append(':')
            .append(
                quote(
                    unquote(userinfo.substring(colon + 1)).getBytes(StandardCharsets.UTF_8),
                    USERINFO_SAFEST));
      }
      nb.append('@');
    }
    String[] hostPort = hostAndPort(netloc);
    String host = hostPort[0];
    if (host != null) {
      nb.append(idna(host));
    }
    if (hostPort[1] != null) {
      nb.append(':').append(port(hostPort[1]));
    }
    String path = quote(parts.path().getBytes(StandardCharsets.UTF_8), PATH_SAFEST);
    String query =
        quote(
            encode(parts.query(), encoding),
            SPECIAL_SCHEMES.contains(parts.scheme()) ? SPECIAL_QUERY_SAFEST : PATH_SAFEST);
    String fragment = quote(encode(parts.fragment(), encoding), PATH_SAFEST);
    return urlunsplit(parts.scheme(), nb.toString(), path, query, fragment);
  }

  /** Scrapy's {@code escape_ajax}: {@code #!frag} becomes {@code ?_escaped_fragment_=frag}. */
  public static String escapeAjax(String url) {
    int hash = url.indexOf('#');
    if (hash < 0 || !url.startsWith("!", hash + 1)) {
      return url;
    }
    Split s = urlsplit(url);
    String frag = s.fragment().substring(1);
    List<String[]> args = parseQsl(s.query());
    List<String[]> out = new ArrayList<>();
    boolean seen = false;
    for (String[] kv : args) {
      if (!kv[0].equals("_escaped_fragment_")) {
        out.add(kv);
      } else if (!seen) {
        out.add(new String[] {kv[0], frag});
        seen = true;
      }
    }
    if (!seen) {
      out.add(new String[] {"_escaped_fragment_", frag});
    }
    StringBuilder q = new StringBuilder();
    for (String[] kv : out) {
      if (q.length() > 0) {
        q.append('&');
      }
      q.append(quotePlus(kv[0].getBytes(StandardCharsets.UTF_8)))
          .append('=')
          .append(quotePlus(kv[1].getBytes(StandardCharsets.UTF_8)));
    }
    return urlunsplit(s.scheme(), s.netloc(), s.path(), q.toString(), "");
  }

  /** w3lib's {@code canonicalize_url(url)} (blank values kept, fragment dropped). */
  public static String canonicalize(String url) {
    Split s = urlsplit(strip(url));
    String path = s.path();
    String params = "";
    if (USES_PARAMS.contains(s.scheme()) && path.indexOf(';') >= 0) {
      int slash = path.lastIndexOf('/');
      int semi = slash >= 0 ? path.indexOf(';', slash) : path.indexOf(';');
      if (semi >= 0) {
        params = path.substring(semi + 1);
        path = path.substring(0, semi);
      }
    }
    String netloc = s.netloc();
    try {
      netloc = idna(netloc);
    } catch (RuntimeException e) {
      // as w3lib: keep the netloc when IDNA cannot encode it
    }
    path = quote(path.getBytes(StandardCharsets.UTF_8), PATH_SAFE_CHARS);
    params = quote(params.getBytes(StandardCharsets.UTF_8), SAFE_CHARS);
    String query = quote(s.query().getBytes(StandardCharsets.UTF_8), SAFE_CHARS);

    List<byte[][]> pairs = parseQslToBytes(query);
    pairs.sort(
        (a, b) -> {
          int c = Arrays.compareUnsigned(a[0], b[0]);
          return c != 0 ? c : Arrays.compareUnsigned(a[1], b[1]);
        });
    StringBuilder q = new StringBuilder();
    for (byte[][] kv : pairs) {
      if (q.length() > 0) {
        q.append('&');
      }
      q.append(quotePlus(kv[0])).append('=').append(quotePlus(kv[1]));
    }
    for (String reserved : new String[] {"2f", "2F", "3f", "3F"}) {
      path = path.replace("%" + reserved, "%25" + reserved.toUpperCase(Locale.ROOT));
    }
    path = quote(unquoteToBytes(path), PATH_SAFE_CHARS);
    if (path.isEmpty()) {
      path = "/";
    }
    netloc = netloc.toLowerCase(Locale.ROOT);
    while (netloc.endsWith(":")) {
      netloc = netloc.substring(0, netloc.length() - 1);
    }
    if (!params.isEmpty()) {
      path = path + ";" + params;
    }
    return urlunsplit(s.scheme(), netloc, path, q.toString(), "");
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

  /** {@code urlparse(url).hostname}: lower-cased, brackets removed, null when absent. */
  public static String hostname(String url) {
    String host = hostAndPort(urlsplit(url).netloc())[0];
    return host == null ? null : host.toLowerCase(Locale.ROOT);
  }

  /** The URL's scheme as Python's urlsplit reads it (lower-cased, may be empty). */
  public static String scheme(String url) {
    return urlsplit(url).scheme();
  }

  /** Where a redirect's {@code Location} points, as Scrapy's RedirectMiddleware computes it. */
  public static String redirectTarget(String requestUrl, String locationHeader) {
    // the JDK hands header bytes over as ISO-8859-1 characters; Scrapy reads them as UTF-8
    byte[] raw = locationHeader.getBytes(StandardCharsets.ISO_8859_1);
    String location = safeUrlString(decodeUtf8PercentEncoding(raw), StandardCharsets.UTF_8);
    if (locationHeader.startsWith("//")) {
      String scheme = urlsplit(requestUrl).scheme();
      String stripped = location;
      while (stripped.startsWith("/")) {
        stripped = stripped.substring(1);
      }
      location = scheme + "://" + stripped;
    }
    return urljoin(requestUrl, location);
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

  /** Python's {@code urljoin(base, url)}: one port of it serves the engine and the forms. */
  public static String urljoin(String base, String url) {
    return io.streamspider.host.form.internal.PyUrl.urljoin(base, url);
  }

  // ------------------------------------------------------------------ Python's urllib.parse

  static Split urlsplit(String url) {
    url = url.replace("\t", "").replace("\r", "").replace("\n", "");
    int start = 0;
    while (start < url.length() && url.charAt(start) <= ' ') {
      start++;
    }
    url = url.substring(start);
    String scheme = "";
    int colon = url.indexOf(':');
    if (colon > 0 && isAsciiAlpha(url.charAt(0))) {
      boolean ok = true;
      for (int i = 0; i < colon; i++) {
        char c = url.charAt(i);
        if (!(isAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
          ok = false;
          break;
        }
      }
      if (ok) {
        scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        url = url.substring(colon + 1);
      }
    }
    String netloc = "";
    if (url.startsWith("//")) {
      int delim = url.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int i = url.indexOf(c, 2);
        if (i >= 0) {
          delim = Math.min(delim, i);
        }
      }
      netloc = url.substring(2, delim);
      url = url.substring(delim);
      if (netloc.contains("[") != netloc.contains("]")) {
        throw new BadUrlException("Invalid IPv6 URL");
      }
    }
    String fragment = "";
    int hash = url.indexOf('#');
    if (hash >= 0) {
      fragment = url.substring(hash + 1);
      url = url.substring(0, hash);
    }
    String query = "";
    int qm = url.indexOf('?');
    if (qm >= 0) {
      query = url.substring(qm + 1);
      url = url.substring(0, qm);
    }
    return new Split(scheme, netloc, url, query, fragment);
  }

  static String urlunsplit(
      String scheme, String netloc, String path, String query, String fragment) {
    String url = path;
    if (!netloc.isEmpty()
        || (!scheme.isEmpty() && USES_NETLOC.contains(scheme) && !url.startsWith("//"))) {
      if (!url.isEmpty() && url.charAt(0) != '/') {
        url = "/" + url;
      }
      url = "//" + netloc + url;
    }
    if (!scheme.isEmpty()) {
      url = scheme + ":" + url;
    }
    if (!query.isEmpty()) {
      url = url + "?" + query;
    }
    if (!fragment.isEmpty()) {
      url = url + "#" + fragment;
    }
    return url;
  }

  /** {host or null, port text or null} of a netloc, as Python's {@code _hostinfo}. */
  private static String[] hostAndPort(String netloc) {
    String hostinfo = netloc.substring(netloc.lastIndexOf('@') + 1);
    String host;
    String port;
    int open = hostinfo.indexOf('[');
    if (open >= 0) {
      String bracketed = hostinfo.substring(open + 1);
      int close = bracketed.indexOf(']');
      host = close >= 0 ? bracketed.substring(0, close) : bracketed;
      String rest = close >= 0 ? bracketed.substring(close + 1) : "";
      int c = rest.indexOf(':');
      port = c >= 0 ? rest.substring(c + 1) : "";
      // Python drops the brackets here; keep them so IPv6 literals stay usable
      host = "[" + host + "]";
    } else {
      int c = hostinfo.indexOf(':');
      host = c >= 0 ? hostinfo.substring(0, c) : hostinfo;
      port = c >= 0 ? hostinfo.substring(c + 1) : "";
    }
    return new String[] {
      host.isEmpty() ? null : host.toLowerCase(Locale.ROOT), port.isEmpty() ? null : port
    };
  }

  private static String port(String text) {
    boolean digits = !text.isEmpty();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      digits &= c >= '0' && c <= '9';
    }
    if (!digits) {
      throw new BadUrlException(
          "Port could not be cast to integer value as " + PyFormat.strRepr(text));
    }
    int zeros = 0;
    while (zeros < text.length() - 1 && text.charAt(zeros) == '0') {
      zeros++;
    }
    String trimmed = text.substring(zeros);
    if (trimmed.length() > 5 || Integer.parseInt(trimmed) > 65535) {
      throw new BadUrlException("Port out of range 0-65535");
    }
    return trimmed;
  }

  private static String idna(String host) {
    if (host.startsWith("[")) {
      return host;
    }
    boolean ascii = true;
    for (int i = 0; i < host.length(); i++) {
      ascii &= host.charAt(i) < 0x80;
    }
    if (ascii) {
      return host;
    }
    try {
      return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return host;
    }
  }

  /** {@code parse_qsl(qs, keep_blank_values=True)} decoding names and values as UTF-8. */
  private static List<String[]> parseQsl(String qs) {
    List<String[]> out = new ArrayList<>();
    for (byte[][] kv : parseQslToBytes(qs)) {
      out.add(
          new String[] {
            new String(kv[0], StandardCharsets.UTF_8), new String(kv[1], StandardCharsets.UTF_8)
          });
    }
    return out;
  }

  /** w3lib's {@code parse_qsl_to_bytes(qs, keep_blank_values=True)}. */
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
              unquoteToBytes(name.replace('+', ' ')), unquoteToBytes(value.replace('+', ' '))
            });
      }
    }
    return out;
  }

  /** {@code quote(bytes, safe)}: letters, digits, {@code _.-~} and {@code safe} stay. */
  static String quote(byte[] bytes, String safe) {
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c < 0x80
          && (isAsciiAlpha((char) c)
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-'
              || c == '~'
              || safe.indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  static String quotePlus(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      if (x == ' ') {
        b.append('+');
      } else {
        b.append(quote(new byte[] {x}, ""));
      }
    }
    return b.toString();
  }

  static byte[] unquoteToBytes(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }

  /** Python's {@code unquote(s)}: UTF-8 with replacement characters. */
  static String unquote(String s) {
    return new String(unquoteToBytes(s), StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit((char) b, 16);
  }

  private static boolean isAsciiAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** w3lib's {@code _strip}: C0 controls and spaces at both ends, tabs/newlines anywhere. */
  static String strip(String url) {
    int start = 0;
    int end = url.length();
    while (start < end && url.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && url.charAt(end - 1) <= ' ') {
      end--;
    }
    return url.substring(start, end).replace("\t", "").replace("\n", "").replace("\r", "");
  }

  private static byte[] encode(String s, Charset charset) {
    CharsetEncoder enc =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer bb = enc.encode(CharBuffer.wrap(s));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    } catch (CharacterCodingException e) {
      int pos = firstUnencodable(s, charset);
      throw new BadUrlException(
          "'"
              + PyCodecs.pythonName(charset)
              + "' codec can't encode character "
              + PyFormat.strRepr(new String(Character.toChars(s.codePointAt(pos))))
              + " in position "
              + pos);
    }
  }

  private static int firstUnencodable(String s, Charset charset) {
    CharsetEncoder enc = charset.newEncoder();
    for (int i = 0; i < s.length(); i++) {
      if (!enc.canEncode(s.charAt(i))) {
        return i;
      }
    }
    return 0;
  }

  private static String remove(String from, String chars) {
    StringBuilder b = new StringBuilder();
    for (char c : from.toCharArray()) {
      if (chars.indexOf(c) < 0) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
