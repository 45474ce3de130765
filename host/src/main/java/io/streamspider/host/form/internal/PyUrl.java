package io.streamspider.host.form.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of CPython 3.11's {@code urllib.parse} that Scrapy's form submission goes through:
 * {@code urlsplit}, {@code urlunsplit}, {@code urljoin}, {@code quote}, {@code unquote}, {@code
 * urlencode} and {@code parse_qsl}, with their quirks.
 */
public final class PyUrl {
  private PyUrl() {}

  /** Python raised ValueError (a malformed URL); the message is Python's. */
  public static final class UrlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UrlException(String message) {
      super(message);
    }
  }

  public record Split(String scheme, String netloc, String path, String query, String fragment) {
    Split withQuery(String q) {
      return new Split(scheme, netloc, path, q, fragment);
    }

    /** {@code hostname}: lower-cased, brackets and port removed; null when empty. */
    public String hostname() {
      String h = hostinfo()[0];
      if (h == null || h.isEmpty()) {
        return null;
      }
      int pct = h.indexOf('%');
      return pct < 0
          ? h.toLowerCase(Locale.ROOT)
          : h.substring(0, pct).toLowerCase(Locale.ROOT) + h.substring(pct);
    }

    /** {@code port}, validated as Python does; null when absent. */
    public Integer port() {
      String p = hostinfo()[1];
      if (p == null) {
        return null;
      }
      boolean digits = !p.isEmpty();
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          digits = false;
        }
      }
      if (!digits) {
        throw new UrlException("Port could not be cast to integer value as " + pyRepr(p));
      }
      long v = Long.parseLong(p.length() > 12 ? "9999999999999" : p);
      if (v > 65535) {
        throw new UrlException("Port out of range 0-65535");
      }
      return (int) v;
    }

    public String username() {
      String[] u = userinfo();
      return u == null ? null : u[0];
    }

    public String password() {
      String[] u = userinfo();
      return u == null ? null : u[1];
    }

    private String[] userinfo() {
      int at = netloc.lastIndexOf('@');
      if (at < 0) {
        return null;
      }
      String info = netloc.substring(0, at);
      int colon = info.indexOf(':');
      return colon < 0
          ? new String[] {info, null}
          : new String[] {info.substring(0, colon), info.substring(colon + 1)};
    }

    private String[] hostinfo() {
      String hostinfo = netloc.substring(netloc.lastIndexOf('@') + 1);
      String hostname;
      String port;
      int br = hostinfo.indexOf('[');
      if (br >= 0) {
        String bracketed = hostinfo.substring(br + 1);
        int close = bracketed.indexOf(']');
        hostname = close < 0 ? bracketed : bracketed.substring(0, close);
        String rest = close < 0 ? "" : bracketed.substring(close + 1);
        int colon = rest.indexOf(':');
        port = colon < 0 ? "" : rest.substring(colon + 1);
      } else {
        int colon = hostinfo.indexOf(':');
        hostname = colon < 0 ? hostinfo : hostinfo.substring(0, colon);
        port = colon < 0 ? "" : hostinfo.substring(colon + 1);
      }
      return new String[] {hostname, port.isEmpty() ? null : port};
    }
  }

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

  static boolean isC0OrSpace(char c) {
    return c <= 0x20;
  }

  public static Split urlsplit(String url) {
    return urlsplit(url, "");
  }

  public static Split urlsplit(String url, String scheme) {
    int b = 0;
    while (b < url.length() && isC0OrSpace(url.charAt(b))) {
      b++;
    }
    url = url.substring(b).replace("\t", "").replace("\r", "").replace("\n", "");
    String netloc = "";
    String query = "";
    String fragment = "";
    int i = url.indexOf(':');
    if (i > 0 && isAsciiLetter(url.charAt(0))) {
      boolean ok = true;
      for (int k = 0; k < i; k++) {
        char c = url.charAt(k);
        if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
          ok = false;
          break;
        }
      }
      if (ok) {
        scheme = url.substring(0, i).toLowerCase(Locale.ROOT);
        url = url.substring(i + 1);
      }
    }
    if (url.startsWith("//")) {
      int delim = url.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int w = url.indexOf(c, 2);
        if (w >= 0) {
          delim = Math.min(delim, w);
        }
      }
      netloc = url.substring(2, delim);
      url = url.substring(delim);
      boolean open = netloc.indexOf('[') >= 0;
      boolean close = netloc.indexOf(']') >= 0;
      if (open != close) {
        throw new UrlException("Invalid IPv6 URL");
      }
      if (open) {
        checkBracketedNetloc(netloc);
      }
    }
    int hash = url.indexOf('#');
    if (hash >= 0) {
      fragment = url.substring(hash + 1);
      url = url.substring(0, hash);
    }
    int q = url.indexOf('?');
    if (q >= 0) {
      query = url.substring(q + 1);
      url = url.substring(0, q);
    }
    checkNetloc(netloc);
    return new Split(scheme, netloc, url, query, fragment);
  }

  private static void checkBracketedNetloc(String netloc) {
    String hp = netloc.substring(netloc.lastIndexOf('@') + 1);
    int br = hp.indexOf('[');
    if (br > 0) {
      throw new UrlException("Invalid IPv6 URL");
    }
    String bracketed = hp.substring(br + 1);
    int close = bracketed.indexOf(']');
    String host = close < 0 ? bracketed : bracketed.substring(0, close);
    String port = close < 0 ? "" : bracketed.substring(close + 1);
    if (!port.isEmpty() && !port.startsWith(":")) {
      throw new UrlException("Invalid IPv6 URL");
    }
    if (host.startsWith("v")) {
      if (!host.matches("(?s)v[a-fA-F0-9]+\\..+")) {
        throw new UrlException("IPvFuture address is invalid");
      }
    } else if (!host.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%.+)?")) {
      throw new UrlException(pyRepr(host) + " does not appear to be an IPv4 or IPv6 address");
    }
  }

  private static void checkNetloc(String netloc) {
    if (netloc.isEmpty() || netloc.chars().allMatch(c -> c < 128)) {
      return;
    }
    String n = netloc.replace("@", "").replace(":", "").replace("#", "").replace("?", "");
    String nfkc = Normalizer.normalize(n, Normalizer.Form.NFKC);
    if (n.equals(nfkc)) {
      return;
    }
    for (char c : "/?#@:".toCharArray()) {
      if (nfkc.indexOf(c) >= 0) {
        throw new UrlException(
            "netloc '" + netloc + "' contains invalid characters under NFKC" + " normalization");
      }
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public static String urlunsplit(Split s) {
    String url = s.path();
    if (!s.netloc().isEmpty()
        || (!s.scheme().isEmpty() && USES_NETLOC.contains(s.scheme()) && !url.startsWith("//"))) {
      if (!url.isEmpty() && !url.startsWith("/")) {
        url = "/" + url;
      }
      url = "//" + s.netloc() + url;
    }
    if (!s.scheme().isEmpty()) {
      url = s.scheme() + ":" + url;
    }
    if (!s.query().isEmpty()) {
      url = url + "?" + s.query();
    }
    if (!s.fragment().isEmpty()) {
      url = url + "#" + s.fragment();
    }
    return url;
  }

  /** urlparse: urlsplit plus the {@code ;params} of the last path segment. */
  private static String[] urlparse(String url, String scheme) {
    Split s = urlsplit(url, scheme);
    String path = s.path();
    String params = "";
    if (USES_PARAMS.contains(s.scheme()) && path.indexOf(';') >= 0) {
      int i;
      if (path.indexOf('/') >= 0) {
        i = path.indexOf(';', path.lastIndexOf('/'));
      } else {
        i = path.indexOf(';');
      }
      if (i >= 0) {
        params = path.substring(i + 1);
        path = path.substring(0, i);
      }
    }
    return new String[] {s.scheme(), s.netloc(), path, params, s.query(), s.fragment()};
  }

  private static String urlunparse(String[] p) {
    String path = p[3].isEmpty() ? p[2] : p[2] + ";" + p[3];
    return urlunsplit(new Split(p[0], p[1], path, p[4], p[5]));
  }

  public static String urljoin(String base, String url) {
    if (base == null || base.isEmpty()) {
      return url;
    }
    if (url == null || url.isEmpty()) {
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
        return urlunparse(new String[] {scheme, netloc, path, params, query, fragment});
      }
      netloc = b[1];
    }
    if (path.isEmpty() && params.isEmpty()) {
      path = b[2];
      params = b[3];
      if (query.isEmpty()) {
        query = b[4];
      }
      return urlunparse(new String[] {scheme, netloc, path, params, query, fragment});
    }
    List<String> baseParts = new ArrayList<>(List.of(b[2].split("/", -1)));
    if (!baseParts.get(baseParts.size() - 1).isEmpty()) {
      baseParts.remove(baseParts.size() - 1);
    }
    List<String> segments;
    if (path.startsWith("/")) {
      segments = new ArrayList<>(List.of(path.split("/", -1)));
    } else {
      segments = new ArrayList<>(baseParts);
      segments.addAll(List.of(path.split("/", -1)));
      // drop empty inner segments, as Python's segments[1:-1] = filter(None, ...)
      if (segments.size() > 2) {
        List<String> inner = new ArrayList<>();
        for (String s : segments.subList(1, segments.size() - 1)) {
          if (!s.isEmpty()) {
            inner.add(s);
          }
        }
        List<String> rebuilt = new ArrayList<>();
        rebuilt.add(segments.get(0));
        rebuilt.addAll(inner);
        rebuilt.add(segments.get(segments.size() - 1));
        segments = rebuilt;
      }
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
    return urlunparse(
        new String[] {scheme, netloc, joined.isEmpty() ? "/" : joined, params, query, fragment});
  }

  private static final String ALWAYS_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

  /** {@code quote(bytes, safe)}: percent-encode every byte not always-safe or in {@code safe}. */
  public static String quote(byte[] bytes, String safe) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte x : bytes) {
      int c = x & 0xFF;
      if (c < 128 && (ALWAYS_SAFE.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** {@code quote_plus(bytes)} with no extra safe characters. */
  public static String quotePlus(byte[] bytes) {
    return quote(bytes, " ").replace(' ', '+');
  }

  /** {@code unquote(str)}: %XX sequences decoded as UTF-8, invalid bytes replaced. */
  public static String unquote(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < s.length()
          && hex(s.charAt(i + 1)) >= 0
          && hex(s.charAt(i + 2)) >= 0) {
        pending.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
        continue;
      }
      if (pending.size() > 0) {
        out.append(new String(pending.toByteArray(), StandardCharsets.UTF_8));
        pending.reset();
      }
      out.append(c);
      i++;
    }
    if (pending.size() > 0) {
      out.append(new String(pending.toByteArray(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** {@code urlencode(pairs, doseq=True)} of already-encoded byte pairs. */
  public static String urlencode(List<byte[][]> pairs) {
    StringBuilder out = new StringBuilder();
    for (byte[][] p : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(quotePlus(p[0])).append('=').append(quotePlus(p[1]));
    }
    return out.toString();
  }

  /** {@code parse_qsl(qs, keep_blank_values=True)}: '&'-separated, '+' and %XX decoded. */
  public static List<String[]> parseQsl(String qs) {
    List<String[]> out = new ArrayList<>();
    if (qs.isEmpty()) {
      return out;
    }
    for (String field : qs.split("&", -1)) {
      if (field.isEmpty()) {
        continue;
      }
      int eq = field.indexOf('=');
      String k = eq < 0 ? field : field.substring(0, eq);
      String v = eq < 0 ? "" : field.substring(eq + 1);
      out.add(new String[] {unquote(k.replace('+', ' ')), unquote(v.replace('+', ' '))});
    }
    return out;
  }

  static String pyRepr(String s) {
    return io.streamspider.host.select.internal.PyRepr.str(s);
  }
}
