package io.streamspider.host.select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads known-differences files: one {@code <case id> <reason>} per line, {@code #} comments. */
public final class ConformanceSupport {
  private ConformanceSupport() {}

  public static Map<String, String> knownDifferences(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int sp = l.indexOf(' ');
      if (sp < 0) {
        throw new IllegalArgumentException("known difference without a reason: " + l);
      }
      out.put(l.substring(0, sp), l.substring(sp + 1).strip());
    }
    return out;
  }

  /** A list with visible control characters, for failure messages. */
  public static String show(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append('"')
          .append(
              v.replace("\\", "\\\\")
                  .replace("\n", "\\n")
                  .replace("\r", "\\r")
                  .replace("\t", "\\t")
                  .replace("\u00a0", "\\u00a0"))
          .append('"');
    }
    return b.append(']').toString();
  }
}
