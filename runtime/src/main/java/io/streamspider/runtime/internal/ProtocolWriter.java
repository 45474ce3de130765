package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.protocol.CloseMessage;
import io.streamspider.runtime.protocol.LogMessage;
import io.streamspider.runtime.protocol.Message;
import io.streamspider.runtime.protocol.ProcessedMessage;
import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one writer of protocol lines. Each message is validated and rendered into a buffer first,
 * then written as one line and flushed: the real host kills the spider on an invalid message
 * (docs/real-host.md "Fatal conditions"), so a half-written or invalid line never leaves.
 */
public final class ProtocolWriter {
  private static final Set<String> LEVELS = Set.of("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG");
  private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final OutputStream out;
  private final JsonFactory json;
  private final Supplier<ObjectMapper> mapper;
  private final Buffer buffer = new Buffer();
  private final List<byte[]> beforeReady = new ArrayList<>();
  private boolean ready;
  private boolean broken;

  /**
   * @param mapper renders meta values that are not plain JSON values (made on first use)
   */
  public ProtocolWriter(OutputStream out, JsonFactory json, Supplier<ObjectMapper> mapper) {
    this.out = out;
    this.json = json;
    this.mapper = mapper;
  }

  /** Thrown when a message is invalid; nothing was written. */
  public static final class InvalidMessageException extends Exception {
    InvalidMessageException(String message) {
      super(message);
    }
  }

  /**
   * Validates and writes one message as one line, flushed.
   *
   * @throws InvalidMessageException naming the invalid field; nothing was written
   * @throws IOException when the host's end of stdout is gone
   */
  public synchronized void write(Message message) throws InvalidMessageException, IOException {
    buffer.reset();
    try (JsonGenerator g = json.createGenerator(buffer)) {
      render(g, message);
    } catch (InvalidMessageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidMessageException(
          message.type() + " message cannot be written as JSON: " + e.getMessage());
    }
    buffer.write('\n');
    if (!ready && message instanceof LogMessage) {
      // the host reads nothing before it said ready; keep early log lines for then
      beforeReady.add(buffer.toByteArray());
      return;
    }
    emit(buffer.bytes(), buffer.size());
  }

  /** The host said ready: lines held back before it are written now. */
  public synchronized void markReady() throws IOException {
    ready = true;
    for (byte[] line : beforeReady) {
      emit(line, line.length);
    }
    beforeReady.clear();
  }

  /**
   * Ends the protocol output without {@code close}: the host sees the spider's stdout end, its sign
   * of a spider that stopped without finishing. Later writes fail.
   */
  public synchronized void end() {
    broken = true;
    try {
      out.close();
    } catch (IOException e) {
      // the host's end is gone already
    }
  }

  private void emit(byte[] bytes, int len) throws IOException {
    if (broken) {
      throw new IOException("the host's end of stdout is closed");
    }
    try {
      out.write(bytes, 0, len);
      out.flush();
    } catch (IOException e) {
      broken = true;
      throw e;
    }
  }

  private void render(JsonGenerator g, Message message)
      throws IOException, InvalidMessageException {
    g.writeStartObject();
    g.writeStringField("type", message.type());
    if (message instanceof SpiderMessage m) {
      g.writeStringField("name", required(m.name(), "spider", "name"));
      if (m.name().isEmpty()) {
        throw new InvalidMessageException("spider message: name is empty");
      }
      g.writeFieldName("start_urls");
      writeStrings(g, m.startUrls() == null ? List.of() : m.startUrls(), "spider", "start_urls");
      if (m.allowedDomains() != null) {
        g.writeFieldName("allowed_domains");
        writeStrings(g, m.allowedDomains(), "spider", "allowed_domains");
      }
      if (m.customSettings() != null) {
        g.writeFieldName("custom_settings");
        writeValue(g, m.customSettings());
      }
      if (Boolean.TRUE.equals(m.frontier())) {
        g.writeBooleanField("frontier", true);
      }
    } else if (message instanceof LogMessage m) {
      g.writeStringField("message", required(m.message(), "log", "message"));
      String level = required(m.level(), "log", "level");
      if (!LEVELS.contains(level)) {
        throw new InvalidMessageException(
            "log message: level must be one of " + LEVELS + ", got " + level);
      }
      g.writeStringField("level", level);
    } else if (message instanceof RequestMessage m) {
      renderRequest(g, m);
    } else if (message instanceof ProcessedMessage m) {
      String id = required(m.id(), "processed", "id");
      if (id.isEmpty()) {
        throw new InvalidMessageException("processed message: id is empty");
      }
      g.writeStringField("id", id);
    } else if (!(message instanceof CloseMessage)) {
      throw new InvalidMessageException(message.type() + " is not a message a spider sends");
    }
    g.writeEndObject();
  }

