package io.streamspider.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The URL of a request, as Scrapy makes it: {@code response.urljoin(href)} (Python's {@code
 * urljoin}), then what {@code scrapy.Request(url, encoding=...)} does with it: w3lib's {@code
 * safe_url_string} (characters a server would refuse are percent-encoded, the host name goes
 * through IDNA, the port is checked), Scrapy's {@code escape_ajax} ({@code #!frag} becomes {@code
 * ?_escaped_fragment_=frag}) and the "Missing scheme" check. The rules of Python's {@code
 * urllib.parse} are reproduced where the result depends on them.
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
  private static final Set<String> USES_RELATIVE =
      Set.of(
          "",
          "ftp",
          "http",
          "gopher",
          "nntp",
          "imap",
          "wais",
          "file",
          "https",
          "shttp",
          "mms",
          "prospero",
          "rtsp",
          "rtspu",
          "sftp",
          "svn",
          "svn+ssh",
          "ws",
          "wss");
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
  private static final Pattern IPV_FUTURE = Pattern.compile("v[a-fA-F0-9]+\\..+", Pattern.DOTALL);

  private Urls() {}

  /** A URL Scrapy refuses; the message is the text of the exception Scrapy raises. */
  public static final class BadUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadUrlException(String message) {
      super(message);
    }
  }

  /** Python's {@code SplitResult}. */
  record Split(String scheme, String netloc, String path, String query, String fragment) {}

  /**
   * The URL a request for {@code href}, found on the page at {@code base}, gets in Scrapy: {@code
   * scrapy.Request(response.urljoin(href), encoding=encoding).url}.
   *
   * @param base the URL of the page the link is on; null when {@code href} must be absolute
   * @param encoding the request's encoding (the query and fragment are encoded with it); null is
   *     UTF-8
   * @throws BadUrlException with Scrapy's text, e.g. {@code Missing scheme in request url: /a}
   */
  public static String requestUrl(String base, String href, String encoding) {
    String joined = base == null ? href : urljoin(base, href);
    String url = escapeAjax(safeUrlString(joined, charset(encoding)));
    if (!url.contains("://") && !url.startsWith("about:") && !url.startsWith("data:")) {
      throw new BadUrlException("Missing scheme in request url: " + url);
    }
    return url;
  }

  /** The charset of a Python codec name ({@code utf-8}, {@code latin-1}, {@code cp1252}...). */
  static Charset charset(String encoding) {
    if (encoding == null || encoding.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    String n = encoding.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (String candidate :
        new String[] {
          n,
          n.replace("-", ""),
          n.replace("latin", "iso-8859-1").replace("iso-8859-1-1", "iso-8859-1")
        }) {
      try {
        return Charset.forName(candidate);
      } catch (IllegalArgumentException e) {
        // try the next spelling
      }
    }
    throw new BadUrlException("unknown encoding: " + encoding);
  }

  /** {@code urlparse(url).hostname}: lower-cased, without brackets; null when there is none. */
  public static String hostname(String url) {
    try {
      String host = hostAndPort(urlsplit(url).netloc())[0];
      if (host == null) {
        return null;
      }
      return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    } catch (BadUrlException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ urljoin

  /**
   * Python's {@code urljoin(base, url)} (what Scrapy's {@code response.urljoin} calls).
   *
   * @throws BadUrlException when either is malformed (e.g. {@code Invalid IPv6 URL})
   */
  public static String urljoin(String base, String url) {
    if (base == null || base.isEmpty()) {
      return url;
    }
    if (url.isEmpty()) {
      return base;
    }
    String[] b = urlparse(base, "");
    String[] u = urlparse(url, b[0]);
    String scheme = u[0];
    String netloc = u[1];
    String path = u[2];
    String params = u[3];
    String query = u[4];
    String fragment = u[5];
    if (!scheme.equals(b[0]) || !USES_RELATIVE.contains(scheme)) {
      return url;
    }
    if (USES_NETLOC.contains(scheme)) {
      if (!netloc.isEmpty()) {
        return urlunparse(scheme, netloc, path, params, query, fragment);
      }
      netloc = b[1];
    }
    if (path.isEmpty() && params.isEmpty()) {
      return urlunparse(scheme, netloc, b[2], b[3], query.isEmpty() ? b[4] : query, fragment);
    }
    List<String> segments = new ArrayList<>();
    if (path.startsWith("/")) {
      segments.addAll(List.of(path.split("/", -1)));
    } else {
      List<String> baseParts = new ArrayList<>(List.of(b[2].split("/", -1)));
      if (!baseParts.get(baseParts.size() - 1).isEmpty()) {
        baseParts.remove(baseParts.size() - 1);
      }
      segments.addAll(baseParts);
      segments.addAll(List.of(path.split("/", -1)));
      // empty segments in the middle would give redundant slashes
      List<String> filtered = new ArrayList<>();
      for (int i = 0; i < segments.size(); i++) {
        String s = segments.get(i);
        if (i == 0 || i == segments.size() - 1 || !s.isEmpty()) {
          filtered.add(s);
        }
      }
      segments = filtered;
    }
    List<String> resolved = new ArrayList<>();
    for (String seg : segments) {
      if (seg.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
      } else if (!seg.equals(".")) {
        resolved.add(seg);
      }
    }
    String last = segments.get(segments.size() - 1);
    if (last.equals(".") || last.equals("..")) {
      resolved.add("");
    }
    String joined = String.join("/", resolved);
    return urlunparse(scheme, netloc, joined.isEmpty() ? "/" : joined, params, query, fragment);
  }

  /** Python's {@code urlparse}: scheme, netloc, path, params, query, fragment. */
  private static String[] urlparse(String url, String defaultScheme) {
    Split s = urlsplit(url, defaultScheme);
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
    return new String[] {s.scheme(), s.netloc(), path, params, s.query(), s.fragment()};
  }

  private static String urlunparse(
      String scheme, String netloc, String path, String params, String query, String fragment) {
    return urlunsplit(
        scheme, netloc, params.isEmpty() ? path : path + ";" + params, query, fragment);
  }

  // ------------------------------------------------------------------ safe_url_string

  /** w3lib's {@code safe_url_string(url, encoding)}, keeping the brackets of an IPv6 literal. */
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
    if (hostPort[0] != null) {
      nb.append(idna(hostPort[0]));
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

  /**
   * Scrapy's {@code escape_ajax}: {@code #!frag} becomes the query argument {@code
   * _escaped_fragment_=frag}.
   */
  static String escapeAjax(String url) {
    if (url.indexOf('#') < 0) {
      return url;
    }
    String[] p = urlparse(url, "");
    if (!p[5].startsWith("!")) {
      return url;
    }
    String defrag = urlunparse(p[0], p[1], p[2], p[3], p[4], "");
    String frag = p[5].substring(1);
    Split s = urlsplit(defrag);
    List<String[]> args = new ArrayList<>();
    boolean seen = false;
    for (String[] kv : parseQsl(s.query())) {
      if (!kv[0].equals("_escaped_fragment_")) {
        args.add(kv);
      } else if (!seen) {
        args.add(new String[] {kv[0], frag});
        seen = true;
      }
    }
    if (!seen) {
      args.add(new String[] {"_escaped_fragment_", frag});
    }
    StringBuilder q = new StringBuilder();
    for (String[] kv : args) {
      if (q.length() > 0) {
        q.append('&');
      }
      q.append(quotePlus(kv[0])).append('=').append(quotePlus(kv[1]));
    }
    return urlunsplit(s.scheme(), s.netloc(), s.path(), q.toString(), s.fragment());
  }

  // ------------------------------------------------------------------ Python's urllib.parse

  static Split urlsplit(String url) {
    return urlsplit(url, "");
  }

  private static Split urlsplit(String url, String defaultScheme) {
    int start = 0;
    while (start < url.length() && url.charAt(start) <= ' ') {
      start++;
    }
    url = removeTabsAndNewlines(url.substring(start));
    String scheme = defaultScheme;
    int colon = url.indexOf(':');
    if (colon > 0 && isAsciiLetter(url.charAt(0))) {
      boolean ok = true;
      for (int i = 0; i < colon && ok; i++) {
        char c = url.charAt(i);
        ok = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
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
      boolean open = netloc.indexOf('[') >= 0;
      boolean close = netloc.indexOf(']') >= 0;
      if (open != close) {
        throw new BadUrlException("Invalid IPv6 URL");
      }
      if (open) {
        checkBracketedNetloc(netloc);
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
    checkNetloc(netloc);
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

  private static void checkBracketedNetloc(String netloc) {
    String hostPort = netloc.substring(netloc.lastIndexOf('@') + 1);
    int open = hostPort.indexOf('[');
    String host;
    if (open >= 0) {
      if (open > 0) {
        throw new BadUrlException("Invalid IPv6 URL");
      }
      String bracketed = hostPort.substring(1);
      int close = bracketed.indexOf(']');
      host = close >= 0 ? bracketed.substring(0, close) : bracketed;
      String port = close >= 0 ? bracketed.substring(close + 1) : "";
      if (!port.isEmpty() && !port.startsWith(":")) {
        throw new BadUrlException("Invalid IPv6 URL");
      }
    } else {
      int c = hostPort.indexOf(':');
      host = c >= 0 ? hostPort.substring(0, c) : hostPort;
    }
    if (host.startsWith("v")) {
      if (!IPV_FUTURE.matcher(host).matches()) {
        throw new BadUrlException("IPvFuture address is invalid");
      }
    } else if (isIpv4(host)) {
      throw new BadUrlException("An IPv4 address cannot be in brackets");
    } else if (!isIpv6(host)) {
      throw new BadUrlException(repr(host) + " does not appear to be an IPv4 or IPv6 address");
    }
  }

  /** Python refuses a netloc whose NFKC form holds a delimiter (such as U+2100, "a/c"). */
  private static void checkNetloc(String netloc) {
    if (netloc.isEmpty() || isAscii(netloc)) {
      return;
    }
    String n = netloc.replace("@", "").replace(":", "").replace("#", "").replace("?", "");
    String normalized = Normalizer.normalize(n, Normalizer.Form.NFKC);
    if (n.equals(normalized)) {
      return;
    }
    for (char c : "/?#@:".toCharArray()) {
      if (normalized.indexOf(c) >= 0) {
        throw new BadUrlException(
            "netloc " + repr(netloc) + " contains invalid characters under NFKC normalization");
      }
    }
  }

  /**
   * {host (lower-cased, an IPv6 literal in brackets) or null, port text or null}, as Python's
   * {@code _hostinfo}.
   */
  private static String[] hostAndPort(String netloc) {
    String hostinfo = netloc.substring(netloc.lastIndexOf('@') + 1);
    String host;
    String port;
    int open = hostinfo.indexOf('[');
    boolean bracketed = open >= 0;
    if (bracketed) {
      String rest = hostinfo.substring(open + 1);
      int close = rest.indexOf(']');
      host = close >= 0 ? rest.substring(0, close) : rest;
      String after = close >= 0 ? rest.substring(close + 1) : "";
      int c = after.indexOf(':');
      port = c >= 0 ? after.substring(c + 1) : "";
    } else {
      int c = hostinfo.indexOf(':');
      host = c >= 0 ? hostinfo.substring(0, c) : hostinfo;
      port = c >= 0 ? hostinfo.substring(c + 1) : "";
    }
    if (!host.isEmpty()) {
      int zone = host.indexOf('%'); // an IPv6 zone keeps its case
      host =
          zone >= 0
              ? host.substring(0, zone).toLowerCase(Locale.ROOT) + host.substring(zone)
              : host.toLowerCase(Locale.ROOT);
      if (bracketed) {
        host = "[" + host + "]";
      }
    }
    return new String[] {host.isEmpty() ? null : host, port.isEmpty() ? null : port};
  }

  private static String port(String text) {
    boolean digits = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      digits &= c >= '0' && c <= '9';
    }
    if (!digits) {
      throw new BadUrlException("Port could not be cast to integer value as " + repr(text));
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

  /** Python's {@code hostname.encode("idna")}, or the name as it is where that fails. */
  private static String idna(String host) {
    if (host.startsWith("[") || isAscii(host)) {
      return host;
    }
    try {
      return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return host;
    }
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Python's {@code IPv6Address} syntax: 8 groups, or fewer and one {@code ::}; an IPv4 tail; a
   * {@code %zone}.
   */
  private static boolean isIpv6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      if (zone == s.length() - 1) {
        return false;
      }
      s = s.substring(0, zone);
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String[] halves =
        gap >= 0 ? new String[] {s.substring(0, gap), s.substring(gap + 2)} : new String[] {s};
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        if (gap < 0) {
          return false;
        }
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        boolean tail = h == halves.length - 1 && i == parts.length - 1;
        if (tail && p.indexOf('.') >= 0) {
          if (!isIpv4(p)) {
            return false;
          }
          groups += 2;
          continue;
        }
        if (p.isEmpty() || p.length() > 4) {
          return false;
        }
        for (int k = 0; k < p.length(); k++) {
          if (Character.digit(p.charAt(k), 16) < 0 || p.charAt(k) > 'f') {
            return false;
          }
        }
        groups++;
      }
    }
    return gap >= 0 ? groups <= 7 : groups == 8;
  }

  /** {@code parse_qsl(qs, keep_blank_values=True)}: '&'-separated, '+' and %XX decoded as UTF-8. */
  private static List<String[]> parseQsl(String qs) {
    List<String[]> out = new ArrayList<>();
    if (qs.isEmpty()) {
      return out;
    }
    for (String nv : qs.split("&", -1)) {
      if (nv.isEmpty()) {
        continue;
      }
      int eq = nv.indexOf('=');
      String name = eq >= 0 ? nv.substring(0, eq) : nv;
      String value = eq >= 0 ? nv.substring(eq + 1) : "";
      out.add(new String[] {unquote(name.replace('+', ' ')), unquote(value.replace('+', ' '))});
    }
    return out;
  }

  /**
   * {@code quote(bytes, safe)}: letters, digits, {@code _.-~} and {@code safe} stay, the rest is
   * %XX.
   */
  static String quote(byte[] bytes, String safe) {
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c < 0x80 && (ALWAYS_SAFE.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  /** {@code quote_plus(s)}: UTF-8, nothing extra safe, space as {@code +}. */
  private static String quotePlus(String s) {
    return quote(s.getBytes(StandardCharsets.UTF_8), " ").replace(' ', '+');
  }

  /** Python's {@code unquote(s)}: %XX sequences decoded as UTF-8, invalid bytes replaced. */
  static String unquote(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%'
          && i + 2 < in.length
          && Character.digit(in[i + 1], 16) >= 0
          && Character.digit(in[i + 2], 16) >= 0) {
        out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** w3lib's {@code _strip}: C0 controls and spaces at both ends, tabs and newlines anywhere. */
  static String strip(String url) {
    int start = 0;
    int end = url.length();
    while (start < end && url.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && url.charAt(end - 1) <= ' ') {
      end--;
    }
    return removeTabsAndNewlines(url.substring(start, end));
  }

  private static String removeTabsAndNewlines(String s) {
    if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\t", "").replace("\n", "").replace("\r", "");
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
      int pos = 0;
      CharsetEncoder probe = charset.newEncoder();
      while (pos < s.length() && probe.canEncode(s.charAt(pos))) {
        pos++;
      }
      throw new BadUrlException(
          "'"
              + charset.name()
              + "' codec can't encode character "
              + repr(new String(Character.toChars(s.codePointAt(Math.min(pos, s.length() - 1)))))
              + " in position "
              + pos);
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Python's {@code repr} of a simple string (enough for error messages). */
  private static String repr(String s) {
    return s.indexOf('\'') >= 0 && s.indexOf('"') < 0
        ? "\"" + s + "\""
        : "'" + s.replace("'", "\\'") + "'";
  }
}
