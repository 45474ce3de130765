package io.streamspider.host.internal.engine;

import io.streamspider.runtime.internal.PyUrl;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * robots.txt rules with the semantics of Protego (Scrapy 2.8's default {@code ROBOTSTXT_PARSER}):
 * groups per user agent (substring match, longest wins, {@code *} last), rules ordered by pattern
 * length with Allow winning ties, {@code *} and trailing {@code $} wildcards, percent-encoding
 * normalised on both sides.
 */
public final class RobotsTxt {
  private static final Set<String> DISALLOW =
      Set.of("disallow", "dissallow", "dissalow", "disalow", "diasllow", "disallaw");
  private static final Set<String> ALLOW = Set.of("allow");
  private static final Set<String> USER_AGENT = Set.of("user-agent", "useragent", "user agent");
  private static final Set<String> SITEMAP = Set.of("sitemap", "sitemaps", "site-map");
  private static final Set<String> OTHER =
      Set.of("crawl-delay", "crawl delay", "request-rate", "request rate", "host");
  private static final Pattern LINES =
      Pattern.compile("\r\n|[\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029]");

  private final Map<String, RuleSet> groups = new LinkedHashMap<>();

  private RobotsTxt() {}

  /** Parses a robots.txt body (decoded as UTF-8 with replacement, as Scrapy does). */
  public static RobotsTxt parse(String content) {
    RobotsTxt r = new RobotsTxt();
    r.read(content);
    return r;
  }

  /** Allows everything (no robots.txt, or it could not be fetched). */
  public static RobotsTxt allowAll() {
    return new RobotsTxt();
  }

  /** Protego's {@code can_fetch(url, user_agent)}. */
  public boolean allowed(String url, String userAgent) {
    RuleSet rs = match(userAgent);
    return rs == null || rs.allowed(url);
  }

  private RuleSet match(String userAgent) {
    String robot = userAgent.strip().toLowerCase(Locale.ROOT);
    RuleSet best = null;
    int bestScore = 0;
    for (RuleSet rs : groups.values()) {
      int score =
          rs.userAgent.equals("*") ? 1 : robot.contains(rs.userAgent) ? rs.userAgent.length() : 0;
      if (score > bestScore) {
        best = rs;
        bestScore = score;
      }
    }
    return best;
  }

  private void read(String content) {
    List<RuleSet> current = new ArrayList<>();
    String previousField = null;
    for (String raw : LINES.split(content, -1)) {
      String line = raw;
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String field;
      String value;
      int colon = line.indexOf(':');
      if (colon >= 0) {
        field = line.substring(0, colon);
        value = line.substring(colon + 1);
      } else {
        String[] parts = line.split(" ", -1);
        if (parts.length < 2) {
          continue;
        }
        String possible = parts[0];
        field = null;
        value = null;
        for (int i = 1; i < parts.length; i++) {
          if (isDirective(possible)) {
            field = possible;
            value = String.join(" ", List.of(parts).subList(i, parts.length));
            break;
          }
          possible += " " + parts[i];
        }
        if (field == null) {
          continue;
        }
      }
      field = field.strip().toLowerCase(Locale.ROOT);
      value = value.strip();
      if (value.isEmpty()) {
        previousField = field;
        continue;
      }
      if (current.isEmpty() && !USER_AGENT.contains(field) && !SITEMAP.contains(field)) {
        continue;
      }
      if (USER_AGENT.contains(field)) {
        if (previousField != null && !USER_AGENT.contains(previousField)) {
          current = new ArrayList<>();
        }
        String ua = value.strip().toLowerCase(Locale.ROOT);
        String withoutAsterisk = (!ua.equals("*") && ua.contains("*")) ? ua.replace("*", "") : null;
        for (String name : new String[] {ua, withoutAsterisk}) {
          if (name == null || name.isEmpty()) {
            continue;
          }
          RuleSet rs = groups.get(name);
          if (rs != null && !current.contains(rs)) {
            current.add(rs);
          }
          if (rs == null) {
            rs = new RuleSet(name);
            groups.put(name, rs);
            current.add(rs);
          }
        }
      } else if (ALLOW.contains(field)) {
        for (RuleSet rs : current) {
          rs.add(true, enforcePath(value));
        }
      } else if (DISALLOW.contains(field)) {
        for (RuleSet rs : current) {
          rs.add(false, enforcePath(value));
        }
      }
      previousField = field;
    }
    for (RuleSet rs : groups.values()) {
      rs.rules.sort(
          Comparator.comparingInt((Rule r) -> r.pattern.length())
              .thenComparing(r -> r.allow)
              .reversed());
    }
  }

  private static boolean isDirective(String f) {
    return DISALLOW.contains(f)
        || ALLOW.contains(f)
        || USER_AGENT.contains(f)
        || SITEMAP.contains(f)
        || OTHER.contains(f);
  }

  private static String enforcePath(String pattern) {
    return pattern.startsWith("/") ? pattern : "/" + pattern;
  }

  private record Rule(boolean allow, String pattern, Pattern regex) {
    boolean matches(String url) {
      if (regex != null) {
        return regex.matcher(url).lookingAt();
      }
      if (pattern.endsWith("$")) {
        return url.equals(pattern.substring(0, pattern.length() - 1));
      }
      return url.startsWith(pattern);
    }
  }

  private static final class RuleSet {
    final String userAgent;
    final List<Rule> rules = new ArrayList<>();

    RuleSet(String userAgent) {
      this.userAgent = userAgent;
    }

    void add(boolean allow, String pattern) {
      if (pattern.contains("$")) {
        add(allow, pattern.replace("$", "%24"));
      }
      String quoted = quotePattern(pattern);
      if (quoted.isEmpty()) {
        return;
      }
      rules.add(new Rule(allow, quoted, quoted.contains("*") ? toRegex(quoted) : null));
      if (allow && quoted.endsWith("/index.html")) {
        add(true, quoted.substring(0, quoted.length() - 10) + "$");
      }
    }

    boolean allowed(String url) {
      String path = quotePath(url);
      for (Rule r : rules) {
        if (r.matches(path)) {
          return r.allow;
        }
      }
      return true;
    }
  }

  private static Pattern toRegex(String pattern) {
    String p = pattern.replaceAll("\\*+", "*");
    StringBuilder b = new StringBuilder();
    int n = p.length();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < n; i++) {
      char c = p.charAt(i);
      if (c == '*' || (c == '$' && i == n - 1)) {
        if (literal.length() > 0) {
          b.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        b.append(c == '*' ? ".*?" : "$");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      b.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(b.toString(), Pattern.DOTALL);
  }

  /** Protego's {@code _quote_pattern}. */
  private static String quotePattern(String pattern) {
    String last = "";
    char lc = pattern.charAt(pattern.length() - 1);
    if (lc == '?' || lc == ';' || lc == '$') {
      last = String.valueOf(lc);
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    String[] parts = PyUrl.urlparse(pattern, "");
    String path = PyUrl.quote(unquote(parts[2], "/*$%").getBytes(StandardCharsets.UTF_8), "/*%");
    return PyUrl.urlunparse("", "", path + last, parts[3], parts[4], parts[5]);
  }

  /** Protego's {@code _quote_path} of the URL being checked. */
  static String quotePath(String url) {
    String[] parts = PyUrl.urlparse(url, "");
    String path = PyUrl.quote(unquote(parts[2], "/%").getBytes(StandardCharsets.UTF_8), "/%");
    String out = PyUrl.urlunparse("", "", path, parts[3], parts[4], parts[5]);
    return out.isEmpty() ? "/" : out;
  }

  /** Protego's {@code _unquote}: %XY escapes decoded except those of the ignored characters. */
  private static String unquote(String url, String ignore) {
    if (url.indexOf('%') < 0) {
      return url;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] parts = url.split("%", -1);
    out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.length() >= 2
          && Character.digit(part.charAt(0), 16) >= 0
          && Character.digit(part.charAt(1), 16) >= 0
          && part.charAt(0) < 0x80
          && part.charAt(1) < 0x80) {
        String hexcode = part.substring(0, 2).toUpperCase(Locale.ROOT);
        String leftover = part.substring(2);
        int value = Integer.parseInt(hexcode, 16);
        if (ignore.indexOf(value) < 0) {
          out.write(value);
          out.writeBytes(leftover.getBytes(StandardCharsets.UTF_8));
          continue;
        }
        part = hexcode + leftover;
      }
      out.write('%');
      out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
