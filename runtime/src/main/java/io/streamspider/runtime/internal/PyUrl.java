package io.streamspider.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of CPython 3.11's {@code urllib.parse} that Scrapy's URL handling goes through: {@code
 * urlsplit} (with its checks of bracketed hosts and NFKC netlocs), {@code urlunsplit}, {@code
 * urlparse}, {@code urljoin}, {@code quote}, {@code quote_plus}, {@code unquote}, {@code
 * unquote_to_bytes}, {@code urlencode} and {@code parse_qsl}, with their quirks.
 *
 * <p>The one port of them: the runtime (links a spider follows, {@link Urls}), the host's engine
 * (requests, redirects, robots.txt, fingerprints) and its forms ({@code FormRequest.from_response})
 * all call this class.
 */
public final class PyUrl {
  private static final String ALWAYS_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
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

  private PyUrl() {}

  /**
   * A URL Python or Scrapy refuses (Python's {@code ValueError}, a codec error, Scrapy's "Missing
   * scheme"); the message is the text of the exception they raise.
   */
  public static final class UrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UrlException(String message) {
      super(message);
    }
  }

  /** Python's {@code SplitResult}, with the properties Scrapy and w3lib read of it. */
  public record Split(String scheme, String netloc, String path, String query, String fragment) {
    /** {@code split._replace(query=q)}. */
    public Split withQuery(String q) {
      return new Split(scheme, netloc, path, q, fragment);
    }

    /**
     * {@code hostname}: lower-cased except an IPv6 zone ({@code %eth0}), without brackets; null
     * when empty.
     */
    public String hostname() {
      String h = hostinfo()[0];
      if (h.isEmpty()) {
        return null;
      }
      int zone = h.indexOf('%');
      return zone < 0
          ? h.toLowerCase(Locale.ROOT)
          : h.substring(0, zone).toLowerCase(Locale.ROOT) + h.substring(zone);
    }

    /** True when the host is a bracketed literal ({@code [::1]}). */
    boolean bracketedHost() {
      return netloc.indexOf('[', netloc.lastIndexOf('@') + 1) >= 0;
    }

    /**
     * {@code port}, checked as Python checks it; null when absent.
     *
     * @throws UrlException {@code Port could not be cast to integer value as '...'} or {@code Port
     *     out of range 0-65535}
     */
    public Integer port() {
      String p = hostinfo()[1];
      if (p == null) {
        return null;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          throw new UrlException("Port could not be cast to integer value as " + repr(p));
        }
      }
      int zeros = 0;
      while (zeros < p.length() - 1 && p.charAt(zeros) == '0') {
        zeros++;
      }
      String digits = p.substring(zeros);
      if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
        throw new UrlException("Port out of range 0-65535");
      }
      return Integer.parseInt(digits);
    }

    /** {@code username}: what stands before the {@code :} of the userinfo; null without one. */
    public String username() {
      String[] u = userinfo();
      return u == null ? null : u[0];
    }

    /** {@code password}: what stands after the {@code :} of the userinfo; null without one. */
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

    /** Python's {@code _hostinfo}: {host as written (no brackets), port text or null}. */
    private String[] hostinfo() {
      String hostinfo = netloc.substring(netloc.lastIndexOf('@') + 1);
      String host;
      String port;
      int open = hostinfo.indexOf('[');
      if (open >= 0) {
        String bracketed = hostinfo.substring(open + 1);
        int close = bracketed.indexOf(']');
        host = close < 0 ? bracketed : bracketed.substring(0, close);
        String rest = close < 0 ? "" : bracketed.substring(close + 1);
        int colon = rest.indexOf(':');
        port = colon < 0 ? "" : rest.substring(colon + 1);
      } else {
        int colon = hostinfo.indexOf(':');
        host = colon < 0 ? hostinfo : hostinfo.substring(0, colon);
        port = colon < 0 ? "" : hostinfo.substring(colon + 1);
      }
      return new String[] {host, port.isEmpty() ? null : port};
    }
  }

  // ------------------------------------------------------------------ urlsplit and urlunsplit

  /** {@code urlsplit(url)}. */
  public static Split urlsplit(String url) {
    return urlsplit(url, "");
  }

  /**
   * {@code urlsplit(url, scheme)}: C0 controls and spaces off the front, tabs and newlines out,
   * then scheme, netloc, path, query and fragment.
   *
   * @throws UrlException Python's {@code ValueError} for a malformed netloc ({@code Invalid IPv6
   *     URL}, a bracketed host that is no IPv6 address, NFKC delimiters)
   */
  public static Split urlsplit(String url, String scheme) {
    int start = 0;
    while (start < url.length() && url.charAt(start) <= ' ') {
      start++;
    }
    url = removeTabsAndNewlines(url.substring(start));
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
        throw new UrlException("Invalid IPv6 URL");
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

  /** {@code urlunsplit(split)}. */
  public static String urlunsplit(Split s) {
    return urlunsplit(s.scheme(), s.netloc(), s.path(), s.query(), s.fragment());
  }

  /** {@code urlunsplit((scheme, netloc, path, query, fragment))}. */
  public static String urlunsplit(
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

  /** {@code urlparse(url, scheme)}: scheme, netloc, path, params, query, fragment. */
  public static String[] urlparse(String url, String scheme) {
    Split s = urlsplit(url, scheme);
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

  /** {@code urlunparse((scheme, netloc, path, params, query, fragment))}. */
  public static String urlunparse(
      String scheme, String netloc, String path, String params, String query, String fragment) {
    return urlunsplit(
        scheme, netloc, params.isEmpty() ? path : path + ";" + params, query, fragment);
  }

  private static void checkBracketedNetloc(String netloc) {
    String hostPort = netloc.substring(netloc.lastIndexOf('@') + 1);
    int open = hostPort.indexOf('[');
    String host;
    if (open >= 0) {
      if (open > 0) {
        throw new UrlException("Invalid IPv6 URL");
      }
      String bracketed = hostPort.substring(1);
      int close = bracketed.indexOf(']');
      host = close >= 0 ? bracketed.substring(0, close) : bracketed;
      String port = close >= 0 ? bracketed.substring(close + 1) : "";
      if (!port.isEmpty() && !port.startsWith(":")) {
        throw new UrlException("Invalid IPv6 URL");
      }
    } else {
      int c = hostPort.indexOf(':');
      host = c >= 0 ? hostPort.substring(0, c) : hostPort;
    }
    if (host.startsWith("v")) {
      if (!IPV_FUTURE.matcher(host).matches()) {
        throw new UrlException("IPvFuture address is invalid");
      }
    } else if (isIpv4(host)) {
      throw new UrlException("An IPv4 address cannot be in brackets");
    } else if (!isIpv6(host)) {
      throw new UrlException(repr(host) + " does not appear to be an IPv4 or IPv6 address");
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
        throw new UrlException(
            "netloc " + repr(netloc) + " contains invalid characters under NFKC normalization");
      }
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

  // ------------------------------------------------------------------ urljoin

  /**
   * {@code urljoin(base, url)} (what Scrapy's {@code response.urljoin} calls).
   *
   * @throws UrlException when either is malformed (e.g. {@code Invalid IPv6 URL})
   */
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
      // segments[1:-1] = filter(None, segments[1:-1]): no redundant slashes on re-joining
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

  // ------------------------------------------------------------------ quoting

  /**
   * {@code quote(bytes, safe)}: letters, digits, {@code _.-~} and {@code safe} stay, every other
   * byte becomes {@code %XX}.
   */
  public static String quote(byte[] bytes, String safe) {
    StringBuilder b = new StringBuilder(bytes.length + 8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c < 0x80 && (ALWAYS_SAFE.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return b.toString();
  }

  /** {@code quote_plus(bytes)}: nothing extra safe, space as {@code +}. */
  public static String quotePlus(byte[] bytes) {
    return quote(bytes, " ").replace(' ', '+');
  }

  /** {@code urlencode(pairs)} of already-encoded name and value bytes. */
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

  /**
   * {@code unquote(s)}: each run of {@code %XX} escapes (with the ASCII around them) decoded as
   * UTF-8, invalid bytes replaced; other characters kept as they are.
   */
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
        out.append(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
      out.append(c);
      i++;
    }
    if (pending.size() > 0) {
      out.append(pending.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** {@code unquote_to_bytes(s)}: the UTF-8 bytes of {@code s} with {@code %XX} decoded. */
  public static byte[] unquoteToBytes(String s) {
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

  /**
   * {@code parse_qsl(qs, keep_blank_values=True)}: {@code &}-separated (not {@code ;}), {@code +}
   * and {@code %XX} decoded as UTF-8.
   */
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
      String name = eq < 0 ? field : field.substring(0, eq);
      String value = eq < 0 ? "" : field.substring(eq + 1);
      out.add(new String[] {unquote(name.replace('+', ' ')), unquote(value.replace('+', ' '))});
    }
    return out;
  }

  private static int hex(int c) {
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

  static String removeTabsAndNewlines(String s) {
    if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\t", "").replace("\n", "").replace("\r", "");
  }

  static boolean isAscii(String s) {
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

  /**
   * Python's {@code repr()} of a str, for the messages above. The rule is the one of the
   * selector-grammar module's {@code PythonRepr.str} (which the host's messages use); the runtime
   * does not depend on that module, so its few lines stand here too.
   */
  static String repr(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(q);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == q || cp == '\\') {
        b.append('\\').appendCodePoint(cp);
      } else if (cp == '\t' || cp == '\n' || cp == '\r') {
        b.append(cp == '\t' ? "\\t" : cp == '\n' ? "\\n" : "\\r");
      } else if (printable(cp)) {
        b.appendCodePoint(cp);
      } else {
        String hex = Integer.toHexString(cp);
        String digits = cp < 0x100 ? "\\x00" : cp < 0x10000 ? "\\u0000" : "\\U00000000";
        b.append(digits, 0, digits.length() - hex.length()).append(hex);
      }
    }
    return b.append(q).toString();
  }

  /** Python's {@code str.isprintable()} of one character. */
  private static boolean printable(int cp) {
    if (cp < 0x7f) {
      return cp >= 0x20;
    }
    int type = Character.getType(cp);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SPACE_SEPARATOR;
  }
}
