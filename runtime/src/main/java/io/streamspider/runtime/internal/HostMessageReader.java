package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.streamspider.runtime.protocol.ErrorMessage;
import io.streamspider.runtime.protocol.ExceptionMessage;
import io.streamspider.runtime.protocol.Message;
import io.streamspider.runtime.protocol.Ready;
import io.streamspider.runtime.protocol.ResponseBody;
import io.streamspider.runtime.protocol.ResponseMessage;
import io.streamspider.runtime.protocol.UnknownMessage;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses host messages leniently, as real hosts send them (docs/real-host.md "Responses"): fields
 * in any order, unknown fields ignored, headers as {@code {name: [values]}} or plain strings,
 * {@code ready} with {@code "type": "ready"} or {@code "status"}. Produces the {@code
 * runtime.protocol} records: {@link Ready}, {@link ResponseMessage}, {@link ExceptionMessage},
 * {@link ErrorMessage}, and {@link UnknownMessage} for any other type. A response's body is left
 * unread in the line: its {@link ResponseBody} ({@link LineBody}) counts its size and decodes it
 * when the loop asks, straight from the line's buffer, until the next line is read.
 *
 * <p>Limits: strings of any length (a body's size is checked against DOWNLOAD_MAXSIZE by the loop,
 * not by the parser: Jackson's default stops at 20,000,000 characters), nesting up to {@link
 * #MAX_DEPTH} levels, numbers up to {@link #MAX_NUMBER_LENGTH} characters. A line beyond them is a
 * {@link ProtocolException}, which fails the one request it answers.
 */
public final class HostMessageReader {
  /** As deep as the runtime itself writes (Jackson's write limit) and Python's json can go. */
  static final int MAX_DEPTH = 1000;

  /** Digits of one number; meta values come from the spider's own meta, never this long. */
  static final int MAX_NUMBER_LENGTH = 1000;

  private final JsonFactory json;

  /**
   * @param json the factory to copy; its read limits are replaced by this reader's own
   */
  public HostMessageReader(JsonFactory json) {
    this.json =
        json.copy()
            .setStreamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build());
  }

  /** The factory with this reader's limits. */
  JsonFactory json() {
    return json;
  }

  /** What a line that could not be read still tells: its type and the request it answers. */
  LineSalvage.Found salvage(LineReader line) {
    LineReader.BigLine big = line.big();
    if (big == null) {
      return LineSalvage.scan(json, line.buffer(), line.offset(), line.length());
    }
    LineSalvage s = new LineSalvage();
    big.scan(
        0,
        (b, off, len) -> {
          s.feed(b, off, len);
          return false;
        });
    return s.found(json);
  }

  /**
   * The size in bytes of the body that starts at {@code bodyStart} once decoded: the raw bytes of
   * base64, the UTF-8 bytes of text. Counted without decoding, so an oversized body is refused
   * before it costs memory.
   */
  long bodySize(LineReader line, int bodyStart, boolean base64) {
    StringSize size = new StringSize();
    LineReader.BigLine big = line.big();
    if (big == null) {
      int end = line.offset() + line.length();
      size.feed(line.buffer(), bodyStart + 1, end - bodyStart - 1);
    } else {
      big.scan(bodyStart + 1, size);
    }
    return size.size(base64);
  }

  /**
   * As {@link #bodySize(LineReader, int, boolean)}, for a body in {@code buf} up to {@code end}.
   */
  static long bodySize(byte[] buf, int end, int bodyStart, boolean base64) {
    StringSize size = new StringSize();
    size.feed(buf, bodyStart + 1, end - bodyStart - 1);
    return size.size(base64);
  }

  /** Counts the UTF-8 bytes of a JSON string's content, up to its closing quote. */
  private static final class StringSize implements LineReader.Scanner {
    long bytes;
    int trailingEquals;
    private boolean escape;
    private int hexLeft;
    private int hex;

    long size(boolean base64) {
      return base64 ? bytes / 4 * 3 - Math.min(trailingEquals, 2) : bytes;
    }

    @Override
    public boolean feed(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        byte c = b[i];
        if (hexLeft > 0) {
          hex = hex << 4 | Character.digit(c, 16) & 0xf;
          if (--hexLeft == 0) {
            bytes += hex < 0x80 ? 1 : hex < 0x800 || (hex >= 0xd800 && hex <= 0xdfff) ? 2 : 3;
          }
        } else if (escape) {
          escape = false;
          trailingEquals = 0;
          if (c == 'u') {
            hexLeft = 4;
            hex = 0;
          } else {
            bytes++;
          }
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          return true;
        } else {
          bytes++;
          trailingEquals = c == '=' ? trailingEquals + 1 : 0;
        }
      }
      return false;
    }
  }

  /**
   * A response body left unread in a line: in the reader's current line ({@code line}), or in
   * {@code buf} up to {@code end}. {@code start} is the index of the body's opening quote.
   */
  final class LineBody implements ResponseBody {
    private final LineReader line;
    private final byte[] buf;
    private final int end;
    private final int start;

    LineBody(LineReader line, byte[] buf, int end, int start) {
      this.line = line;
      this.buf = buf;
      this.end = end;
      this.start = start;
    }

    /**
     * This body, independent of the reader's buffer: its bytes to the end of the line, copied (one
     * array copy, no decoding), for a body that is decoded later, if ever. Null for a line too long
     * for the buffer (its chunks are let go once its body is decoded).
     */
    LineBody detach() {
      if (line == null) {
        return this;
      }
      if (line.big() != null) {
        return null;
      }
      int lineEnd = line.offset() + line.length();
      byte[] copy = java.util.Arrays.copyOfRange(line.buffer(), start, lineEnd);
      return new LineBody(null, copy, copy.length, 0);
    }

    @Override
    public long size(boolean base64) {
      return line != null ? bodySize(line, start, base64) : bodySize(buf, end, start, base64);
    }

    @Override
    public long sizeBound(boolean base64) {
      if (line == null) {
        return end - start;
      }
      LineReader.BigLine big = line.big();
      return big != null ? big.length() - start : line.offset() + line.length() - start;
    }

    /**
     * @throws ProtocolException a bad escape, invalid base64, ...
     */
    @Override
    public Object decode(boolean base64) throws ProtocolException {
      return line != null ? body(line, start, base64) : body(buf, start, end, base64);
    }
  }

  /** Off only to compare the two ways in tests: see {@link #plainStringEnd}. */
  boolean skipBodiesFast = true;

  /** Parses the reader's current line. */
  Message read(LineReader line) throws ProtocolException {
    LineReader.BigLine big = line.big();
    if (big == null) {
      return read(line.buffer(), line.offset(), line.length(), line);
    }
    try {
      return read(json.createParser(big.stream(0)), line, null, 0, 0, false);
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException e) {
      throw new ProtocolException("invalid JSON: " + describe(e));
    }
  }

  /** Parses one line; a line that is not a JSON object is a {@link ProtocolException}. */
  Message read(byte[] buf, int off, int len) throws ProtocolException {
    return read(buf, off, len, null);
  }

  private Message read(byte[] buf, int off, int len, LineReader line) throws ProtocolException {
    try {
      if (skipBodiesFast) {
        try {
          return read(json.createParser(buf, off, len), line, buf, off + len, off, true);
        } catch (IOException | Redo e) {
          // a fault after a body skipped by the fast path (or a second body): read again the
          // ordinary way, so the error and its byte offset are the ones Jackson gives for the line
        }
      }
      return read(json.createParser(buf, off, len), line, buf, off + len, off, false);
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException e) {
      throw new ProtocolException("invalid JSON: " + describe(e));
    }
  }

  /** The line must be read again without the fast path (a second {@code body} after one). */
  private static final class Redo extends RuntimeException {
    Redo() {
      super(null, null, false, false);
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';

  /**
   * The index of the closing quote of the JSON string whose content starts at {@code from}, if that
   * content is ASCII without control characters, with valid escapes; else -1 (anything else:
   * non-ASCII bytes, control characters, a bad escape, no closing quote before {@code to}). Eight
   * bytes at a time where none of them is special. Such a string is one Jackson's parser accepts as
   * it is, so the reader can step over a body this way instead of letting the parser skip it byte
   * by byte (on a 20 KB page that skip was a fifth of the spider's CPU).
   */
  static int plainStringEnd(byte[] b, int from, int to) {
    int i = from;
    while (true) {
      for (; i + 8 <= to; i += 8) {
        long v = (long) LONGS.get(b, i);
        long quote = v ^ QUOTES;
        long backslash = v ^ BACKSLASHES;
        // the high bit of each byte that is 0x80 or more, under 0x20, a quote or a backslash; a
        // borrow can mark a byte above a marked one too, never below: the lowest mark is exact
        long special =
            (v
                    | ((v - ONES * 0x20) & ~v)
                    | ((quote - ONES) & ~quote)
                    | ((backslash - ONES) & ~backslash))
                & HIGHS;
        if (special != 0) {
          i += Long.numberOfTrailingZeros(special) >>> 3; // the first special byte
          break;
        }
      }
      if (i >= to) {
        return -1;
      }
      int c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20) { // a control character, or (a negative byte) not ASCII
        return -1;
      }
      if (c == '\\') {
        if (i + 1 >= to) {
          return -1;
        }
        switch (b[i + 1]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
          case 'u' -> {
            if (i + 6 > to
                || !isHex(b[i + 2])
                || !isHex(b[i + 3])
                || !isHex(b[i + 4])
                || !isHex(b[i + 5])) {
              return -1;
            }
            i += 6;
          }
          default -> {
            return -1;
          }
        }
      } else {
        i++;
      }
    }
  }

  private static boolean isHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * After a body stepped over by {@link #plainStringEnd} (its closing quote at {@code close}): a
   * parser of the rest of the object, as a new object, or null where the fast path does not apply
   * (the rest is not {@code , "name"...}); the parser at {@code END_OBJECT} when the body was the
   * last field.
   */
  private JsonParser restOfObject(byte[] b, int close, int end) throws IOException {
    int k = close + 1;
    while (k < end && isJsonSpace(b[k])) {
      k++;
    }
    if (k < end && b[k] == '}') {
      JsonParser p = json.createParser(new byte[] {'{', '}'});
      p.nextToken();
      return p;
    }
    if (k >= end || b[k] != ',') {
      return null;
    }
    int name = k + 1;
    while (name < end && isJsonSpace(b[name])) {
      name++;
    }
    if (name >= end || b[name] != '"') {
      return null; // a trailing comma and other faults: the ordinary parse reports them
    }
    byte[] rest = new byte[end - k];
    rest[0] = '{';
    System.arraycopy(b, k + 1, rest, 1, end - k - 1);
    JsonParser p = json.createParser(rest);
    p.nextToken(); // START_OBJECT
    return p;
  }

  private static boolean isJsonSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * The body of a response refers to {@code line}, or else to {@code buf} up to {@code end}. With
   * {@code fast}, a body in {@code buf} is stepped over by {@link #plainStringEnd} where it can be,
   * and the rest of the object read by a parser of its own.
   */
  private Message read(
      JsonParser parser, LineReader line, byte[] buf, int end, int off, boolean fast)
      throws IOException {
    JsonParser p = parser;
    boolean switched = false;
    try {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ProtocolException("not a JSON object");
      }
      String type = null;
      String status = null;
      JsonToken statusToken = null;
      String id = null;
      String url = null;
      int httpStatus = 0;
      Map<String, List<String>> headers = null;
      Map<String, Object> meta = null;
      List<String> flags = null;
      Map<String, List<String>> selector = null;
      int bodyStart = -1;
      String received = null;
      String exception = null;
      String details = null;
      boolean frontier = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "type" -> type = text(p, t, field);
          case "status" -> {
            // a ready message's status is a word, a response's an integer: decided by type below
            statusToken = t;
            if (t == JsonToken.VALUE_NUMBER_INT) {
              httpStatus = p.getIntValue();
            } else if (t.isStructStart()) {
              p.skipChildren();
              status = t == JsonToken.START_OBJECT ? "an object" : "an array";
            } else {
              status = p.getText();
            }
          }
          case "id" -> id = text(p, t, field);
          case "url" -> url = text(p, t, field);
          case "headers" -> headers = readHeaders(p, t);
          case "meta" -> meta = t == JsonToken.VALUE_NULL ? null : asMap(readValue(p, t), field);
          case "flags" -> flags = t == JsonToken.VALUE_NULL ? null : readStrings(p, t, field);
          case "selector" -> selector = readSelector(p, t);
          case "body" -> {
            if (switched) {
              throw new Redo(); // offsets in the rest's parser are not the line's
            }
            if (t == JsonToken.VALUE_STRING) {
              // left unread: decoded once the id says whether it is base64
              bodyStart = off + (int) p.currentTokenLocation().getByteOffset();
              if (fast && buf != null) {
                int close = plainStringEnd(buf, bodyStart + 1, end);
                JsonParser rest = close < 0 ? null : restOfObject(buf, close, end);
                if (rest != null) {
                  p.close();
                  p = rest;
                  switched = true;
                }
              }
            } else if (t != JsonToken.VALUE_NULL) {
              throw new ProtocolException("field body must be a string");
            }
          }
          case "received_message" -> received = text(p, t, field);
          case "exception" -> exception = text(p, t, field);
          case "details" -> details = text(p, t, field);
          case "frontier" -> {
            frontier = t == JsonToken.VALUE_TRUE; // the embedded host's frontier mode
            p.skipChildren();
          }
          default -> p.skipChildren();
        }
      }
      if (type == null) {
        throw new ProtocolException("message has no type");
      }
      switch (type) {
        case "ready":
          return new Ready(status, frontier);
        case "status":
          if ("ready".equals(status)) {
            return new Ready(status);
          }
          return new UnknownMessage(type);
        case "response":
        case "response_selector":
          if (id == null) {
            throw new ProtocolException(type + " has no id");
          }
          if ("response_selector".equals(type) && selector == null) {
            selector = Map.of();
          }
          String statusString = null;
          if (statusToken == JsonToken.VALUE_STRING && status.strip().matches("[0-9]{1,9}")) {
            statusString = status; // an older or foreign host: taken, with a warning by the loop
            httpStatus = Integer.parseInt(status.strip());
          } else if (statusToken != null
              && statusToken != JsonToken.VALUE_NUMBER_INT
              && statusToken != JsonToken.VALUE_NULL) {
            throw new ProtocolException(
                "field status must be an HTTP status code, got "
                    + (statusToken == JsonToken.VALUE_STRING ? "\"" + status + "\"" : status));
          }
          return new ResponseMessage(
              id,
              url,
              httpStatus,
              statusString,
              headers,
              bodyStart < 0 ? null : new LineBody(line, buf, end, bodyStart),
              meta,
              flags,
              selector);
        case "exception":
          return new ExceptionMessage(received, exception);
        case "error":
          return new ErrorMessage(received, details);
        default:
          return new UnknownMessage(type);
      }
    } catch (ProtocolException e) {
      if (switched) {
        throw new Redo(); // the same fault, found by the ordinary parse, with its offsets
      }
      throw e;
    } finally {
      p.close();
    }
  }

  /** Jackson's text without its source excerpt, with the byte offset in the line. */
  static String describe(IOException e) {
    return describe(e, "line");
  }

  /** Jackson's text without its source excerpt, with the byte offset in {@code of}. */
  static String describe(IOException e, String of) {
    if (e instanceof JsonProcessingException j) {
      JsonLocation at = j.getLocation();
      String where =
          at != null && at.getByteOffset() >= 0
              ? " (at byte " + at.getByteOffset() + " of the " + of + ")"
              : "";
      return j.getOriginalMessage() + where;
    }
    return e.getMessage();
  }

  /**
   * Decodes the body of the reader's current line; see {@link #body(byte[], int, int, boolean)}.
   */
  Object body(LineReader line, int bodyStart, boolean base64) throws ProtocolException {
    LineReader.BigLine big = line.big();
    if (big == null) {
      return body(line.buffer(), bodyStart, line.offset() + line.length(), base64);
    }
    try {
      if (base64) {
        long close = big.endOfPlainString(bodyStart + 1);
        if (close < big.length() && big.byteAt(close) == '"') {
          // one exact allocation, decoded straight from the chunks
          long encoded = close - bodyStart - 1;
          int padding = 0;
          for (long i = close - 1; i > bodyStart && big.byteAt(i) == '=' && padding < 2; i--) {
            padding++;
          }
          long size = encoded / 4 * 3 - padding;
          if (encoded % 4 != 0 || size > Integer.MAX_VALUE - 16) {
            throw new ProtocolException("body is not valid base64: length " + encoded);
          }
          byte[] out = new byte[(int) size];
          java.io.InputStream raw = big.stream(bodyStart + 1);
          java.io.InputStream bounded =
              new java.io.FilterInputStream(raw) {
                private long left = encoded;

                @Override
                public int read() throws IOException {
                  return left-- > 0 ? super.read() : -1;
                }

                @Override
                public int read(byte[] b, int o, int l) throws IOException {
                  if (left <= 0) {
                    return -1;
                  }
                  int n = super.read(b, o, (int) Math.min(l, left));
                  left -= Math.max(n, 0);
                  return n;
                }
              };
          try (java.io.InputStream dec = Base64.getDecoder().wrap(bounded)) {
            int n = dec.readNBytes(out, 0, out.length);
            if (n != out.length || dec.read() != -1) {
              throw new ProtocolException("body is not valid base64");
            }
          }
          return out;
        }
      }
      try (JsonParser p = json.createParser(big.stream(bodyStart))) {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new ProtocolException("field body must be a string");
        }
        return base64 ? p.getBinaryValue() : p.getText();
      }
    } catch (ProtocolException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("body is not valid base64: " + e.getMessage());
    } catch (IOException e) {
      throw new ProtocolException("invalid body: " + describe(e, "body"));
    }
  }

  /** Decodes a body left unread by {@link #read}: text, or base64 into bytes. */
  Object body(byte[] buf, int bodyStart, int end, boolean base64) throws ProtocolException {
    try {
      if (base64) {
        // fast path: an escape-free string decodes straight from the line, one allocation
        int close = bodyStart + 1;
        while (close < end && buf[close] != '"' && buf[close] != '\\') {
          close++;
        }
        if (close < end && buf[close] == '"') {
          ByteBuffer out =
              Base64.getDecoder()
                  .decode(ByteBuffer.wrap(buf, bodyStart + 1, close - bodyStart - 1));
          byte[] a = out.array();
          return out.arrayOffset() == 0 && out.remaining() == a.length
              ? a
              : java.util.Arrays.copyOfRange(
                  a, out.arrayOffset() + out.position(), out.arrayOffset() + out.limit());
        }
      }
      try (JsonParser p = json.createParser(buf, bodyStart, end - bodyStart)) {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new ProtocolException("field body must be a string");
        }
        return base64 ? p.getBinaryValue() : p.getText();
      }
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("body is not valid base64: " + e.getMessage());
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException e) {
      throw new ProtocolException("invalid body: " + describe(e, "body"));
    }
  }

  /** The string {@code body} of a line as text (used for log text of odd lines). */
  static String preview(byte[] buf, int off, int len) {
    int n = Math.min(len, 300);
    return new String(buf, off, n, StandardCharsets.UTF_8) + (len > n ? "..." : "");
  }

  private static String text(JsonParser p, JsonToken t, String field) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!t.isScalarValue()) {
      throw new ProtocolException("field " + field + " must be a string");
    }
    return p.getText();
  }

  private static Map<String, List<String>> readHeaders(JsonParser p, JsonToken t)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new ProtocolException("field headers must be an object");
    }
    Map<String, List<String>> h = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_ARRAY) {
        List<String> values = new ArrayList<>(1);
        JsonToken x;
        while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
          if (x.isStructStart()) {
            throw new ProtocolException("header " + name + ": each value must be a string");
          }
          values.add(p.getText());
        }
        h.put(name, values);
      } else if (v.isScalarValue()) {
        h.put(name, List.of(p.getText())); // older hosts send a plain string
      } else {
        throw new ProtocolException("header " + name + " must be a string or an array");
      }
    }
    return h;
  }

  private static Map<String, List<String>> readSelector(JsonParser p, JsonToken t)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw new ProtocolException("field selector must be an object");
    }
    Map<String, List<String>> s = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_ARRAY) {
        s.put(name, readStrings(p, v, "selector." + name));
      } else if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
        s.put(name, List.of(p.getText()));
      } else {
        s.put(name, List.of());
        p.skipChildren();
      }
    }
    return s;
  }

  private static List<String> readStrings(JsonParser p, JsonToken t, String field)
      throws IOException {
    if (t != JsonToken.START_ARRAY) {
      throw new ProtocolException("field " + field + " must be an array");
    }
    List<String> out = new ArrayList<>();
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      if (v.isStructStart()) {
        p.skipChildren();
        continue;
      }
      out.add(p.getText());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object v, String field) throws ProtocolException {
    if (!(v instanceof Map)) {
      throw new ProtocolException("field " + field + " must be an object");
    }
    return (Map<String, Object>) v;
  }

  /**
   * Reads any JSON value into Map / List / String / Long / Double / BigInteger / Boolean / null.
   */
  static Object readValue(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            m.put(k, readValue(p, p.nextToken()));
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          JsonToken x;
          while ((x = p.nextToken()) != JsonToken.END_ARRAY) {
            l.add(readValue(p, x));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new ProtocolException("unexpected token " + t);
    }
  }
}