  private void renderRequest(JsonGenerator g, RequestMessage m)
      throws IOException, InvalidMessageException {
    String what = m.type() + " message";
    String id = required(m.id(), what, "id");
    if (id.isEmpty()) {
      throw new InvalidMessageException(what + ": id is empty");
    }
    g.writeStringField("id", id);
    String url = required(m.url(), what, "url");
    if (url.isBlank()) {
      throw new InvalidMessageException(what + " " + id + ": url is empty");
    }
    g.writeStringField("url", url);
    if (m.base64() != null) {
      if (m.kind() == RequestMessage.Kind.SELECTOR_REQUEST) {
        // the host rejects the field on selector_request (docs/real-host.md "A sticky base64 flag")
        throw new InvalidMessageException(
            what + " " + id + ": selector_request cannot carry base64");
      }
      g.writeBooleanField("base64", m.base64());
    }
    if (m.method() != null) {
      if (!METHOD.matcher(m.method()).matches()) {
        throw new InvalidMessageException(what + " " + id + ": invalid method " + m.method());
      }
      g.writeStringField("method", m.method());
    }
    if (m.meta() != null) {
      g.writeFieldName("meta");
      writeValue(g, m.meta());
    }
    if (m.body() != null) {
      g.writeStringField("body", m.body());
    }
    if (m.headers() != null) {
      g.writeObjectFieldStart("headers");
      for (Map.Entry<String, List<String>> e : m.headers().entrySet()) {
        if (e.getKey() == null || e.getValue() == null || e.getValue().contains(null)) {
          throw new InvalidMessageException(what + " " + id + ": null header name or value");
        }
        g.writeFieldName(e.getKey());
        if (e.getValue().size() == 1) {
          g.writeString(e.getValue().get(0));
        } else {
          writeStrings(g, e.getValue(), what, "headers");
        }
      }
      g.writeEndObject();
    }
    if (m.cookies() != null) {
      g.writeFieldName("cookies");
      writeCookies(g, m.cookies(), what + " " + id);
    }
    if (m.encoding() != null) {
      g.writeStringField("encoding", m.encoding());
    }
    if (m.priority() != null) {
      g.writeNumberField("priority", m.priority());
    }
    if (m.dontFilter() != null) {
      g.writeBooleanField("dont_filter", m.dontFilter());
    }
    switch (m.kind()) {
      case FROM_RESPONSE_REQUEST -> {
        if (m.fromResponseRequest() == null) {
          throw new InvalidMessageException(what + " " + id + ": from_response_request is missing");
        }
        if (m.selector() != null) {
          throw new InvalidMessageException(what + " " + id + ": cannot carry a selector");
        }
        g.writeFieldName("from_response_request");
        writeForm(g, m.fromResponseRequest());
      }
      case SELECTOR_REQUEST -> {
        if (m.selector() == null || m.selector().isEmpty()) {
          throw new InvalidMessageException(what + " " + id + ": selector is missing or empty");
        }
        if (m.fromResponseRequest() != null) {
          throw new InvalidMessageException(
              what + " " + id + ": cannot carry from_response_request");
        }
        g.writeObjectFieldStart("selector");
        for (Map.Entry<String, SelectorSpec> e : m.selector().entrySet()) {
          SelectorSpec s = e.getValue();
          if (e.getKey() == null || s == null) {
            throw new InvalidMessageException(what + " " + id + ": null selector field");
          }
          g.writeObjectFieldStart(e.getKey());
          g.writeStringField("type", s.type().wire());
          g.writeStringField("filter", s.filter());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      case REQUEST -> {
        if (m.selector() != null || m.fromResponseRequest() != null) {
          throw new InvalidMessageException(
              what + " " + id + ": a plain request carries no selector or form");
        }
      }
    }
  }

  private void writeForm(JsonGenerator g, FormSpec f) throws IOException, InvalidMessageException {
    g.writeStartObject();
    if (f.formname() != null) {
      g.writeStringField("formname", f.formname());
    }
    if (f.formxpath() != null) {
      g.writeStringField("formxpath", f.formxpath());
    }
    if (f.formcss() != null) {
      g.writeStringField("formcss", f.formcss());
    }
    if (f.formnumber() != null) {
      g.writeNumberField("formnumber", f.formnumber());
    }
    if (f.formdata() != null) {
      g.writeFieldName("formdata");
      writeValue(g, f.formdata());
    }
    if (f.clickdata() != null) {
      g.writeFieldName("clickdata");
      writeValue(g, f.clickdata());
    }
    if (f.dontClick() != null) {
      g.writeBooleanField("dont_click", f.dontClick());
    }
    g.writeEndObject();
  }

  private void writeCookies(JsonGenerator g, Object cookies, String what)
      throws IOException, InvalidMessageException {
    if (cookies instanceof Map<?, ?> m) {
      writeStringMap(g, m, what);
    } else if (cookies instanceof List<?> l) {
      g.writeStartArray();
      for (Object c : l) {
        if (!(c instanceof Map<?, ?> m)) {
          throw new InvalidMessageException(
              what + ": each cookie of the list form must be an object");
        }
        writeStringMap(g, m, what);
      }
      g.writeEndArray();
    } else {
      throw new InvalidMessageException(
          what + ": cookies must be an object or an array of objects");
    }
  }

  private static void writeStringMap(JsonGenerator g, Map<?, ?> m, String what)
      throws IOException, InvalidMessageException {
    g.writeStartObject();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
        throw new InvalidMessageException(what + ": cookie names and values must be strings");
      }
      g.writeStringField(k, v);
    }
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, List<String> values, String what, String field)
      throws IOException, InvalidMessageException {
    g.writeStartArray();
    for (String s : values) {
      if (s == null) {
        throw new InvalidMessageException(what + ": " + field + " holds a null");
      }
      g.writeString(s);
    }
    g.writeEndArray();
  }

  /** Plain JSON values directly; anything else through Jackson databind. */
  private void writeValue(JsonGenerator g, Object v) throws IOException, InvalidMessageException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new InvalidMessageException("meta value " + d + " is not a JSON number");
      }
      g.writeNumber(d);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new InvalidMessageException("object keys must be strings, got " + e.getKey());
        }
        g.writeFieldName(k);
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Iterable<?> it) {
      g.writeStartArray();
      Iterator<?> i = it.iterator();
      while (i.hasNext()) {
        writeValue(g, i.next());
      }
      g.writeEndArray();
    } else {
      g.writeTree(mapper.get().valueToTree(v));
    }
  }

  private static String required(String v, String what, String field)
      throws InvalidMessageException {
    if (v == null) {
      throw new InvalidMessageException(what + ": required field " + field + " is missing");
    }
    return v;
  }

  /** A ByteArrayOutputStream whose array can be written without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(8192);
    }

    byte[] bytes() {
      return buf;
    }

    @Override
    public synchronized void reset() {
      if (buf.length > (1 << 20)) {
        buf = new byte[8192];
      }
      super.reset();
    }
  }
}
