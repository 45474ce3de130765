package io.streamspider.host.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.internal.PythonJson;

/**
 * JSON as the real host reads and writes it: Python's {@code json.loads} (NaN and Infinity
 * accepted, nothing after the value) and {@code json.dumps} (ASCII-only output with {@code \\uXXXX}
 * escapes, {@code ", "} and {@code ": "} separators: {@link PythonJson}).
 */
public final class Json {
  /** The one mapper of the host; thread-safe once configured. */
  public static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  private static ObjectMapper createMapper() {
    // json.dumps(ensure_ascii=True) as every Python-style writer of the jar writes it
    JsonFactory factory =
        PythonJson.ensureAscii(new JsonFactoryBuilder())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // NaN bare, as Python writes it
            // a spider may send a large request body in one string
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** A generator writing one line the way Python's {@code json.dumps} lays it out. */
  public static JsonGenerator pythonStyle(JsonGenerator g) {
    return g.setPrettyPrinter(PythonJson.SPACED);
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
}
