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
 * Host → spider lines, laid out as the real host writes them (json.dumps with its field order:
 * see {@code shared/fixtures}). Every line is ASCII.
 */
public final class Outbound {
  private Outbound() {}

  /** Protocol, section "ready". */
  public static String ready() {
    return write(g -> {
      g.writeStringField("type", "ready");
      g.writeStringField("status", "ready");
    });
  }

  /** Protocol, section "error". */
  public static String error(ErrorMessage m) {
    return write(g -> {
      g.writeStringField("type", "error");
      g.writeStringField("received_message", m.receivedMessage());
      g.writeStringField("details", m.details());
    });
  }

  /** Protocol, section "exception". */
  public static String exception(ExceptionMessage m) {
    return write(g -> {
      g.writeStringField("type", "exception");
      g.writeStringField("received_message", m.receivedMessage());
      g.writeStringField("exception", m.exception());
    });
  }

  /** Protocol, sections "response" and "response_selector". */
  public static String response(ResponseMessage m) {
    return write(g -> {
      g.writeStringField("url", m.url());
      if (m.selector() != null) {
        g.writeStringField("body", m.body());
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
        g.writeStringField("body", m.body());
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
    });
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
