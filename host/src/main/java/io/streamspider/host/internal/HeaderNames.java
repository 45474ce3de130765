package io.streamspider.host.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Header names as Scrapy's {@code Headers} spells them: Python's {@code bytes.title()}. */
public final class HeaderNames {
  private HeaderNames() {}

  /** {@code b"x-3d-thing".title()} is {@code X-3D-Thing}: a letter after a non-letter is upper case. */
  public static String title(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    boolean previousCased = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean upper = c >= 'A' && c <= 'Z';
      boolean lower = c >= 'a' && c <= 'z';
      if (upper || lower) {
        sb.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
        previousCased = true;
      } else {
        sb.append(c);
        previousCased = false;
      }
    }
    return sb.toString();
  }

  /** The headers with title-cased names; values of names that differ only in case are merged. */
  public static Map<String, List<String>> titled(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> out.computeIfAbsent(title(name), k -> new ArrayList<>()).addAll(values));
    return out;
  }
}
