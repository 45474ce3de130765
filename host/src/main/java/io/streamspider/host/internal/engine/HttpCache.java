package io.streamspider.host.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamspider.host.internal.HostLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Scrapy's {@code HttpCacheMiddleware} with its default {@code DummyPolicy} and {@code
 * FilesystemCacheStorage} ({@code HTTPCACHE_ENABLED}): every response is stored on disk under
 * {@code <HTTPCACHE_DIR>/<spider>/<fp[0:2]>/<fp>/}, keyed by the request fingerprint of the
 * duplicate filter, and a later request with the same fingerprint is answered from there with no
 * network. Sits where Scrapy's middleware sits, next to the downloader: the request it sees has its
 * default headers and cookies, the response it stores is the one off the wire (before redirects,
 * decompression and retries), and a cached response goes through those as a downloaded one would.
 *
 * <p>Files: {@code response_body}, {@code request_body} (raw bytes), {@code response_headers},
 * {@code request_headers} ({@code Name: value} lines joined by CRLF, as w3lib's {@code
 * headers_dict_to_raw}), and {@code meta}: a JSON object {@code url}, {@code method}, {@code
 * status}, {@code response_url}, {@code timestamp} (Scrapy writes the same dict as a Python repr
 * and reads a pickled copy, {@code pickled_meta}, which is not written here). Meta files written by
 * Scrapy (a Python dict repr) are read too. Thread-safe: an entry is written to a temporary
 * directory and moved into place.
 */
public final class HttpCache {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOG = "scrapy.extensions.httpcache";

  /** Python's {@code email.utils.formatdate(usegmt=True)}. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  /** A response read from the cache. */
  public record Cached(int status, String url, Map<String, List<String>> headers, byte[] body) {}

  private final Path spiderDir;
  private final long expirationSeconds;
  private final List<Integer> ignoreCodes;
  private final List<String> ignoreSchemes;
  private final boolean ignoreMissing;
  private final boolean gzip;
  private final boolean fingerprint27;
  private final Stats stats;

  private HttpCache(Path spiderDir, Settings settings, Stats stats) {
    this.spiderDir = spiderDir;
    this.expirationSeconds = settings.getLong("HTTPCACHE_EXPIRATION_SECS");
    this.ignoreCodes = settings.getIntList("HTTPCACHE_IGNORE_HTTP_CODES");
    this.ignoreSchemes = settings.getStringList("HTTPCACHE_IGNORE_SCHEMES");
    this.ignoreMissing = settings.getBool("HTTPCACHE_IGNORE_MISSING");
    this.gzip = settings.getBool("HTTPCACHE_GZIP");
    this.fingerprint27 = settings.getString("REQUEST_FINGERPRINTER_IMPLEMENTATION").equals("2.7");
    this.stats = stats;
  }

