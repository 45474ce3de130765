package io.streamspider.host.internal.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.host.internal.HostLog;
import io.streamspider.runtime.internal.SettingValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The crawl's settings, with Scrapy's names and defaults, built from layers: the defaults, then the
 * spider's {@code custom_settings} (from the {@code spider} message), then {@code -s NAME=VALUE}
 * from the command line. Every value of a setting the host applies is checked when the settings are
 * built: a bad value is an {@link IllegalArgumentException} naming the setting, the value and where
 * it came from. A name the host does not apply is logged at WARNING and kept as given.
 *
 * <p>Two defaults differ from Scrapy 2.8 on purpose: {@code METAREFRESH_ENABLED} is false and
 * {@code USER_AGENT} names this crawler ({@value #DEFAULT_USER_AGENT}) instead of claiming to be
 * Scrapy.
 */
public final class Settings {
  /**
   * The default {@code USER_AGENT}: honest about what crawls, and matches robots.txt groups for
   * "scrapy".
   */
  public static final String DEFAULT_USER_AGENT = "StreamSpider/0.1.0 (Scrapy-compatible)";

  /** Where a value came from, for error messages. */
  public static final String FROM_DEFAULTS = "the defaults";

  public static final String FROM_SPIDER = "the spider's custom_settings";
  public static final String FROM_COMMAND_LINE = "-s on the command line";

  /** How a setting's value is read. */
  public enum Type {
    INT,
    FLOAT,
    BOOL,
    STRING,
    INT_LIST,
    STRING_LIST,
    HEADERS,
    LEVEL
  }

  /** One setting the host applies. */
  public record Definition(
      String name, Type type, Object defaultValue, double min, String description) {}

  private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();
  private static final Set<String> SCRAPY_NAMES = loadScrapyNames();
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    def(
        "CONCURRENT_REQUESTS",
        Type.INT,
        16L,
        1,
        "Requests in flight at once, all domains together.");
    def(
        "CONCURRENT_REQUESTS_PER_DOMAIN",
        Type.INT,
        8L,
        1,
        "Requests in flight at once per download slot (host name).");
    def("DOWNLOAD_DELAY", Type.FLOAT, 0.0, 0, "Seconds between two requests to the same slot.");
    def("RANDOMIZE_DOWNLOAD_DELAY", Type.BOOL, true, 0, "Waits 0.5 to 1.5 times DOWNLOAD_DELAY.");
    def(
        "DOWNLOAD_TIMEOUT",
        Type.FLOAT,
        180.0,
        Double.MIN_VALUE,
        "Seconds a download may take (connect to last byte); meta download_timeout overrides.");
    def(
        "DOWNLOAD_MAXSIZE",
        Type.INT,
        1073741824L,
        0,
        "Largest body in bytes, 0 for no limit; meta download_maxsize overrides.");
    def(
        "DOWNLOAD_WARNSIZE",
        Type.INT,
        33554432L,
        0,
        "Body size in bytes that logs a warning, 0 for none; meta download_warnsize overrides.");
    def(
        "DOWNLOAD_FAIL_ON_DATALOSS",
        Type.BOOL,
        true,
        0,
        "A truncated body is a failure; false gives the partial body with flag dataloss.");
    def("REDIRECT_ENABLED", Type.BOOL, true, 0, "Follows 301/302/303/307/308.");
    def("REDIRECT_MAX_TIMES", Type.INT, 20L, 0, "Redirects one request may follow.");
    def(
        "REDIRECT_PRIORITY_ADJUST",
        Type.INT,
        2L,
        Double.NEGATIVE_INFINITY,
        "Added to the priority of a redirected request.");
    def(
        "METAREFRESH_ENABLED",
        Type.BOOL,
        false,
        0,
        "Follows <meta http-equiv=refresh> (off by default, unlike Scrapy).");
    def(
        "METAREFRESH_MAXDELAY",
        Type.INT,
        100L,
        0,
        "Longest meta refresh delay in seconds that is followed.");
    def(
        "METAREFRESH_IGNORE_TAGS",
        Type.STRING_LIST,
        List.of(),
        0,
        "Tags whose content is not searched for meta refresh.");
    def("RETRY_ENABLED", Type.BOOL, true, 0, "Retries failed downloads.");
    def(
        "RETRY_TIMES",
        Type.INT,
        2L,
        0,
        "Retries per request (after the first try); meta max_retry_times overrides.");
    def(
        "RETRY_HTTP_CODES",
        Type.INT_LIST,
        List.of(500, 502, 503, 504, 522, 524, 408, 429),
        0,
        "Statuses that are retried.");
    def(
        "RETRY_PRIORITY_ADJUST",
        Type.INT,
        -1L,
        Double.NEGATIVE_INFINITY,
        "Added to the priority of a retried request.");
    def(
        "COOKIES_ENABLED",
        Type.BOOL,
        true,
        0,
        "Keeps cookies per spider (meta cookiejar picks a jar).");
    def("COOKIES_DEBUG", Type.BOOL, false, 0, "Logs every Cookie and Set-Cookie header.");
    def("COMPRESSION_ENABLED", Type.BOOL, true, 0, "Asks for and decodes gzip and deflate.");
    def(
        "USER_AGENT",
        Type.STRING,
        DEFAULT_USER_AGENT,
        0,
        "User-Agent header unless the request sets one.");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put(
        "Accept", List.of("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    headers.put("Accept-Language", List.of("en"));
    def(
        "DEFAULT_REQUEST_HEADERS",
        Type.HEADERS,
        Collections.unmodifiableMap(headers),
        0,
        "Headers added unless the request sets them.");
    def(
        "ROBOTSTXT_OBEY",
        Type.BOOL,
        false,
        0,
        "Fetches robots.txt per host and drops forbidden requests.");
    def(
        "ROBOTSTXT_USER_AGENT",
        Type.STRING,
        null,
        0,
        "User agent matched against robots.txt; default: the request's User-Agent.");
    def(
        "DUPEFILTER_DEBUG",
        Type.BOOL,
        false,
        0,
        "Logs every filtered duplicate, not only the first.");
    def(
        "LOG_LEVEL",
        Type.LEVEL,
        HostLog.Level.DEBUG,
        0,
        "Lowest level logged: DEBUG, INFO, WARNING, ERROR, CRITICAL.");
    def(
        "LOGSTATS_INTERVAL",
        Type.FLOAT,
        60.0,
        0,
        "Seconds between 'Crawled N pages' lines, 0 for none.");
    def("STATS_DUMP", Type.BOOL, true, 0, "Logs the stats when the crawl ends.");
    def(
        "HTTPCACHE_ENABLED",
        Type.BOOL,
        false,
        0,
        "Stores every response on disk and answers later requests with the same fingerprint from"
            + " there.");
    def(
        "HTTPCACHE_DIR",
        Type.STRING,
        "httpcache",
        0,
        "The cache's directory; a relative one lives under .scrapy/ in the working directory.");
    def(
        "HTTPCACHE_EXPIRATION_SECS",
        Type.INT,
        0L,
        Double.NEGATIVE_INFINITY,
        "Seconds a cached response stays fresh; 0 for ever.");
    def(
        "HTTPCACHE_IGNORE_HTTP_CODES",
        Type.INT_LIST,
        List.of(),
        0,
        "Statuses that are not stored.");
    def(
        "HTTPCACHE_IGNORE_MISSING",
        Type.BOOL,
        false,
        0,
        "A request not in the cache fails instead of being downloaded.");
    def(
        "HTTPCACHE_IGNORE_SCHEMES",
        Type.STRING_LIST,
        List.of("file"),
        0,
        "URL schemes that are never cached.");
    def("HTTPCACHE_GZIP", Type.BOOL, false, 0, "Stores the cache's files gzip-compressed.");
    def(
        "REQUEST_FINGERPRINTER_IMPLEMENTATION",
        Type.STRING,
        "2.6",
        0,
        "The HTTP cache's key: 2.6 (Scrapy 2.8's default) or 2.7 (what scrapy startproject sets).");
    def(
        "HTTPERROR_ALLOWED_CODES",
        Type.INT_LIST,
        List.of(),
        0,
        "Non-2xx statuses answered as responses (applied by the protocol side).");
    def(
        "HTTPERROR_ALLOW_ALL",
        Type.BOOL,
        false,
        0,
        "Every status answered as a response (applied by the protocol side).");
    def(
        "JOBDIR",
        Type.STRING,
        null,
        0,
        "A directory that keeps the crawl's queue and seen requests: the same command resumes a"
            + " stopped crawl (-s only; docs/scale-out.md).");
    def(
        "SCHEDULER",
        Type.STRING,
        "scrapy.core.scheduler.Scheduler",
        0,
        "redis (or scrapy_redis.scheduler.Scheduler): queue and duplicate filter shared by every"
            + " worker in Redis (-s only; docs/scale-out.md).");
    def(
        "REDIS_URL",
        Type.STRING,
        "redis://127.0.0.1:6379/0",
        0,
        "The Redis of SCHEDULER=redis: redis://[:password@]host[:port][/db].");
    def(
        "SCHEDULER_PERSIST",
        Type.BOOL,
        false,
        0,
        "SCHEDULER=redis: keep the queue and duplicate filter when the crawl finishes (they are"
            + " deleted otherwise).");
    def(
        "SCHEDULER_FLUSH_ON_START",
        Type.BOOL,
        false,
        0,
        "SCHEDULER=redis: empty the queue, leases and duplicate filter when this worker starts.");
    def(
        "MAX_IDLE_TIME_BEFORE_CLOSE",
        Type.FLOAT,
        0.0,
        0,
        "JOBDIR/SCHEDULER=redis: seconds with nothing waiting, leased or in flight before the crawl"
            + " finishes.");
    def(
        "REDIS_LEASE_SECONDS",
        Type.FLOAT,
        60.0,
        0.1,
        "SCHEDULER=redis: how long a taken request stays leased; a worker renews the leases of its"
            + " slow downloads.");
  }

  private static void def(String name, Type type, Object value, double min, String description) {
    DEFINITIONS.put(name, new Definition(name, type, value, min, description));
  }

  private final Map<String, Object> values;
  private final Map<String, String> sources;

  private Settings(Map<String, Object> values, Map<String, String> sources) {
    this.values = Collections.unmodifiableMap(values);
    this.sources = Collections.unmodifiableMap(sources);
  }

  /** Every setting the host applies, in documentation order. */
  public static Collection<Definition> definitions() {
    return Collections.unmodifiableCollection(DEFINITIONS.values());
  }

  /** Whether Scrapy 2.8 knows the name (whether or not the host applies it). */
  public static boolean isScrapySetting(String name) {
    return SCRAPY_NAMES.contains(name) || DEFINITIONS.containsKey(name);
  }

  /** The defaults alone. */
  public static Settings defaults() {
    return builder().build(null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds settings from layers, later layers winning. */
  public static final class Builder {
    private record Entry(String source, String name, Object value) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> alsoKnown = new HashSet<>();

    private Builder() {}

    /** The spider message's {@code custom_settings} (may be null). */
    public Builder spider(Map<String, ?> customSettings) {
      if (customSettings != null) {
        customSettings.forEach((k, v) -> entries.add(new Entry(FROM_SPIDER, k, v)));
      }
      return this;
    }

    /**
     * {@code -s NAME=VALUE} options, the part after {@code -s}.
     *
     * @throws IllegalArgumentException for an option without {@code =} or without a name
     */
    public Builder commandLine(List<String> nameValues) {
      for (String nv : nameValues) {
        int eq = nv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "Bad setting '" + nv + "' (-s on the command line): expected NAME=VALUE");
        }
        entries.add(
            new Entry(FROM_COMMAND_LINE, nv.substring(0, eq).strip(), nv.substring(eq + 1)));
      }
      return this;
    }

    /** One value from a named source. */
    public Builder set(String source, String name, Object value) {
      entries.add(new Entry(source, name, value));
      return this;
    }

    /** Names someone else applies (the host's protocol side, the runtime): no warning for them. */
    public Builder alsoKnown(Collection<String> names) {
      alsoKnown.addAll(names);
      return this;
    }

    /**
     * Checks every value and builds the settings.
     *
     * @param log receives a WARNING per name the host does not apply (may be null)
     * @throws IllegalArgumentException for a bad value: names the setting, the value and its source
     */
    public Settings build(HostLog log) {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, String> sources = new LinkedHashMap<>();
      for (Definition d : DEFINITIONS.values()) {
        values.put(d.name(), d.defaultValue());
        sources.put(d.name(), FROM_DEFAULTS);
      }
      Set<String> warned = new HashSet<>();
      for (Entry e : entries) {
        Definition d = DEFINITIONS.get(e.name());
        if (d == null) {
          values.put(e.name(), e.value());
          sources.put(e.name(), e.source());
          if (log != null && !alsoKnown.contains(e.name()) && warned.add(e.name())) {
            log.warning(
                "host",
                SCRAPY_NAMES.contains(e.name())
                    ? "Setting "
                        + e.name()
                        + " (from "
                        + e.source()
                        + ") is a Scrapy setting the embedded host does not apply; ignored"
                    : "Unknown setting "
                        + e.name()
                        + " (from "
                        + e.source()
                        + "): not a Scrapy setting; ignored");
          }
          continue;
        }
        values.put(d.name(), convert(d, e.value(), e.source()));
        sources.put(d.name(), e.source());
      }
      return new Settings(values, sources);
    }
  }

  // ------------------------------------------------------------------ accessors

  /** The effective value: converted for settings the host applies, as given otherwise. */
  public Object get(String name) {
    return values.get(name);
  }

  /** Where the effective value came from (one of the FROM_ constants, or a custom source). */
  public String source(String name) {
    return sources.get(name);
  }

  /** Every name with a value (defaults included), in order. */
  public Set<String> names() {
    return values.keySet();
  }

  public int getInt(String name) {
    return Math.toIntExact(getLong(name));
  }

  public long getLong(String name) {
    return (Long) typed(name, Type.INT);
  }

  public double getDouble(String name) {
    return (Double) typed(name, Type.FLOAT);
  }

  public boolean getBool(String name) {
    return (Boolean) typed(name, Type.BOOL);
  }

  /** May be null (USER_AGENT, ROBOTSTXT_USER_AGENT). */
  public String getString(String name) {
    return (String) typed(name, Type.STRING);
  }

  @SuppressWarnings("unchecked")
  public List<Integer> getIntList(String name) {
    return (List<Integer>) typed(name, Type.INT_LIST);
  }

  @SuppressWarnings("unchecked")
  public List<String> getStringList(String name) {
    return (List<String>) typed(name, Type.STRING_LIST);
  }

  @SuppressWarnings("unchecked")
  public Map<String, List<String>> getHeaders(String name) {
    return (Map<String, List<String>>) typed(name, Type.HEADERS);
  }

  public HostLog.Level logLevel() {
    return (HostLog.Level) typed("LOG_LEVEL", Type.LEVEL);
  }

  private Object typed(String name, Type type) {
    Definition d = DEFINITIONS.get(name);
    if (d == null || d.type() != type) {
      throw new IllegalArgumentException(
          "Setting " + name + " is not a " + type + " setting of the host");
    }
    return values.get(name);
  }

  @Override
  public String toString() {
    return "Settings" + values;
  }

  // ------------------------------------------------------------------ conversion

  private static Object convert(Definition d, Object raw, String source) {
    try {
      Object v = convert(d.type(), raw, d.name());
      if (v instanceof Long l && l < d.min()) {
        throw new IllegalArgumentException("expected a whole number >= " + (long) d.min());
      }
      if (v instanceof Double x && (x < d.min() || (d.min() > 0 && x <= 0))) {
        throw new IllegalArgumentException(
            d.min() > 0 ? "expected a number > 0" : "expected a number >= " + (long) d.min());
      }
      return v;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid value for setting "
              + d.name()
              + " (from "
              + source
              + "): "
              + show(raw)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static String show(Object raw) {
    if (raw instanceof String s) {
      return "'" + s + "'";
    }
    return String.valueOf(raw);
  }

  private static Object convert(Type type, Object raw, String name) {
    switch (type) {
      case INT:
        return SettingValues.getint(raw);
      case FLOAT:
        return SettingValues.getfloat(raw);
      case BOOL:
        return SettingValues.getbool(raw);
      case STRING:
        if (raw == null || raw instanceof String) {
          return raw;
        }
        throw new IllegalArgumentException("expected a string");
      case INT_LIST:
        {
          List<Integer> out = new ArrayList<>();
          for (Object o : SettingValues.getlist(raw)) {
            long code = SettingValues.getint(o instanceof String s ? s.strip() : o);
            if (code < 100 || code > 599) {
              throw new IllegalArgumentException("expected HTTP status codes (100-599), got " + o);
            }
            out.add((int) code);
          }
          return List.copyOf(out);
        }
      case STRING_LIST:
        {
          List<String> out = new ArrayList<>();
          for (Object o : SettingValues.getlist(raw)) {
            if (!(o instanceof String s)) {
              throw new IllegalArgumentException("expected a list of strings");
            }
            out.add(s.strip());
          }
          return List.copyOf(out);
        }
      case HEADERS:
        return toHeaders(raw);
      case LEVEL:
        {
          if (raw instanceof HostLog.Level level) {
            return level;
          }
          if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            for (HostLog.Level l : HostLog.Level.values()) {
              if (l.value == n.intValue()) {
                return l;
              }
            }
          }
          HostLog.Level l = raw instanceof String s ? HostLog.Level.parse(s) : null;
          if (l == null) {
            throw new IllegalArgumentException(
                "expected one of CRITICAL, ERROR, WARNING, INFO, DEBUG");
          }
          return l;
        }
      default:
        throw new IllegalStateException(name);
    }
  }

  private static Map<String, List<String>> toHeaders(Object raw) {
    Object map = raw;
    if (raw instanceof String s) {
      try {
        map = JSON.readValue(s, Map.class);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("expected a JSON object of header names to values");
      }
    }
    if (!(map instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("expected an object of header names to values");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String k) || k.isBlank()) {
        throw new IllegalArgumentException("expected header names as strings");
      }
      Object v = e.getValue();
      if (v instanceof String s) {
        out.put(k, List.of(s));
      } else if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
        List<String> vs = new ArrayList<>();
        l.forEach(x -> vs.add((String) x));
        out.put(k, List.copyOf(vs));
      } else if (v instanceof Number || v instanceof Boolean) {
        out.put(k, List.of(String.valueOf(v)));
      } else {
        throw new IllegalArgumentException("expected a string value for header " + k);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Set<String> loadScrapyNames() {
    Set<String> names = new HashSet<>();
    try (InputStream in =
            Objects.requireNonNull(
                Settings.class.getResourceAsStream("scrapy-setting-names.txt"),
                "scrapy-setting-names.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          names.add(line.toUpperCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // valid Scrapy settings that default_settings.py does not list
    names.addAll(
        List.of(
            "DUPEFILTER_DEBUG",
            "HTTPERROR_ALLOWED_CODES",
            "HTTPERROR_ALLOW_ALL",
            "DEPTH_STATS",
            "SCHEDULER_DEBUG"));
    return Collections.unmodifiableSet(names);
  }
}
