package io.streamspider.host.internal.engine;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/** Python codec names (a request's {@code encoding}, e.g. {@code latin-1}) to Java charsets. */
public final class PyCodecs {
  private static final Map<String, Charset> ALIASES =
      Map.of(
          "latin-1", StandardCharsets.ISO_8859_1,
          "latin1", StandardCharsets.ISO_8859_1,
          "l1", StandardCharsets.ISO_8859_1,
          "utf8", StandardCharsets.UTF_8,
          "u8", StandardCharsets.UTF_8,
          "ascii", StandardCharsets.US_ASCII);

  private PyCodecs() {}

  /**
   * The charset for a Python codec name.
   *
   * @throws RequestUrls.BadUrlException {@code unknown encoding: NAME}, as Python says it
   */
  public static Charset charset(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    Charset c = ALIASES.get(key);
    if (c != null) {
      return c;
    }
    try {
      return Charset.forName(key);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new RequestUrls.BadUrlException("unknown encoding: " + name);
    }
  }

  /** The name Python would print for the charset in codec errors. */
  public static String pythonName(Charset c) {
    if (c.equals(StandardCharsets.ISO_8859_1)) {
      return "latin-1";
    }
    if (c.equals(StandardCharsets.UTF_8)) {
      return "utf-8";
    }
    if (c.equals(StandardCharsets.US_ASCII)) {
      return "ascii";
    }
    return c.name().toLowerCase(Locale.ROOT);
  }
}
