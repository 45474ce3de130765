package io.streamspider.host.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a downloaded body is text, and its text, as Scrapy 2.8 decides them: {@code
 * scrapy.responsetypes.from_args} (Content-Type, Content-Disposition, URL suffix, body sniffing)
 * and {@code TextResponse.text} (BOM, Content-Type charset, {@code <meta>} / XML declaration, then
 * auto-detection ascii → utf-8 → cp1252, undecodable bytes replaced by U+FFFD).
 *
 * <p>Header names are expected in Scrapy's title case ({@link HeaderNames#title}).
 */
public final class ResponseText {
  /** MIME types {@code ResponseTypes.CLASSES} maps to a TextResponse class, besides text/*. */
  private static final Set<String> TEXT_TYPES =
      Set.of(
          "text/html",
          "application/atom+xml",
          "application/rdf+xml",
          "application/rss+xml",
          "application/xhtml+xml",
          "application/vnd.wap.xhtml+xml",
          "application/xml",
          "application/json",
          "application/x-json",
          "application/json-amazonui-streaming",
          "application/javascript",
          "application/x-javascript",
          "text/xml");

  /**
   * What {@code ResponseTypes.CLASSES} maps each of those MIME types to (the rest of text/* is
   * TEXT).
   */
  private static final Map<String, Kind> TYPE_KINDS =
      Map.ofEntries(
          Map.entry("text/html", Kind.HTML),
          Map.entry("application/atom+xml", Kind.XML),
          Map.entry("application/rdf+xml", Kind.XML),
          Map.entry("application/rss+xml", Kind.XML),
          Map.entry("application/xhtml+xml", Kind.HTML),
          Map.entry("application/vnd.wap.xhtml+xml", Kind.HTML),
          Map.entry("application/xml", Kind.XML),
          Map.entry("text/xml", Kind.XML));

  private static final Set<String> TEXT_SUFFIXES = new HashSet<>();
  private static final Map<String, Kind> SUFFIX_KINDS = new HashMap<>();
  private static final Map<String, String> SUFFIX_MAP = new HashMap<>();
  private static final Set<String> ENCODING_SUFFIXES = new HashSet<>();

  static {
    loadSuffixTables();
  }

