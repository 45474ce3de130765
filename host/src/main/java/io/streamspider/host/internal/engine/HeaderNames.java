package io.streamspider.host.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Header name handling shared by requests and responses. */
public final class HeaderNames {
  /** Connection-level headers Twisted keeps out of a response's headers. */
  private static final Set<String> CONNECTION_HEADERS =
      Set.of(
          "content-length",
          "connection",
          "keep-alive",
          "te",
          "trailers",
          "transfer-encoding",
          "upgrade",
          "proxy-connection");

  private HeaderNames() {}

  /** Scrapy's {@code Headers.normkey}: Python's {@code str.title()}, e.g. {@code X-B3-Traceid}. */
  public static String title(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean prevCased = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c);
      b.append(cased ? (prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c);
      prevCased = cased;
    }
    return b.toString();
  }

  /** The values of a header, case-insensitively, or an empty list. */
  public static List<String> get(Map<String, List<String>> headers, String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        out.addAll(e.getValue());
      }
    }
    return out;
  }

  public static boolean has(Map<String, List<String>> headers, String name) {
    for (String k : headers.keySet()) {
      if (k.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  public static void remove(Map<String, List<String>> headers, String name) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
  }

  /**
   * A response's headers as Scrapy shows them: names title-cased, connection headers dropped,
   * Content-Length first when the body length was announced.
   */
  public static Map<String, List<String>> response(Map<String, List<String>> raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> length = get(raw, "content-length");
    if (!length.isEmpty() && get(raw, "transfer-encoding").isEmpty()) {
      out.put("Content-Length", List.of(length.get(0).strip()));
    }
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      String name = e.getKey();
      if (name.startsWith(":") || CONNECTION_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      out.computeIfAbsent(title(name), k -> new ArrayList<>()).addAll(e.getValue());
    }
    return out;
  }

  /** Bytes of {@code Name: value\r\n} lines, as Scrapy's {@code Headers.to_string} plus CRLFs. */
  public static long size(Map<String, List<String>> headers) {
    long n = 0;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      for (String v : e.getValue()) {
        n +=
            e.getKey().length()
                + 2
                + v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length
                + 2;
      }
    }
    return n;
  }
}