  /**
   * The cache of this crawl, or null when {@code HTTPCACHE_ENABLED} is off. A relative {@code
   * HTTPCACHE_DIR} lives under {@code .scrapy/} in {@code projectDir}, as Scrapy's {@code
   * data_path} puts it.
   *
   * @throws IllegalArgumentException naming the directory when it cannot be created or written
   */
  public static HttpCache open(
      Settings settings, String spiderName, Path projectDir, Stats stats, HostLog log) {
    if (!settings.getBool("HTTPCACHE_ENABLED")) {
      return null;
    }
    String implementation = settings.getString("REQUEST_FINGERPRINTER_IMPLEMENTATION");
    if (!implementation.equals("2.6") && !implementation.equals("2.7")) {
      throw new IllegalArgumentException(
          "Invalid value for setting REQUEST_FINGERPRINTER_IMPLEMENTATION (from "
              + settings.source("REQUEST_FINGERPRINTER_IMPLEMENTATION")
              + "): '"
              + implementation
              + "': expected 2.6 or 2.7");
    }
    Path dir = directory(settings, projectDir);
    Path spiderDir =
        dir.resolve(spiderName == null || spiderName.isEmpty() ? "default" : spiderName);
    try {
      Files.createDirectories(spiderDir);
      Path probe = Files.createTempFile(spiderDir, ".write-test", "");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException(
          "HTTPCACHE_DIR "
              + dir
              + " (from "
              + settings.source("HTTPCACHE_DIR")
              + ") is not a writable directory: cannot write "
              + spiderDir
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
    if (log != null) {
      log.debug(LOG, "Using filesystem cache storage in " + dir);
    }
    return new HttpCache(spiderDir, settings, stats);
  }

  /**
   * Where the cache of every spider lives: HTTPCACHE_DIR, relative to {@code <project>/.scrapy}.
   */
  public static Path directory(Settings settings, Path projectDir) {
    Path dir = Path.of(settings.getString("HTTPCACHE_DIR"));
    if (!dir.isAbsolute()) {
      dir = (projectDir == null ? Path.of("") : projectDir).resolve(".scrapy").resolve(dir);
    }
    return dir.toAbsolutePath().normalize();
  }

  /** The directory of one request's entry: {@code <dir>/<spider>/<fp[0:2]>/<fp>}. */
  public static Path entry(Path spiderDir, String fingerprint) {
    return spiderDir.resolve(fingerprint.substring(0, 2)).resolve(fingerprint);
  }

  /** Whether the request may be cached at all (its scheme, meta {@code dont_cache}). */
  public boolean cacheable(Job job) {
    return !job.metaFlag("dont_cache") && !ignoreSchemes.contains(RequestUrls.scheme(job.url));
  }

  /**
   * The cached response to {@code job}, counted as {@code httpcache/hit}; null on a miss ({@code
   * httpcache/miss}).
   *
   * @throws MissingException with {@code HTTPCACHE_IGNORE_MISSING}, for a miss (Scrapy's {@code
   *     IgnoreRequest})
   */
  public Cached lookup(Job job) throws MissingException {
    Cached c = read(entry(spiderDir, key(job)), expirationSeconds, gzip);
    if (c == null) {
      stats.inc("httpcache/miss");
      if (ignoreMissing) {
        stats.inc("httpcache/ignore");
        throw new MissingException("Ignored request not in cache: " + job.repr());
      }
      return null;
    }
    stats.inc("httpcache/hit");
    return c;
  }

  /** {@code HTTPCACHE_IGNORE_MISSING} and the request is not in the cache. */
  public static final class MissingException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingException(String message) {
      super(message);
    }
  }

  /**
   * Stores a response fresh off the wire ({@code httpcache/firsthand}, then {@code
   * httpcache/store}, or {@code httpcache/uncacheable} for a status in
   * HTTPCACHE_IGNORE_HTTP_CODES). A write that fails is logged, never fails the request.
   *
   * @param requestHeaders the headers sent, defaults and cookies included
   * @param headers the response's headers as Scrapy shows them
   */
  public void store(
      Job job,
      Map<String, List<String>> requestHeaders,
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      HostLog log) {
    stats.inc("httpcache/firsthand");
    if (ignoreCodes.contains(status)) {
      stats.inc("httpcache/uncacheable");
      return;
    }
    Map<String, List<String>> stored = headers;
    if (!HeaderNames.has(headers, "Date")) {
      // Scrapy adds the Date header an origin server must send (RFC 2616 14.18) before storing
      stored = new LinkedHashMap<>(headers);
      stored.put("Date", List.of(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))));
    }
    Path entry = entry(spiderDir, key(job));
    try {
      write(
          entry,
          job.url,
          job.method,
          status,
          job.url,
          job.body,
          requestHeaders,
          stored,
          body,
          gzip);
      stats.inc("httpcache/store");
    } catch (IOException | RuntimeException e) {
      stats.inc("httpcache/errors");
      if (log != null) {
        log.error(LOG, "Cannot store the response to " + job.repr() + " in " + entry + ": " + e);
      }
    }
  }

  // ------------------------------------------------------------------ the storage, also for
  // readers

  /** Writes one entry; replaces what was there. */
  public static void write(
      Path entry,
      String url,
      String method,
      int status,
      String responseUrl,
      byte[] requestBody,
      Map<String, List<String>> requestHeaders,
      Map<String, List<String>> responseHeaders,
      byte[] responseBody,
      boolean gzip)
      throws IOException {
    Path parent = entry.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + entry.getFileName() + ".tmp");
    try {
      ObjectNode meta = JSON.createObjectNode();
      meta.put("url", url);
      meta.put("method", method);
      meta.put("status", status);
      meta.put("response_url", responseUrl);
      meta.put("timestamp", System.currentTimeMillis() / 1000.0);
      put(tmp.resolve("meta"), JSON.writeValueAsBytes(meta), gzip);
      put(tmp.resolve("response_headers"), rawHeaders(responseHeaders), gzip);
      put(tmp.resolve("response_body"), responseBody, gzip);
      put(tmp.resolve("request_headers"), rawHeaders(requestHeaders), gzip);
      put(tmp.resolve("request_body"), requestBody == null ? new byte[0] : requestBody, gzip);
      if (Files.isDirectory(entry)) {
        deleteTree(entry);
      }
      try {
        Files.move(tmp, entry, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException
          | java.nio.file.DirectoryNotEmptyException raced) {
        // another thread stored the same request meanwhile: its entry is as good
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /**
   * Reads one entry; null when there is none or it expired ({@code expirationSeconds} > 0 and older
   * than that, by the {@code meta} file's modification time).
   */
  public static Cached read(Path entry, long expirationSeconds, boolean gzip) {
    Path metaPath = entry.resolve("meta");
    try {
      long mtime = Files.getLastModifiedTime(metaPath).toMillis();
      if (expirationSeconds > 0
          && expirationSeconds < (System.currentTimeMillis() - mtime) / 1000.0) {
        return null;
      }
      Map<String, Object> meta = parseMeta(get(metaPath, gzip), metaPath);
      byte[] body = get(entry.resolve("response_body"), gzip);
      Map<String, List<String>> headers =
          parseRawHeaders(get(entry.resolve("response_headers"), gzip));
      Object status = meta.get("status");
      if (!(status instanceof Number n)) {
        throw new IllegalArgumentException("no status in " + metaPath);
      }
      Object url = meta.get("response_url");
      return new Cached(
          n.intValue(), url == null ? (String) meta.get("url") : url.toString(), headers, body);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the cache entry " + entry + ": " + e, e);
    }
  }

  /** The {@code meta} file: our JSON, or Scrapy's Python dict repr. */
  public static Map<String, Object> parseMeta(byte[] bytes, Path where) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && n.isObject()) {
        return JSON.convertValue(n, Map.class);
      }
    } catch (IOException notJson) {
      // Scrapy's repr(dict), below
    }
    try {
      return PyLiteral.dict(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the cache meta file "
              + where
              + ": neither JSON nor a Python dict ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** w3lib's {@code headers_dict_to_raw}: {@code Name: value} per value, joined by CRLF. */
  public static byte[] rawHeaders(Map<String, List<String>> headers) {
    List<String> lines = new ArrayList<>();
    headers.forEach(
        (k, vs) -> {
          for (String v : vs) {
            lines.add(k + ": " + v);
          }
        });
    return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** w3lib's {@code headers_raw_to_dict}: lines split at the first colon, both sides stripped. */
  public static Map<String, List<String>> parseRawHeaders(byte[] raw) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : new String(raw, StandardCharsets.ISO_8859_1).split("\r\n|\r|\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return headers;
  }

  private static void put(Path file, byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) {
      Files.write(file, bytes);
      return;
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
  }

  private static byte[] get(Path file, boolean gzip) throws IOException {
    if (!gzip) {
      return Files.readAllBytes(file);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private String key(Job job) {
    return key(job.method, job.url, job.body, fingerprint27);
  }

  /**
   * The cache key of a request, hex: Scrapy's request fingerprinter, implementation "2.6" (SHA-1 of
   * method, canonical URL and body: the duplicate filter's, {@code Engine.fingerprint}) or "2.7"
   * ({@code scrapy.utils.request.fingerprint}: SHA-1 of a sorted JSON object of the same).
   */
  public static String key(String method, String url, byte[] body, boolean implementation27) {
    String m = method.toUpperCase(Locale.ROOT);
    if (!implementation27) {
      return RequestUrls.fingerprint(m, url, body);
    }
    String json =
        PyFormat.jsonDumpsSorted(
            java.util.Map.of(
                "body",
                java.util.HexFormat.of().formatHex(body == null ? new byte[0] : body),
                "headers",
                java.util.Map.of(),
                "method",
                m,
                "url",
                RequestUrls.canonicalize(url)));
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
