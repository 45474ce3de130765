package io.streamspider.host.internal;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The URL of a Scrapy {@code Request}: w3lib's {@code safe_url_string} (percent-escaping, IDNA
 * host), Scrapy's {@code escape_ajax} ({@code #!} → {@code _escaped_fragment_}) and the "Missing
 * scheme" check, with Python's {@code urllib.parse} splitting rules.
 */
public final class RequestUrl {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final String PATH_SAFE = UNRESERVED + ":/?@!$&'()*+,;=%";
  private static final String SPECIAL_QUERY_SAFE = UNRESERVED + ":/?@!$&()*+,;=%";
  private static final String USERINFO_SAFE = UNRESERVED + "!$&'()*+,";
  private static final String ALWAYS_SAFE = UNRESERVED;
  private static final Set<String> SPECIAL_SCHEMES = Set.of("ftp", "file", "http", "https", "ws", "wss");
  private static final Set<String> USES_NETLOC =
      Set.of(
          "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https",
          "shttp", "snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs",
          "git", "git+ssh", "ws", "wss");

  private RequestUrl() {}

  /**
   * The URL Scrapy's {@code Request(url, encoding=...)} would hold.
   *
   * @throws IllegalArgumentException with Scrapy's text, e.g. {@code Missing scheme in request
   *     url: not%20a%20url}
   */
  public static String of(String url, Charset encoding) {
    String safe = escapeAjax(safeUrlString(url, encoding));
    if (!safe.contains("://") && !safe.startsWith("about:") && !safe.startsWith("data:")) {
      throw new IllegalArgumentException("Missing scheme in request url: " + safe);
    }
    return safe;
  }

  /** w3lib.url.safe_url_string. */
  static String safeUrlString(String url, Charset encoding) {
    Split parts = Split.of(stripControls(url));
    StringBuilder netloc = new StringBuilder();
    if (parts.username() != null || parts.password() != null) {
      if (parts.username() != null) {
        netloc.append(quote(unquote(parts.username()).getBytes(StandardCharsets.UTF_8), USERINFO_SAFE));
      }
      if (parts.password() != null) {
        netloc.append(':');
        netloc.append(quote(unquote(parts.password()).getBytes(StandardCharsets.UTF_8), USERINFO_SAFE));
      }
      netloc.append('@');
    }
    String host = parts.hostname();
    if (host != null) {
      netloc.append(idna(host));
    }
    Integer port = parts.port();
    if (port != null) {
      netloc.append(':').append(port);
    }
    String path = quote(parts.path().getBytes(StandardCharsets.UTF_8), PATH_SAFE);
    String query =
        quote(
            parts.query().getBytes(encoding),
            SPECIAL_SCHEMES.contains(parts.scheme()) ? SPECIAL_QUERY_SAFE : PATH_SAFE);
    String fragment = quote(parts.fragment().getBytes(encoding), PATH_SAFE);
    return unsplit(parts.scheme(), netloc.toString(), path, query, fragment);
  }

  private static String idna(String host) {
    boolean ascii = host.chars().allMatch(c -> c < 128);
    if (ascii) {
      return host;
    }
    try {
      return IDN.toASCII(host);
    } catch (IllegalArgumentException e) {
      // w3lib falls back to the plain host when IDNA refuses it (too long or empty labels)
      return host;
    }
  }

  /** Scrapy's escape_ajax: {@code url#!frag} → {@code url?_escaped_fragment_=frag}. */
  static String escapeAjax(String url) {
    int hash = url.indexOf('#');
    if (hash < 0 || !url.startsWith("!", hash + 1)) {
      return url;
    }
    String fragment = url.substring(hash + 2);
    Split parts = Split.of(url.substring(0, hash));
    // w3lib's add_or_replace_parameter re-encodes the whole query (parse_qsl then urlencode)
    List<String[]> args = parseQsl(parts.query());
    StringBuilder query = new StringBuilder();
    boolean replaced = false;
    for (String[] kv : args) {
      if (kv[0].equals("_escaped_fragment_")) {
        if (replaced) {
          continue;
        }
        kv = new String[] {kv[0], fragment};
        replaced = true;
      }
      appendPair(query, kv[0], kv[1]);
    }
    if (!replaced) {
      appendPair(query, "_escaped_fragment_", fragment);
    }
    return unsplit(parts.scheme(), parts.netloc(), parts.path(), query.toString(), "");
  }

