package io.streamspider.runtime.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The duplicate and off-site filters the runtime owns, so that it always knows which requests will
 * be answered (docs/real-host.md "Requests that never get an answer"). Fingerprints are 128 bits of
 * SHA-1 over method, canonical URL and body, kept in an open-addressed table of longs: 16 bytes a
 * request seen, no object per entry.
 */
public final class RequestFilter {
  private final List<String> allowedDomains;
  private final boolean debug;
  private boolean logDupes = true;
  private long[] table = new long[2 * 1024];
  private int size;
  private MessageDigest sha1; // made on first use: loading the providers costs start-up time
  private final UrlMemo urls = new UrlMemo();

  public RequestFilter(List<String> allowedDomains) {
    this(allowedDomains, false);
  }

  /**
   * @param debug Scrapy's {@code DUPEFILTER_DEBUG}: log every filtered duplicate, not only the
   *     first
   */
  public RequestFilter(List<String> allowedDomains, boolean debug) {
    this.debug = debug;
    List<String> d = new ArrayList<>();
    for (String s : allowedDomains) {
      String host = s.strip().toLowerCase(Locale.ROOT);
      int colon = host.indexOf(':');
      d.add(colon >= 0 ? host.substring(0, colon) : host);
    }
    this.allowedDomains = d;
  }

  /** Whether {@code host} is an allowed domain or one of its subdomains (all, when none given). */
  public boolean isOnSite(String host) {
    if (allowedDomains.isEmpty()) {
      return true;
    }
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String d : allowedDomains) {
      if (h.equals(d)
          || (h.endsWith(d)
              && h.length() > d.length()
              && h.charAt(h.length() - d.length() - 1) == '.')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records the request's fingerprint.
   *
   * @param extra distinguishes requests the host treats differently (e.g. a form submission)
   * @return false if an identical request was recorded before
   */
  public boolean firstSeen(String method, String url, String body, String extra) {
    if (sha1 == null) {
      try {
        sha1 = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    sha1.reset();
    sha1.update(method.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    sha1.update((byte) 0);
    sha1.update(urls.canonicalUrl(url).getBytes(StandardCharsets.UTF_8));
    sha1.update((byte) 0);
    if (body != null) {
      sha1.update(body.getBytes(StandardCharsets.UTF_8));
    }
    sha1.update((byte) 0);
    if (extra != null) {
      sha1.update(extra.getBytes(StandardCharsets.UTF_8));
    }
    byte[] d = sha1.digest();
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (d[i] & 0xff);
      lo = (lo << 8) | (d[8 + i] & 0xff);
    }
    if (hi == 0 && lo == 0) {
      lo = 1; // (0, 0) marks an empty slot
    }
    return add(hi, lo);
  }

  /**
   * The DEBUG line for a duplicate just filtered, as Scrapy's {@code RFPDupeFilter} logs it: with
   * {@code DUPEFILTER_DEBUG} every one, with its referer; otherwise only the first, saying that no
   * more will be shown. Null when this one is not to be logged.
   *
   * @param referer the URL of the page the request came from, null for a start request
   */
  public String duplicateLogLine(String method, String url, String referer) {
    String request = "<" + method.toUpperCase(Locale.ROOT) + " " + url + ">";
    if (debug) {
      return "Filtered duplicate request: "
          + request
          + " (referer: "
          + (referer == null ? "None" : referer)
          + ")";
    }
    if (logDupes) {
      logDupes = false;
      return "Filtered duplicate request: "
          + request
          + " - no more duplicates will be shown (see DUPEFILTER_DEBUG to show all duplicates)";
    }
    return null;
  }

  /** Number of fingerprints recorded. */
  public int size() {
    return size;
  }

  private boolean add(long hi, long lo) {
    if ((size + 1) * 4 > table.length / 2 * 3) {
      grow();
    }
    int slots = table.length / 2;
    int i = (int) (lo ^ (lo >>> 32)) & (slots - 1);
    while (true) {
      long h = table[2 * i];
      long l = table[2 * i + 1];
      if (h == 0 && l == 0) {
        table[2 * i] = hi;
        table[2 * i + 1] = lo;
        size++;
        return true;
      }
      if (h == hi && l == lo) {
        return false;
      }
      i = (i + 1) & (slots - 1);
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        add(old[i], old[i + 1]);
      }
    }
  }

  /**
   * Scrapy's canonical form, as far as it decides identity: scheme and host lower-cased, default
   * port dropped, empty path as "/", query arguments sorted, fragment removed.
   */
  public static String canonicalUrl(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return url;
    }
    if (u.isOpaque() || u.getScheme() == null) {
      return url;
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(url.length());
    b.append(scheme).append("://");
    if (u.getRawUserInfo() != null) {
      b.append(u.getRawUserInfo()).append('@');
    }
    if (u.getHost() != null) {
      b.append(u.getHost().toLowerCase(Locale.ROOT));
    } else if (u.getRawAuthority() != null) {
      b.append(u.getRawAuthority().toLowerCase(Locale.ROOT));
    }
    int port = u.getPort();
    if (port >= 0
        && !((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443))) {
      b.append(':').append(port);
    }
    String path = u.getRawPath();
    b.append(path == null || path.isEmpty() ? "/" : path);
    String query = u.getRawQuery();
    if (query != null && !query.isEmpty()) {
      String[] parts = query.split("&");
      java.util.Arrays.sort(parts);
      b.append('?');
      boolean first = true;
      for (String p : parts) {
        if (p.isEmpty()) {
          continue;
        }
        if (!first) {
          b.append('&');
        }
        b.append(p.indexOf('=') < 0 ? p + "=" : p);
        first = false;
      }
    }
    return b.toString();
  }
}
