package io.streamspider.host.internal.engine;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scrapy's CookiesMiddleware: one jar per value of meta {@code cookiejar} (one default jar per
 * spider), fed by Set-Cookie headers and by a request's own {@code cookies} (dict or list form,
 * stored in the jar as Scrapy does), read into the Cookie header of every request. The JDK's {@link
 * CookieManager} keeps the cookies, accepting them from the server that set them only.
 */
public final class CookieJars {
  private static final Object DEFAULT = new Object();
  private final Map<Object, CookieManager> jars = new ConcurrentHashMap<>();

  private CookieManager jar(Object key) {
    return jars.computeIfAbsent(
        key == null ? DEFAULT : key,
        k -> new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER));
  }

  /**
   * Scrapy's {@code _format_cookie} of each request cookie, as Set-Cookie texts.
   *
   * @param invalid receives the warning text for a cookie without name or value
   */
  public static List<String> format(Object cookies, java.util.function.Consumer<String> invalid) {
    List<String> out = new ArrayList<>();
    if (cookies instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() == null) {
          invalid.accept(
              "{'name': "
                  + PyFormat.repr(String.valueOf(e.getKey()))
                  + ", 'value': None} ('value' is missing)");
          continue;
        }
        out.add(e.getKey() + "=" + str(e.getValue()));
      }
    } else if (cookies instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof Map<?, ?> c)) {
          continue;
        }
        if (c.get("name") == null || c.get("value") == null) {
          invalid.accept(
              PyFormat.repr(c)
                  + " ('"
                  + (c.get("name") == null ? "name" : "value")
                  + "' is missing)");
          continue;
        }
        StringBuilder b =
            new StringBuilder(str(c.get("name"))).append('=').append(str(c.get("value")));
        for (String key : new String[] {"path", "domain"}) {
          Object v = c.get(key);
          if (v != null && !str(v).isEmpty()) {
            b.append("; ")
                .append(Character.toUpperCase(key.charAt(0)))
                .append(key.substring(1))
                .append('=')
                .append(str(v));
          }
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  private static String str(Object v) {
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double || v instanceof Float) {
      return PyFormat.floatRepr(((Number) v).doubleValue());
    }
    return String.valueOf(v);
  }

  /** Stores Set-Cookie texts as if the server at {@code url} had sent them. */
  public void store(Object jarKey, String url, List<String> setCookies) {
    if (setCookies.isEmpty()) {
      return;
    }
    URI uri = uri(url);
    if (uri == null) {
      return;
    }
    try {
      jar(jarKey).put(uri, Map.of("Set-Cookie", setCookies));
    } catch (IOException | IllegalArgumentException e) {
      // a malformed Set-Cookie is dropped, as Python's cookiejar drops it
    }
  }

  /** The Cookie header value for a request to {@code url}, or null for none. */
  public String header(Object jarKey, String url) {
    URI uri = uri(url);
    if (uri == null) {
      return null;
    }
    try {
      List<String> cookies = jar(jarKey).get(uri, Map.of()).get("Cookie");
      if (cookies == null || cookies.isEmpty()) {
        return null;
      }
      return String.join("; ", cookies.stream().filter(Objects::nonNull).toList());
    } catch (IOException e) {
      return null;
    }
  }

  private static URI uri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