  private static final Pattern HEADER_CHARSET =
      Pattern.compile(
          "charset=([\\w-]+)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

  // w3lib.encoding._BODY_ENCODING_PATTERN, over the first 4096 bytes read as Latin-1
  private static final String SKIP_ATTRS =
      "(?:\\s+[^=<>/\\s\"'\\x00-\\x1f\\x7f]+(?:\\s*=\\s*(?:'[^']*'|\"[^\"]*\"|[^'\"\\s]+))?)*?";
  private static final String HTTP_EQUIV = template("http-equiv", "Content-Type");
  private static final String CONTENT =
      template("content", "(?<mime>[^;]+);\\s*charset=(?<charset>[\\w-]+)");
  private static final String CONTENT2 = template("charset", "(?<charset2>[\\w-]+)");
  private static final String XML_ENCODING = template("encoding", "(?<xmlcharset>[\\w-]+)");
  private static final Pattern BODY_ENCODING =
      Pattern.compile(
          "<\\s*(?:meta"
              + SKIP_ATTRS
              + "(?:(?:\\s+"
              + HTTP_EQUIV
              + "|\\s+"
              + CONTENT
              + "){2}|\\s+"
              + CONTENT2
              + ")|\\?xml\\s[^>]+"
              + XML_ENCODING
              + "|body)",
          Pattern.CASE_INSENSITIVE);

  private ResponseText() {}

  private static String template(String name, String value) {
    return name + "\\s*=\\s*[\"']?\\s*" + value + "\\s*[\"']?";
  }

  /** {@code issubclass(responsetypes.from_args(headers, url, body), TextResponse)}. */
  public static boolean isText(Map<String, List<String>> headers, String url, byte[] body) {
    return textFromHeaders(headers) || textFromFilename(url) || binaryIsText(body);
  }

  /** The response class Scrapy picks: its selectors parse XML for XML, HTML for the other two. */
  public enum Kind {
    /** {@code Response}: no text, no selectors. */
    BINARY,
    /** {@code TextResponse}. */
    TEXT,
    /** {@code HtmlResponse}. */
    HTML,
    /** {@code XmlResponse}: Selector(response) has type "xml". */
    XML
  }

  /** {@code responsetypes.from_args(headers=, url=, body=)} as a {@link Kind}. */
  public static Kind kind(Map<String, List<String>> headers, String url, byte[] body) {
    Kind k = kindFromHeaders(headers);
    if (k != null) {
      return k;
    }
    k = kindFromFilename(url);
    if (k != null) {
      return k;
    }
    if (!binaryIsText(body)) {
      return Kind.BINARY;
    }
    // from_body: the first 5000 bytes, lower-cased
    String chunk =
        new String(body, 0, Math.min(body.length, 5000), StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
    if (chunk.contains("<html>")) {
      return Kind.HTML;
    }
    if (chunk.contains("<?xml")) {
      return Kind.XML;
    }
    return chunk.contains("<!doctype html>") ? Kind.HTML : Kind.TEXT;
  }

  private static Kind mimeKind(String mimeType) {
    Kind k = TYPE_KINDS.get(mimeType);
    if (k != null) {
      return k;
    }
    return textMimeType(mimeType) ? Kind.TEXT : null;
  }

  /** from_content_disposition: split(";")[1].split("=")[1].strip("\"'"), IndexError → none. */
  private static String dispositionFilename(Map<String, List<String>> headers) {
    String disposition = last(headers, "Content-Disposition");
    if (disposition == null) {
      return null;
    }
    String[] parts = disposition.split(";", -1);
    if (parts.length > 1) {
      String[] kv = parts[1].split("=", -1);
      if (kv.length > 1) {
        return strip(kv[1], "\"'");
      }
    }
    return null;
  }

  /** A decoded body and the charset that decoded it ({@code TextResponse.encoding}). */
  public record Text(String text, Charset charset) {}

  /** {@code TextResponse.text}: the body decoded with the response's encoding. */
  public static Text decode(Map<String, List<String>> headers, byte[] body) {
    Encoding e = encoding(headers, body);
    if (e.charset().equals(StandardCharsets.UTF_8)) {
      // Well-formed UTF-8 decodes alike in the JDK and in Python, and the JDK's decoder (with its
      // ASCII fast path and compact strings) replaces every malformed sequence with U+FFFD: a text
      // without U+FFFD came from well-formed bytes. Only a body with U+FFFD in it, malformed or
      // as sent, is decoded again with Python's replacement rules.
      String fast = new String(body, e.offset(), body.length - e.offset(), StandardCharsets.UTF_8);
      if (fast.indexOf('\uFFFD') < 0) {
        return new Text(fast, e.charset());
      }
    }
    StringBuilder text = new StringBuilder();
    char[] buf = new char[8192];
    try (Reader r = reader(body, e)) {
      for (int n; (n = r.read(buf)) > 0; ) {
        text.append(buf, 0, n);
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // an in-memory body
    }
    return new Text(text.toString(), e.charset());
  }

  /**
   * How {@code TextResponse} decodes a body: its charset ({@code TextResponse.encoding}) and where
   * the text starts (after a byte-order mark).
   */
  public record Encoding(Charset charset, int offset) {}

  /** The body's encoding, as {@link #decode} uses it, without decoding the body. */
  public static Encoding encoding(Map<String, List<String>> headers, byte[] body) {
    Bom bom = Bom.read(body);
    if (bom != null) {
      return new Encoding(bom.charset, bom.length);
    }
    Charset charset = headerCharset(last(headers, "Content-Type"));
    if (charset == null) {
      charset = bodyDeclaredCharset(body);
    }
    if (charset == null) {
      charset = autoDetect(body);
    }
    return new Encoding(charset, 0);
  }

  /**
   * The body's text, decoded as it is read (the same text as {@link #decode}, a few KiB at a time):
   * a big body is never held a second time as a String.
   */
  public static Reader reader(byte[] body, Encoding e) {
    if (e.charset().equals(StandardCharsets.UTF_8)) {
      return new PythonUtf8Reader(body, e.offset());
    }
    return new InputStreamReader(
        new ByteArrayInputStream(body, e.offset(), body.length - e.offset()),
        e.charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith("\uFFFD"));
  }

  private static boolean textFromHeaders(Map<String, List<String>> headers) {
    return kindFromHeaders(headers) != null;
  }

  /**
   * {@code from_headers}: the Content-Type's class, else Content-Disposition's; null for a
   * Response.
   */
  private static Kind kindFromHeaders(Map<String, List<String>> headers) {
    String contentType = last(headers, "Content-Type");
    if (contentType != null) {
      String contentEncoding = last(headers, "Content-Encoding");
      if (contentEncoding == null || contentEncoding.isEmpty()) {
        Kind k = mimeKind(mimeType(contentType));
        if (k != null) {
          return k;
        }
      }
    }
    return kindFromFilename(dispositionFilename(headers));
  }

  private static String mimeType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private static boolean textMimeType(String mimeType) {
    if (TEXT_TYPES.contains(mimeType)) {
      return true;
    }
    int slash = mimeType.indexOf('/');
    return (slash < 0 ? mimeType : mimeType.substring(0, slash)).equals("text");
  }

  /** {@code MimeTypes.guess_type(name)} gives a text type and no compression. */
  static boolean textFromFilename(String name) {
    return kindFromFilename(name) != null;
  }

  /** The class {@code from_filename(name)} gives, or null for a plain Response. */
  private static Kind kindFromFilename(String name) {
    if (name == null) {
      return null;
    }
    // urllib.parse._splittype: "scheme:rest" where scheme has no '/' or ':'
    int colon = name.indexOf(':');
    if (colon > 0 && name.substring(0, colon).indexOf('/') < 0) {
      String scheme = name.substring(0, colon).toLowerCase(Locale.ROOT);
      name = name.substring(colon + 1);
      if (scheme.equals("data")) {
        return dataUrlKind(name);
      }
    }
    String[] split = splitext(name);
    String ext;
    while (SUFFIX_MAP.containsKey(ext = split[1].toLowerCase(Locale.ROOT))) {
      split = splitext(split[0] + SUFFIX_MAP.get(ext));
    }
    if (ENCODING_SUFFIXES.contains(split[1])) {
      return null;
    }
    String suffix = split[1].toLowerCase(Locale.ROOT);
    return TEXT_SUFFIXES.contains(suffix) ? SUFFIX_KINDS.getOrDefault(suffix, Kind.TEXT) : null;
  }

  private static Kind dataUrlKind(String data) {
    int comma = data.indexOf(',');
    if (comma < 0) {
      return null;
    }
    int semi = data.substring(0, comma).indexOf(';');
    String type = semi >= 0 ? data.substring(0, semi) : data.substring(0, comma);
    if (type.contains("=") || !type.contains("/")) {
      type = "text/plain";
    }
    return mimeKind(type.toLowerCase(Locale.ROOT));
  }

  /** {@code posixpath.splitext}. */
  private static String[] splitext(String p) {
    int sep = p.lastIndexOf('/');
    int dot = p.lastIndexOf('.');
    if (dot > sep) {
      for (int i = sep + 1; i < dot; i++) {
        if (p.charAt(i) != '.') {
          return new String[] {p.substring(0, dot), p.substring(dot)};
        }
      }
    }
    return new String[] {p, ""};
  }

  /** {@code scrapy.utils.python.binary_is_text} over the first 5000 bytes. */
  private static boolean binaryIsText(byte[] body) {
    int n = Math.min(body.length, 5000);
    for (int i = 0; i < n; i++) {
      int b = body[i] & 0xff;
      if (b < 32 && b != 0 && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static Charset headerCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = HEADER_CHARSET.matcher(contentType);
    return m.find() ? PythonEncodings.forLabel(m.group(1)) : null;
  }

  private static Charset bodyDeclaredCharset(byte[] body) {
    String chunk = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = BODY_ENCODING.matcher(chunk);
    if (!m.find()) {
      return null;
    }
    String label = m.group("charset");
    if (label == null) {
      label = m.group("charset2");
    }
    if (label == null) {
      label = m.group("xmlcharset");
    }
    return label == null ? null : PythonEncodings.forLabel(label);
  }

  /** {@code TextResponse._auto_detect_fun}, then html_to_unicode's default ("ascii"). */
  private static Charset autoDetect(byte[] body) {
    Charset cp1252 = PythonEncodings.charset("cp1252");
    if (decodesStrictly(body, StandardCharsets.US_ASCII)) {
      return cp1252; // resolve_encoding("ascii") is cp1252
    }
    if (decodesStrictly(body, StandardCharsets.UTF_8)) {
      return StandardCharsets.UTF_8;
    }
    return decodesStrictly(body, cp1252) ? cp1252 : StandardCharsets.US_ASCII;
  }

  /** Whether the whole body decodes without error; a few KiB of chars at a time. */
  private static boolean decodesStrictly(byte[] body, Charset c) {
    if (c.equals(StandardCharsets.US_ASCII)) {
      for (byte b : body) {
        if (b < 0) {
          return false;
        }
      }
      return true;
    }
    CharsetDecoder d =
        c.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isError()) {
        return false;
      }
      if (r.isUnderflow()) {
        break;
      }
      out.clear();
    }
    while (true) {
      CoderResult r = d.flush(out);
      if (r.isError()) {
        return false;
      }
      if (r.isUnderflow()) {
        return true;
      }
      out.clear();
    }
  }

  /**
   * UTF-8 with each maximal invalid subpart replaced by one U+FFFD, as Python's decoder (and the
   * WHATWG one) do; the JDK's decoder replaces some sequences (e.g. encoded surrogates) as a whole.
   * Decodes as it is read.
   */
  static final class PythonUtf8Reader extends Reader {
    private final byte[] b;
    private int i;
    private char pendingLow; // the second half of a code point above U+FFFF, or 0

    PythonUtf8Reader(byte[] body, int offset) {
      this.b = body;
      this.i = offset;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      if (pendingLow != 0) {
        cbuf[off + n++] = pendingLow;
        pendingLow = 0;
      }
      final byte[] b = this.b;
      while (n < len && i < b.length) {
        int c = b[i];
        if (c >= 0) { // ASCII, the common case
          cbuf[off + n++] = (char) c;
          i++;
          continue;
        }
        int cp = next();
        if (cp > 0xFFFF) {
          cbuf[off + n++] = Character.highSurrogate(cp);
          if (n < len) {
            cbuf[off + n++] = Character.lowSurrogate(cp);
          } else {
            pendingLow = Character.lowSurrogate(cp);
          }
        } else {
          cbuf[off + n++] = (char) cp;
        }
      }
      return n == 0 ? -1 : n;
    }

    /**
     * Decodes one non-ASCII sequence at {@code i}: its code point, or U+FFFD for an invalid part.
     */
    private int next() {
      int c = b[i++] & 0xff;
      int needed;
      int cp;
      int lower = 0x80;
      int upper = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        needed = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        lower = c == 0xE0 ? 0xA0 : 0x80;
        upper = c == 0xED ? 0x9F : 0xBF;
        needed = 2;
        cp = c & 0xF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        lower = c == 0xF0 ? 0x90 : 0x80;
        upper = c == 0xF4 ? 0x8F : 0xBF;
        needed = 3;
        cp = c & 0x7;
      } else {
        return 0xFFFD;
      }
      for (int k = 0; k < needed; k++) {
        if (i >= b.length) {
          return 0xFFFD; // truncated at the end
        }
        int x = b[i] & 0xff;
        if (x < lower || x > upper) {
          return 0xFFFD; // this byte starts afresh
        }
        lower = 0x80;
        upper = 0xBF;
        cp = (cp << 6) | (x & 0x3F);
        i++;
      }
      return cp;
    }

    @Override
    public void close() {}
  }

  private static String last(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static String strip(String s, String chars) {
    int b = 0;
    int e = s.length();
    while (b < e && chars.indexOf(s.charAt(b)) >= 0) {
      b++;
    }
    while (e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(b, e);
  }

  /** w3lib.encoding.read_bom. */
  private record Bom(int length, Charset charset) {
    static Bom read(byte[] b) {
      if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
        return new Bom(4, Charset.forName("UTF-32BE"));
      }
      if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
        return new Bom(4, Charset.forName("UTF-32LE"));
      }
      if (startsWith(b, 0xFE, 0xFF)) {
        return new Bom(2, StandardCharsets.UTF_16BE);
      }
      if (startsWith(b, 0xFF, 0xFE)) {
        return new Bom(2, StandardCharsets.UTF_16LE);
      }
      if (startsWith(b, 0xEF, 0xBB, 0xBF)) {
        return new Bom(3, StandardCharsets.UTF_8);
      }
      return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
      if (b.length < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if ((b[i] & 0xff) != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private static void loadSuffixTables() {
    try (InputStream in = ResponseText.class.getResourceAsStream("response-types.tsv")) {
      if (in == null) {
        throw new IllegalStateException("response-types.tsv is missing from the host jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        switch (cols[0]) {
          case "text" -> {
            TEXT_SUFFIXES.add(cols[1]);
            SUFFIX_KINDS.put(
                cols[1],
                switch (cols.length > 2 ? cols[2] : "") {
                  case "HtmlResponse" -> Kind.HTML;
                  case "XmlResponse" -> Kind.XML;
                  default -> Kind.TEXT;
                });
          }
          case "suffix" -> SUFFIX_MAP.put(cols[1], cols[2]);
          case "encoding" -> ENCODING_SUFFIXES.add(cols[1]);
          default -> throw new IllegalStateException("response-types.tsv: unknown row " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
