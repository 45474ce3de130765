package io.streamspider.host.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.streamspider.runtime.protocol.ErrorMessage;
import io.streamspider.runtime.protocol.ExceptionMessage;
import io.streamspider.runtime.protocol.ResponseMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Host → spider lines, laid out as the real host writes them (json.dumps with its field order: see
 * the real sessions in {@code host/src/test/resources/fixtures}). Every line is ASCII.
 */
public final class Outbound {
  private Outbound() {}

  /** Protocol, section "ready". */
  public static String ready() {
    return write(
        g -> {
          g.writeStringField("type", "ready");
          g.writeStringField("status", "ready");
        });
  }

  /**
   * The embedded host's {@code ready} in frontier mode ({@code -s JOBDIR} or {@code -s
   * SCHEDULER=redis}, docs/scale-out.md): the runtime confirms in its spider message.
   */
  public static String readyFrontier() {
    return write(
        g -> {
          g.writeStringField("type", "ready");
          g.writeStringField("status", "ready");
          g.writeBooleanField("frontier", true);
        });
  }

  /** Protocol, section "error". */
  public static String error(ErrorMessage m) {
    return write(
        g -> {
          g.writeStringField("type", "error");
          g.writeStringField("received_message", m.receivedMessage());
          g.writeStringField("details", m.details());
        });
  }

  /** Protocol, section "exception". */
  public static String exception(ExceptionMessage m) {
    return write(
        g -> {
          g.writeStringField("type", "exception");
          g.writeStringField("received_message", m.receivedMessage());
          g.writeStringField("exception", m.exception());
        });
  }

  /** Protocol, sections "response" and "response_selector". */
  public static String response(ResponseMessage m) {
    return write(g -> writeResponse(g, m, bodyOf(m)));
  }

  /** Writes the value of a response's {@code body} field. */
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * A {@code response} (no selector) whose body is encoded as the line is written to the spider's
   * stdin: the text read from {@code text} as it goes (JSON-escaped in small pieces), never held as
   * a String, an escaped copy or a byte array of the whole line. The bytes are the same as {@link
   * #response}'s. {@code m.body()} is not used.
   */
  public static SpiderProcess.Line response(ResponseMessage m, Body body) {
    return out -> {
      try (JsonGenerator g = Json.pythonStyle(Json.MAPPER.getFactory().createGenerator(out))) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.writeStartObject();
        writeResponse(g, m, body);
        g.writeEndObject();
      }
    };
  }

  /**
   * The body {@code m} carries (null: JSON null), as {@link #response(ResponseMessage)} writes it.
   */
  public static Body bodyOf(ResponseMessage m) {
    return g -> g.writeString(m.body() == null ? null : m.body().text());
  }

  /** A body of text read from {@code reader} as it is written (closed afterwards). */
  public static Body text(java.util.function.Supplier<java.io.Reader> reader) {
    return g -> {
      try (java.io.Reader r = reader.get()) {
        g.writeString(r, -1);
      }
    };
  }

  /** A body of raw bytes, written as base64 (standard alphabet, padded, no line breaks). */
  public static Body base64(byte[] bytes) {
    return g ->
        g.writeBinary(
            com.fasterxml.jackson.core.Base64Variants.MIME_NO_LINEFEEDS, bytes, 0, bytes.length);
  }

  private static void writeResponse(JsonGenerator g, ResponseMessage m, Body body)
      throws IOException {
    g.writeStringField("url", m.url());
    if (m.selector() != null) {
      g.writeFieldName("body");
      body.write(g);
    }
    writeHeaders(g, m.headers());
    g.writeNumberField("status", m.status());
    g.writeFieldName("meta");
    g.writeObject(m.meta());
    g.writeArrayFieldStart("flags");
    for (String f : m.flags()) {
      g.writeString(f);
    }
    g.writeEndArray();
    if (m.selector() == null) {
      g.writeFieldName("body");
      body.write(g);
    }
    g.writeStringField("id", m.id());
    g.writeStringField("type", m.type());
    if (m.selector() != null) {
      g.writeObjectFieldStart("selector");
      for (Map.Entry<String, List<String>> e : m.selector().entrySet()) {
        writeStrings(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }

  private static void writeHeaders(JsonGenerator g, Map<String, List<String>> headers)
      throws IOException {
    g.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      writeStrings(g, e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.pythonStyle(Json.MAPPER.getFactory().createGenerator(w))) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
