package io.streamspider.runtime;

import io.streamspider.runtime.spi.LocalSelectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ad-hoc query on a response matched: parsel's {@code SelectorList}, with the same methods
 * a Scrapy callback uses ({@code get}, {@code getall}, {@code re}, {@code re_first}, {@code
 * attrib}, nested {@code css}/{@code xpath}). One class serves both the list and each of its
 * members ({@link #iterator()} gives one-match selections), so a query chains as in parsel:
 *
 * <pre>{@code
 * for (Selection product : response.css("article.product")) {
 *   String title = product.css("h3 a::text").get();
 *   String href = product.css("h3 a").attrib("href");
 *   String price = product.css("p.price").reFirst("[0-9.]+");
 * }
 * }</pre>
 *
 * Immutable; the page under it is parsed once per response (see {@link Response#css(String)}).
 */
public final class Selection implements Iterable<Selection> {
  private static final Selection EMPTY = new Selection(List.of());

  private final List<LocalSelectors.Match> matches;

  private Selection(List<LocalSelectors.Match> matches) {
    this.matches = matches;
  }

  static Selection of(List<LocalSelectors.Match> matches) {
    return matches.isEmpty() ? EMPTY : new Selection(List.copyOf(matches));
  }

  /**
   * The nodes of {@code css(query)} on every match, in order (parsel flattens them the same way).
   */
  public Selection css(String query) {
    Objects.requireNonNull(query, "query == null");
    List<LocalSelectors.Match> out = new ArrayList<>();
    try {
      for (LocalSelectors.Match m : matches) {
        out.addAll(m.css(query));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("css query \"" + query + "\": " + e.getMessage(), e);
    }
    return of(out);
  }

  /** The nodes of {@code xpath(query)} on every match ({@code .//a} is relative to each). */
  public Selection xpath(String query) {
    Objects.requireNonNull(query, "query == null");
    List<LocalSelectors.Match> out = new ArrayList<>();
    try {
      for (LocalSelectors.Match m : matches) {
        out.addAll(m.xpath(query));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("xpath query \"" + query + "\": " + e.getMessage(), e);
    }
    return of(out);
  }

  /** parsel's {@code .get()}: the first match serialised, or null when nothing matched. */
  public String get() {
    return matches.isEmpty() ? null : matches.get(0).get();
  }

  /** parsel's {@code .get(default=...)}. */
  public String get(String defaultValue) {
    String v = get();
    return v == null ? defaultValue : v;
  }

  /** parsel's {@code .getall()}: every match serialised. */
  public List<String> getall() {
    List<String> out = new ArrayList<>(matches.size());
    for (LocalSelectors.Match m : matches) {
      out.add(m.get());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * parsel's {@code .re(regex)} over every match: a group named {@code extract} gives that group
   * (first occurrence only), else numbered groups give all their values, else the whole matches;
   * HTML entities are replaced, except {@code &lt;} and {@code &amp;}. Python's {@code
   * (?P<name>...)} syntax is accepted.
   */
  public List<String> re(String regex) {
    Pattern p = compile(regex);
    List<String> out = new ArrayList<>();
    for (LocalSelectors.Match m : matches) {
      out.addAll(extract(p, m.get()));
    }
    return Collections.unmodifiableList(out);
  }

  /** parsel's {@code .re_first(regex)}: the first of {@link #re(String)}, or null. */
  public String reFirst(String regex) {
    Pattern p = compile(regex);
    for (LocalSelectors.Match m : matches) {
      List<String> found = extract(p, m.get());
      if (!found.isEmpty()) {
        return found.get(0);
      }
    }
    return null;
  }

  /** parsel's {@code .attrib}: the first match's attributes, in source order; empty if none. */
  public Map<String, String> attrib() {
    return matches.isEmpty() ? Map.of() : matches.get(0).attributes();
  }

  /** {@code .attrib[name]} of the first match, or null (parsel: {@code .attrib.get(name)}). */
  public String attrib(String name) {
    return attrib().get(name);
  }

  /** How many nodes matched. */
  public int size() {
    return matches.size();
  }

  public boolean isEmpty() {
    return matches.isEmpty();
  }

  /** The i-th match alone (parsel's {@code selector_list[i]}). */
  public Selection item(int i) {
    return new Selection(List.of(matches.get(i)));
  }

  /** Each match as a selection of its own, for nested queries per node. */
  @Override
  public Iterator<Selection> iterator() {
    Iterator<LocalSelectors.Match> it = matches.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Selection next() {
        return new Selection(List.of(it.next()));
      }
    };
  }

  @Override
  public String toString() {
    return "Selection" + getall();
  }

  // ------------------------------------------------------------------ parsel's extract_regex

  static Pattern compile(String regex) {
    Objects.requireNonNull(regex, "regex == null");
    // Python's named groups and back references in Java's spelling
    String java = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    return Pattern.compile(java, Pattern.UNICODE_CHARACTER_CLASS);
  }

  static List<String> extract(Pattern p, String text) {
    if (text == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    Matcher m = p.matcher(text);
    if (hasExtractGroup(p) && m.find() && m.group("extract") != null) {
      strings.add(m.group("extract"));
    } else {
      m.reset();
      while (m.find()) {
        if (m.groupCount() == 0) {
          strings.add(m.group());
        } else {
          for (int g = 1; g <= m.groupCount(); g++) {
            String v = m.group(g);
            strings.add(
                v == null ? "" : v); // Python's findall gives '' for a group that did not take part
          }
        }
      }
    }
    List<String> out = new ArrayList<>(strings.size());
    for (String s : strings) {
      out.add(replaceEntities(s));
    }
    return out;
  }

  private static boolean hasExtractGroup(Pattern p) {
    return p.pattern().contains("(?<extract>");
  }

  private static final Pattern ENTITY =
      Pattern.compile(
          "&((?<named>[a-z\\d]+)|#(?<dec>\\d+)|#x(?<hex>[a-f\\d]+))(?<semicolon>;?)",
          Pattern.CASE_INSENSITIVE);

  /**
   * w3lib's {@code replace_entities(text, keep=["lt", "amp"])}, as parsel's {@code re} applies it.
   */
  static String replaceEntities(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder b = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(convertEntity(m)));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String convertEntity(Matcher m) {
    Integer number = null;
    try {
      if (m.group("dec") != null) {
        number = Integer.parseInt(m.group("dec"));
      } else if (m.group("hex") != null) {
        number = Integer.parseInt(m.group("hex"), 16);
      } else {
        String name = m.group("named");
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("lt") || lower.equals("amp")) {
          return m.group();
        }
        number = Html4Entities.TABLE.get(name);
        if (number == null) {
          number = Html4Entities.TABLE.get(lower);
        }
      }
    } catch (NumberFormatException tooLong) {
      number = null;
    }
    if (number != null) {
      if (number >= 0x80 && number <= 0x9F) {
        return new String(new byte[] {(byte) (int) number}, Charset.forName("windows-1252"));
      }
      if (number <= Character.MAX_CODE_POINT) { // a lone surrogate too, as Python's chr gives it
        return new String(Character.toChars(number));
      }
    }
    return m.group("semicolon").isEmpty() ? m.group() : "";
  }

  /** Python's {@code html.entities.name2codepoint}, read once when an entity is first met. */
  private static final class Html4Entities {
    static final Map<String, Integer> TABLE = load();

    private static Map<String, Integer> load() {
      Map<String, Integer> t = new HashMap<>();
      try (InputStream in = Selection.class.getResourceAsStream("html4-entities.txt")) {
        if (in == null) {
          throw new IllegalStateException("html4-entities.txt missing from the runtime jar");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
          if (!line.isEmpty() && !line.startsWith("#")) {
            int sp = line.indexOf(' ');
            t.put(line.substring(0, sp), Integer.parseInt(line.substring(sp + 1)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return t;
    }
  }
}
