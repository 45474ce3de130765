package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON policy of every writer that must match Python's {@code json.dumps} (Scrapy's feed
 * exporters, Scrapy Cloud's reference writer, the Scrapy Streaming host), built from Jackson's
 * supported hooks only: write features, {@link CharacterEscapes}, a {@link PrettyPrinter} and a
 * {@link JsonGeneratorDelegate}. docs/output.md "One JSON policy" lists it for users.
 *
 * <ul>
 *   <li>Escapes, both modes: {@code \" \\ \b \f \n \r \t}, and {@code \\u00XX} with lower-case hex
 *       for the other control characters ({@code \\u001f}, where Jackson's default is {@code
 *       \\u001F}).
 *   <li>{@link #ensureAscii ensure_ascii=True} (Scrapy Cloud's pipe, the host's lines, the {@code
 *       select}/{@code form} tools): also DEL as {@code \\u007f} and every char above it as {@code
 *       \\uXXXX}, lower case, one escape per UTF-16 unit (so {@code \\ud83d\\ude00}).
 *   <li>{@link #utf8 ensure_ascii=False} (feed files, {@code FEED_EXPORT_ENCODING=utf-8}; the
 *       {@code parse} dev command): everything else raw UTF-8, characters above U+FFFF as one
 *       4-byte sequence.
 *   <li>Separators: {@link #SPACED} ({@code ", "} and {@code ": "}, json.dumps's default: feeds,
 *       host, {@code parse}) or compact, no pretty printer ({@code ","} and {@code ":"}: Scrapy
 *       Cloud's pipe, the tools).
 *   <li>Numbers as Jackson writes them: integers exactly; a float by {@code Double.toString}, the
 *       shortest text that reads back as the same double, which Python's {@code repr} also is, but
 *       spelt differently outside [1e-3, 1e7) ({@code 1.0E-5} for {@code 1e-05}, {@code
 *       1.2345678E7} for {@code 12345678.0}). NaN and infinities: a string ({@code "NaN"}) for
 *       items, as Jackson's default; bare for the host's lines, as Python writes them.
 * </ul>
 */
public final class PythonJson {
  private PythonJson() {}

  /** json.dumps's default separators, {@code ", "} and {@code ": "}, on one line. */
  public static final PrettyPrinter SPACED = new Spaced();

  /** Stateless, so one instance serves every generator. */
  private static final class Spaced implements PrettyPrinter {
    @Override
    public void writeRootValueSeparator(JsonGenerator g) {}

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {}

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {}

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw(']');
    }
  }

  /**
   * The ASCII escapes of {@code ensure_ascii=True}: Jackson's standard table plus DEL, which
   * Jackson leaves raw and Python escapes. With {@link JsonWriteFeature#ESCAPE_NON_ASCII} and
   * lower-case hex, Jackson writes every such escape itself (its generic {@code \\uXXXX}); this
   * class never builds an escape of its own.
   */
  private static final class AsciiEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    AsciiEscapes() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // never asked: no ESCAPE_CUSTOM above, and non-ASCII is escaped generically
    }
  }

  private static final CharacterEscapes ASCII_ESCAPES = new AsciiEscapes();

  /** A factory whose generators write {@code json.dumps(ensure_ascii=True)}'s escapes. */
  public static JsonFactoryBuilder ensureAscii(JsonFactoryBuilder b) {
    return b.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
        .characterEscapes(ASCII_ESCAPES);
  }

  /** A factory whose generators write {@code json.dumps(ensure_ascii=False)}'s UTF-8. */
  public static JsonFactoryBuilder utf8(JsonFactoryBuilder b) {
    return b.disable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
  }

  /**
   * {@code g} (from a {@link #utf8} factory) made to write {@code ensure_ascii=True}, ASCII on one
   * line whatever the serializers do: names and strings that Jackson has pre-encoded as UTF-8 (a
   * bean's property names, enum values) are escaped like any other text, and raw output a custom
   * serializer asks for ({@code writeRaw}, {@code @JsonRawValue}, {@code writeNumber(String)})
   * fails with {@link NotAsciiLine} unless it is ASCII without a line break. Serializers must be
   * handed the returned generator, not {@code g}.
   */
  public static JsonGenerator ensureAscii(JsonGenerator g) {
    g.setHighestNonEscapedChar(0x7f);
    g.setCharacterEscapes(ASCII_ESCAPES);
    return new AsciiLine(g);
  }

  /** Raw output of a custom serializer that is not ASCII on one line. */
  public static final class NotAsciiLine extends JsonGenerationException {
    private static final long serialVersionUID = 1L;

    NotAsciiLine(JsonGenerator g) {
      super("its JSON is not ASCII on one line (a raw value written by a custom serializer?)", g);
    }
  }

  private static final class AsciiLine extends JsonGeneratorDelegate {
    AsciiLine(JsonGenerator d) {
      // false: writeObject/writeTree serialize through this generator, not the delegate
      super(d, false);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
      delegate.writeFieldName(name.getValue());
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
      delegate.writeString(text.getValue());
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
      delegate.writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
      for (int i = offset; i < offset + length; i++) {
        check(text[i]);
      }
      delegate.writeRawUTF8String(text, offset, length);
    }

    @Override
    public void writeRaw(String text) throws IOException {
      delegate.writeRaw(checked(text, 0, text.length()));
    }

    @Override
    public void writeRaw(String text, int offset, int len) throws IOException {
      delegate.writeRaw(checked(text, offset, len), offset, len);
    }

    @Override
    public void writeRaw(SerializableString raw) throws IOException {
      writeRaw(raw.getValue());
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) throws IOException {
      checked(new String(text, offset, len), 0, len);
      delegate.writeRaw(text, offset, len);
    }

    @Override
    public void writeRaw(char c) throws IOException {
      check(c);
      delegate.writeRaw(c);
    }

    @Override
    public void writeRawValue(String text) throws IOException {
      delegate.writeRawValue(checked(text, 0, text.length()));
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
      delegate.writeRawValue(checked(text, offset, len), offset, len);
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
      checked(new String(text, offset, len), 0, len);
      delegate.writeRawValue(text, offset, len);
    }

    @Override
    public void writeRawValue(SerializableString raw) throws IOException {
      writeRawValue(raw.getValue());
    }

    @Override
    public void writeNumber(String encoded) throws IOException {
      delegate.writeNumber(encoded == null ? null : checked(encoded, 0, encoded.length()));
    }

    @Override
    public void writeNumber(char[] encoded, int offset, int len) throws IOException {
      writeNumber(new String(encoded, offset, len));
    }

    private String checked(String text, int offset, int len) throws NotAsciiLine {
      for (int i = offset; i < offset + len; i++) {
        check(text.charAt(i));
      }
      return text;
    }

    private void check(int c) throws NotAsciiLine {
      if (c < 0 || c >= 0x80 || c == '\n' || c == '\r') {
        throw new NotAsciiLine(this);
      }
    }
  }
}
