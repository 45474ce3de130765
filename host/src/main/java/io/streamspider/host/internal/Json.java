package io.streamspider.host.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON as the real host reads and writes it: Python's {@code json.loads} (NaN and Infinity
 * accepted, nothing after the value) and {@code json.dumps} (ASCII-only output with
 * {@code \\uXXXX} escapes, {@code ", "} and {@code ": "} separators).
 */
public final class Json {
  /** The one mapper of the host; thread-safe once configured. */
  public static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  private static ObjectMapper createMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            // a spider may send a large request body in one string
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    factory.setCharacterEscapes(new PythonEscapes());
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** A generator writing one line the way Python's {@code json.dumps} lays it out. */
  public static JsonGenerator pythonStyle(JsonGenerator g) {
    return g.setPrettyPrinter(io.streamspider.runtime.internal.PythonJsonLayout.INSTANCE);
  }

  /** Python's name for the type of a JSON value ({@code type(value).__name__}). */
  public static String pythonType(JsonNode v) {
    if (v == null || v.isNull()) {
      return "NoneType";
    }
    if (v.isTextual()) {
      return "str";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isIntegralNumber()) {
      return "int";
    }
    if (v.isNumber()) {
      return "float";
    }
    if (v.isArray()) {
      return "list";
    }
    return "dict";
  }

  /** Python's {@code str(value)} for a scalar, JSON text otherwise. */
  public static String pythonStr(JsonNode v) {
    if (v == null || v.isNull()) {
      return "None";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? "True" : "False";
    }
    return v.toString();
  }

  /**
   * Python's {@code ensure_ascii}: {@code \\uXXXX} with lower-case hex for every non-ASCII char
   * (surrogate pairs as two escapes) and for control chars without a short escape.
   */
  private static final class PythonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final int[] ascii = standardAsciiEscapesForJSON();
    private final SerializedString[] cache = new SerializedString[0x10000];

    PythonEscapes() {
      for (int c = 0; c < 0x20; c++) {
        if (ascii[c] == ESCAPE_STANDARD) {
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch >= 0x20 && ch < 0x80) {
        return null;
      }
      SerializedString s = cache[ch];
      if (s == null) {
        s = new SerializedString(new String(new char[] {
          '\\', 'u', HEX[(ch >> 12) & 0xf], HEX[(ch >> 8) & 0xf], HEX[(ch >> 4) & 0xf], HEX[ch & 0xf]}));
        cache[ch] = s; // a benign race: every thread computes the same value
      }
      return s;
    }
  }
}