  private static void appendPair(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(quotePlus(name)).append('=').append(quotePlus(value));
  }

  private static List<String[]> parseQsl(String query) {
    List<String[]> out = new ArrayList<>();
    for (String field : query.split("&", -1)) {
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

  private static String quotePlus(String s) {
    return quote(s.replace(" ", "\u0000").getBytes(StandardCharsets.UTF_8), ALWAYS_SAFE + "\u0000")
        .replace('\u0000', '+');
  }

  /** urllib.parse.urlunsplit. */
  private static String unsplit(String scheme, String netloc, String path, String query, String fragment) {
    String url = path;
    if (!netloc.isEmpty() || (!scheme.isEmpty() && USES_NETLOC.contains(scheme) && !url.startsWith("//"))) {
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

  /** urllib.parse.quote over bytes: everything but {@code safe} becomes %XX. */
  static String quote(byte[] bytes, String safe) {
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c < 128 && safe.indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** urllib.parse.unquote: %XX sequences as UTF-8, invalid bytes replaced. */
  static String unquote(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return c < 128 ? Character.digit(c, 16) : -1;
  }

  /** w3lib's _strip: C0 controls and spaces off both ends, tabs and newlines removed. */
  private static String stripControls(String url) {
    int b = 0;
    int e = url.length();
    while (b < e && url.charAt(b) <= ' ') {
      b++;
    }
    while (e > b && url.charAt(e - 1) <= ' ') {
      e--;
    }
    return url.substring(b, e).replace("\t", "").replace("\n", "").replace("\r", "");
  }

  /** urllib.parse.urlsplit and its SplitResult properties. */
  record Split(String scheme, String netloc, String path, String query, String fragment) {
    static Split of(String url) {
      String scheme = "";
      String netloc = "";
      String query = "";
      String fragment = "";
      int colon = url.indexOf(':');
      if (colon > 0 && isAsciiLetter(url.charAt(0)) && isSchemeChars(url.substring(0, colon))) {
        scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        url = url.substring(colon + 1);
      }
      if (url.startsWith("//")) {
        int end = url.length();
        for (char d : new char[] {'/', '?', '#'}) {
          int at = url.indexOf(d, 2);
          if (at >= 0) {
            end = Math.min(end, at);
          }
        }
        netloc = url.substring(2, end);
        url = url.substring(end);
        if (netloc.contains("[") != netloc.contains("]")) {
          throw new IllegalArgumentException("Invalid IPv6 URL");
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
      return new Split(scheme, netloc, url, query, fragment);
    }

    private static boolean isAsciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isSchemeChars(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
          return false;
        }
      }
      return true;
    }

    private String userinfo() {
      int at = netloc.lastIndexOf('@');
      return at < 0 ? null : netloc.substring(0, at);
    }

    private String hostinfo() {
      return netloc.substring(netloc.lastIndexOf('@') + 1);
    }

    String username() {
      String u = userinfo();
      if (u == null) {
        return null;
      }
      int c = u.indexOf(':');
      return c < 0 ? u : u.substring(0, c);
    }

    String password() {
      String u = userinfo();
      if (u == null) {
        return null;
      }
      int c = u.indexOf(':');
      return c < 0 ? null : u.substring(c + 1);
    }

    /** The host, lower-cased; an IPv6 literal keeps its brackets (w3lib drops them, a bug). */
    String hostname() {
      String h = hostinfo();
      int open = h.indexOf('[');
      if (open >= 0) {
        int close = h.indexOf(']', open);
        return close < 0 ? null : h.substring(open, close + 1).toLowerCase(Locale.ROOT);
      }
      int c = h.indexOf(':');
      String host = c < 0 ? h : h.substring(0, c);
      return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    Integer port() {
      String h = hostinfo();
      int close = h.indexOf(']');
      int c = h.indexOf(':', close < 0 ? 0 : close);
      if (c < 0) {
        return null;
      }
      String port = h.substring(c + 1);
      if (port.isEmpty()) {
        return null;
      }
      if (!port.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        throw new IllegalArgumentException(
            "Port could not be cast to integer value as '" + port + "'");
      }
      if (port.length() > 5 || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException("Port out of range 0-65535");
      }
      return Integer.parseInt(port);
    }
  }
}
