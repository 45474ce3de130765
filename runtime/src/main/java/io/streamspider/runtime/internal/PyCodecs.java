package io.streamspider.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * Python codec names (a request's {@code encoding}, e.g. {@code latin-1}, {@code cp1252}) to Java
 * charsets, and back for Python's codec error messages. The runtime and the host share it.
 */
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
   * The charset for a Python codec name: Python's spellings ({@code latin-1}, {@code u8}), Java's
   * names and aliases ({@code windows-1252}, {@code cp1252}, {@code latin2}), {@code _} for {@code
   * -}, any case.
   *
   * @throws PyUrl.UrlException {@code unknown encoding: NAME}, as Python says it
   */
  public static Charset charset(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    Charset c = ALIASES.get(key);
    if (c != null) {
      return c;
    }
    for (String candidate : new String[] {key, key.replace("-", "")}) {
      try {
        return Charset.forName(candidate);
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        // try the next spelling
      }
    }
    throw new PyUrl.UrlException("unknown encoding: " + name);
  }

  /** The name Python prints for the charset in codec errors. */
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

  /**
   * {@code text.encode(codec)}, strict as Python's: a character the charset cannot encode is an
   * error.
   *
   * @throws PyUrl.UrlException with the text of Python's {@code UnicodeEncodeError}, e.g. {@code
   *     'ascii' codec can't encode character '\xe9' in position 2: ordinal not in range(128)}
   */
  public static byte[] encode(String text, Charset charset) {
    CharsetEncoder enc =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer bb = enc.encode(CharBuffer.wrap(text));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new PyUrl.UrlException(encodeError(text, charset));
    }
  }

  /**
   * Python's {@code UnicodeEncodeError} text for {@code text}: the codec's name, the first
   * unencodable character (or run of them, where Python's codec reports runs) by code point
   * position, and the codec's reason.
   */
  static String encodeError(String text, Charset charset) {
    String codec;
    String reason;
    boolean runs = true;
    String name = charset.name().toLowerCase(Locale.ROOT);
    if (charset.equals(StandardCharsets.ISO_8859_1)) {
      codec = "latin-1";
      reason = "ordinal not in range(256)";
    } else if (charset.equals(StandardCharsets.US_ASCII)) {
      codec = "ascii";
      reason = "ordinal not in range(128)";
    } else if (charset.equals(StandardCharsets.UTF_8)) {
      codec = "utf-8";
      reason = "surrogates not allowed";
    } else if (name.startsWith("utf-16") || name.startsWith("utf-32")) {
      codec = name;
      reason = "surrogates not allowed";
      runs = false;
    } else if (charset.newEncoder().maxBytesPerChar() == 1) {
      codec = "charmap";
      reason = "character maps to <undefined>";
    } else {
      codec = name.replace('-', '_');
      reason = "illegal multibyte sequence";
      runs = false;
    }
    CharsetEncoder probe = charset.newEncoder();
    int start = -1;
    int end = 0;
    int position = 0;
    int first = 0;
    for (int i = 0; i < text.length(); position++) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean encodable = probe.canEncode(text.subSequence(i, next));
      i = next;
      if (start < 0) {
        if (!encodable) {
          start = position;
          end = position + 1;
          first = cp;
          if (!runs) {
            break;
          }
        }
      } else if (!encodable) {
        end = position + 1;
      } else {
        break;
      }
    }
    if (start < 0) {
      return "'" + codec + "' codec can't encode the text: " + reason;
    }
    if (end > start + 1) {
      return "'"
          + codec
          + "' codec can't encode characters in position "
          + start
          + "-"
          + (end - 1)
          + ": "
          + reason;
    }
    String hex = Integer.toHexString(first);
    String escape = first <= 0xff ? "\\x00" : first <= 0xffff ? "\\u0000" : "\\U00000000";
    return "'"
        + codec
        + "' codec can't encode character '"
        + escape.substring(0, escape.length() - hex.length())
        + hex
        + "' in position "
        + start
        + ": "
        + reason;
  }
}
