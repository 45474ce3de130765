package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import io.streamspider.runtime.protocol.Message;
import io.streamspider.runtime.protocol.Ready;
import io.streamspider.runtime.protocol.ResponseMessage;
import io.streamspider.runtime.protocol.UnknownMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostMessageReaderTest {
  private final HostMessageReader reader = new HostMessageReader(new JsonFactory());

  /** Reads {@code text} as the nth line of a stream, so offsets inside the buffer are exercised. */
  private Message readAsLine(String text, LineReader lines) throws Exception {
    assertTrue(lines.next());
    return reader.read(lines.buffer(), lines.offset(), lines.length());
  }

  @Test
  void responseFieldsInAnyOrderWithPlainStringHeadersAndUnknownFields() throws Exception {
    String first = "{\"type\": \"ready\"}";
    String second =
        "{\"body\": \"<p>\\u00e9\\\"</p>\", \"unknown\": {\"x\": [1]}, \"headers\": {\"A\": \"b\","
            + " \"C\": [\"d\", \"e\"]}, \"meta\": {\"n\": 1, \"f\": 0.5, \"l\": [true, null]},"
            + " \"flags\": [\"cached\"], \"status\": 404, \"url\": \"http://x/\", \"id\": \"p#1\","
            + " \"type\": \"response\"}";
    LineReader lines =
        new LineReader(
            new ByteArrayInputStream(
                (first + "\r\n" + second + "\n").getBytes(StandardCharsets.UTF_8)));
    assertInstanceOf(Ready.class, readAsLine(first, lines));
    ResponseMessage r = (ResponseMessage) readAsLine(second, lines);
    assertEquals("p#1", r.id());
    assertEquals(404, r.status());
    assertEquals(List.of("b"), r.headers().get("A"));
    assertEquals(List.of("d", "e"), r.headers().get("C"));
    assertEquals(1, ((Number) r.meta().get("n")).intValue());
    assertEquals(List.of("cached"), r.flags());
    assertEquals("<p>\u00e9\"</p>", r.body().decode(false));
    assertEquals("<p>\u00e9\"</p>".getBytes(StandardCharsets.UTF_8).length, r.body().size(false));
  }

  @Test
  void base64BodyDecodesOnTheFastPathAndWithEscapes() throws Exception {
    byte[] data = {0, 1, 2, (byte) 250, 'x'};
    String b64 = java.util.Base64.getEncoder().encodeToString(data);
    for (String encoded : List.of(b64, b64.replace("/", "\\/"))) {
      String line = "{\"type\": \"response\", \"id\": \"i#1\", \"body\": \"" + encoded + "\"}\n";
      LineReader lines =
          new LineReader(
              new ByteArrayInputStream(("\n" + line).getBytes(StandardCharsets.US_ASCII)));
      lines.next(); // an empty first line
      assertTrue(lines.next());
      ResponseMessage r =
          (ResponseMessage) reader.read(lines.buffer(), lines.offset(), lines.length());
      assertArrayEquals(data, (byte[]) r.body().decode(true));
      assertEquals(data.length, r.body().size(true));
    }
  }

  @Test
  void bigLinesDecodeFromChunksAsTextAndAsBase64() throws Exception {
    byte[] data = new byte[3 * LineReader.BIG + 12345];
    new java.util.Random(5).nextBytes(data);
    String b64 = java.util.Base64.getEncoder().encodeToString(data);
    String text = "caf\\u00e9 \\\"quoted\\\" ".repeat(LineReader.BIG / 10); // JSON-escaped
    String lines =
        "{\"body\": \""
            + b64
            + "\", \"id\": \"b#1\", \"type\": \"response\"}\n"
            + "{\"type\": \"response\", \"id\": \"t#2\", \"body\": \""
            + text
            + "\"}\n{\"type\": \"ready\"}\n";
    LineReader r = new LineReader(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
    assertTrue(r.next());
    ResponseMessage b = (ResponseMessage) reader.read(r);
    assertEquals("b#1", b.id());
    assertArrayEquals(data, (byte[]) b.body().decode(true));
    assertEquals(data.length, b.body().size(true));
    assertTrue(r.next());
    ResponseMessage t = (ResponseMessage) reader.read(r);
    assertEquals("caf\u00e9 \"quoted\" ".repeat(LineReader.BIG / 10), t.body().decode(false));
    assertTrue(r.next());
    assertInstanceOf(Ready.class, reader.read(r));
  }

  @Test
  void badLinesAreProtocolExceptionsNamingTheProblem() {
    byte[] notJson = "hello".getBytes(StandardCharsets.UTF_8);
    assertTrue(
        assertThrows(ProtocolException.class, () -> reader.read(notJson, 0, notJson.length))
            .getMessage()
            .startsWith("invalid JSON"));
    byte[] noType = "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "message has no type",
        assertThrows(ProtocolException.class, () -> reader.read(noType, 0, noType.length))
            .getMessage());
    byte[] badHeaders =
        "{\"type\": \"response\", \"id\": \"x\", \"headers\": [1]}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "field headers must be an object",
        assertThrows(ProtocolException.class, () -> reader.read(badHeaders, 0, badHeaders.length))
            .getMessage());
    byte[] array = "[1]".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "not a JSON object",
        assertThrows(ProtocolException.class, () -> reader.read(array, 0, array.length))
            .getMessage());
  }

  @Test
  void aNumericStringStatusIsTakenAndAnyOtherIsAnError() throws Exception {
    byte[] quoted =
        "{\"type\": \"response\", \"id\": \"x\", \"status\": \"404\"}"
            .getBytes(StandardCharsets.UTF_8);
    ResponseMessage r = (ResponseMessage) reader.read(quoted, 0, quoted.length);
    assertEquals(404, r.status());
    assertEquals("404", r.statusText());
    byte[] word =
        "{\"status\": \"OK\", \"type\": \"response\", \"id\": \"x\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "field status must be an HTTP status code, got \"OK\"",
        assertThrows(ProtocolException.class, () -> reader.read(word, 0, word.length))
            .getMessage());
    byte[] ready = "{\"status\": \"ready\", \"type\": \"status\"}".getBytes(StandardCharsets.UTF_8);
    assertInstanceOf(
        Ready.class,
        reader.read(ready, 0, ready.length),
        "the draft's ready keeps its word status");
  }

  @Test
  void readyAnnouncesFrontierModeOnlyWithFrontierTrue() throws Exception {
    for (String[] c :
        new String[][] {
          {"{\"type\": \"ready\", \"status\": \"ready\", \"frontier\": true}", "true"},
          {"{\"frontier\": {\"x\": [true]}, \"type\": \"ready\"}", "false"},
          {"{\"type\": \"ready\", \"frontier\": \"true\"}", "false"},
          {"{\"type\": \"ready\", \"status\": \"ready\"}", "false"}
        }) {
      byte[] line = c[0].getBytes(StandardCharsets.UTF_8);
      Ready r = (Ready) reader.read(line, 0, line.length);
      assertEquals(Boolean.parseBoolean(c[1]), r.frontier(), c[0]);
    }
  }

  @Test
  void stringsHaveNoLengthLimitButNestingAndNumbersDo() throws Exception {
    String longText = "x".repeat(20_000_001);
    byte[] line =
        ("{\"type\": \"response\", \"id\": \"x\", \"body\": \"" + longText + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    ResponseMessage r = (ResponseMessage) reader.read(line, 0, line.length);
    assertEquals(longText.length(), ((String) r.body().decode(false)).length());
    byte[] deep =
        ("{\"type\": \"response\", \"id\": \"x\", \"meta\": {\"a\": "
                + "[".repeat(1001)
                + "]".repeat(1001)
                + "}}")
            .getBytes(StandardCharsets.UTF_8);
    assertTrue(
        assertThrows(ProtocolException.class, () -> reader.read(deep, 0, deep.length))
            .getMessage()
            .contains("nesting depth"));
    byte[] number =
        ("{\"type\": \"response\", \"id\": \"x\", \"meta\": {\"n\": " + "9".repeat(1001) + "}}")
            .getBytes(StandardCharsets.UTF_8);
    assertTrue(
        assertThrows(ProtocolException.class, () -> reader.read(number, 0, number.length))
            .getMessage()
            .contains("Number value length"));
  }

  @Test
  void unknownTypesAreReportedNotFatal() throws Exception {
    byte[] l = "{\"type\": \"item_response\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(new UnknownMessage("item_response"), reader.read(l, 0, l.length));
    byte[] status = "{\"type\": \"status\", \"status\": \"busy\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(new UnknownMessage("status"), reader.read(status, 0, status.length));
  }

  @Test
  void aResponseWithoutBodyHasNone() throws Exception {
    byte[] l =
        "{\"type\": \"response\", \"id\": \"x\", \"body\": null}".getBytes(StandardCharsets.UTF_8);
    assertEquals(null, ((ResponseMessage) reader.read(l, 0, l.length)).body());
  }

  /** The lines of {@code bodies} as responses, each body's raw bytes placed between quotes. */
  private static LineReader responseLines(List<byte[]> bodies) throws Exception {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < bodies.size(); i++) {
      all.write(("{\"type\": \"response\", \"id\": \"r#" + i + "\", \"body\": \"").getBytes());
      all.write(bodies.get(i));
      all.write("\", \"meta\": {\"request_id\": \"r#1\"}, \"url\": \"http://x/\"}\n".getBytes());
    }
    return new LineReader(new ByteArrayInputStream(all.toByteArray()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1); // one byte per char: raw bytes as written
  }

  @Test
  void aDetachedBodyIsACopyThatOutlivesTheLineBuffer() throws Exception {
    String json = "caf\\u00e9 \\\"q\\\" \\ud83d\\ude00 \u00c3\u00a9 \\n<p>";
    LineReader lines = responseLines(List.of(bytes(json), bytes("second")));
    assertTrue(lines.next());
    ResponseMessage r = (ResponseMessage) reader.read(lines);
    HostMessageReader.LineBody detached = ((HostMessageReader.LineBody) r.body()).detach();
    // the reader's buffer is reused for the lines that follow: the copy must not depend on it
    java.util.Arrays.fill(lines.buffer(), (byte) 'x');
    assertEquals("caf\u00e9 \"q\" \ud83d\ude00 \u00e9 \n<p>", detached.decode(false));
    assertEquals(
        "caf\u00e9 \"q\" \ud83d\ude00 \u00e9 \n<p>".getBytes(StandardCharsets.UTF_8).length,
        detached.size(false));
    assertEquals(detached, detached.detach()); // a copy is detached already
  }

  @Test
  void aTextBodyThatWouldNotDecodeFailsWhenItsLineIsRead() throws Exception {
    // Dispatcher decodes text bodies lazily, after the line is gone: every fault decoding could
    // find must already fail the line's parse, which checks the whole body
    List<String> bad =
        List.of(
            "bad \\q escape",
            "bad \\u12g4 hex",
            "cut \\u12",
            "control \u0001 char",
            "tab \t raw",
            "lone continuation \u0080",
            "cut two-byte \u00c3",
            "cut three-byte \u00e2\u0082",
            "bad three-byte \u00e2\u0028\u00a1",
            "cut four-byte \u00f0\u009f\u0098",
            "bad four-byte \u00f0\u0028\u008c\u00bc",
            "invalid lead \u00ff\u00fe",
            "invalid lead \u00f8\u0088\u0080\u0080\u0080");
    for (String b : bad) {
      LineReader lines = responseLines(List.of(bytes(b)));
      assertTrue(lines.next());
      assertThrows(ProtocolException.class, () -> reader.read(lines), b);
      // and the body alone does not decode either: the parse is at least as strict
      byte[] quoted = bytes("\"" + b + "\"");
      HostMessageReader.LineBody alone = reader.new LineBody(null, quoted, quoted.length, 0);
      assertThrows(ProtocolException.class, () -> alone.decode(false), b);
    }
    List<String> good =
        List.of("", "lone surrogate \\ud800 escape", "nul \\u0000", "\u00f0\u009f\u0098\u0080");
    for (String g : good) {
      LineReader lines = responseLines(List.of(bytes(g)));
      assertTrue(lines.next());
      ResponseMessage r = (ResponseMessage) reader.read(lines);
      Object eager = r.body().decode(false);
      assertEquals(eager, ((HostMessageReader.LineBody) r.body()).detach().decode(false), g);
    }
  }

  /** What a read gave: the message's fields and its body's text, or the error's text. */
  private static String outcome(HostMessageReader reader, byte[] line) {
    try {
      Message m = reader.read(line, 0, line.length);
      if (!(m instanceof ResponseMessage r)) {
        return m.toString();
      }
      String body;
      try {
        body = r.body() == null ? "no body" : "body " + r.body().decode(false);
      } catch (Exception e) {
        body = "body error " + e.getMessage();
      }
      return List.of(
              String.valueOf(r.id()),
              String.valueOf(r.url()),
              r.status(),
              String.valueOf(r.statusText()),
              String.valueOf(r.headers()),
              String.valueOf(r.meta()),
              String.valueOf(r.flags()),
              String.valueOf(r.selector()),
              body)
          .toString();
    } catch (ProtocolException e) {
      return "error " + e.getMessage();
    }
  }

  private static final String[] BODY_PIECES = {
    "<p class=\\\"x\\\">",
    "caf\\u00e9",
    "\\u00E9\\ud83d\\ude00",
    "\\n\\t\\r\\b\\f\\/\\\\",
    "plain text of some length ",
    "\u00e9",
    "\u0001",
    "\\q",
    "\\u12g4",
    "\\u12",
    "\\",
    "\"",
    "\u007f",
    " "
  };

  private static final String[] REST_PIECES = {
    "\"headers\": {\"A\": [\"b\"]}",
    "\"meta\": {\"request_id\": \"p#1\", \"n\": [1, 2.5, null, {\"x\": true}]}",
    "\"url\": \"http://x/\"",
    "\"status\": 200",
    "\"status\": \"404\"",
    "\"status\": \"OK\"",
    "\"selector\": {\"t\": [\"a\", \"b\"], \"u\": \"c\"}",
    "\"flags\": [\"cached\"]",
    "\"body\": \"second body\"",
    "\"headers\": 5",
    "\"meta\": {\"deep\": " + "[".repeat(1200) + "]".repeat(1200) + "}",
    "\"x\": 1e400",
    "\"x\": tru",
    "\"x\": [1,]",
    "\"id\": \"p#2\""
  };

  @Test
  void steppingOverABodyReadsEveryLineAsTheOrdinaryParseDoes() {
    HostMessageReader fast = new HostMessageReader(new JsonFactory());
    HostMessageReader ordinary = new HostMessageReader(new JsonFactory());
    ordinary.skipBodiesFast = false;
    java.util.Random r = new java.util.Random(21);
    String[] separators = {", ", ",", " , ", ",\t", ", ,", "", " ", ",}", "}"};
    int stepped = 0;
    for (int round = 0; round < 4000; round++) {
      StringBuilder body = new StringBuilder();
      int pieces = r.nextInt(6);
      for (int i = 0; i < pieces; i++) {
        // mostly what a host sends; now and then something it must not
        body.append(BODY_PIECES[r.nextInt(4) == 0 ? r.nextInt(BODY_PIECES.length) : r.nextInt(5)]);
      }
      if (r.nextBoolean()) {
        body.append("x".repeat(r.nextInt(40)));
      }
      List<String> fields = new java.util.ArrayList<>();
      fields.add("\"type\": \"response\"");
      fields.add("\"id\": \"p#1\"");
      int rest = r.nextInt(4);
      for (int i = 0; i < rest; i++) {
        fields.add(REST_PIECES[r.nextInt(3) == 0 ? r.nextInt(REST_PIECES.length) : r.nextInt(8)]);
      }
      java.util.Collections.shuffle(fields, r);
      int at = r.nextInt(fields.size() + 1);
      StringBuilder line = new StringBuilder("{");
      for (int i = 0; i <= fields.size(); i++) {
        if (i == at) {
          line.append("\"body\": \"").append(body).append('"');
          if (i < fields.size()) {
            line.append(r.nextInt(10) == 0 ? separators[r.nextInt(separators.length)] : ", ");
          }
        }
        if (i < fields.size()) {
          line.append(fields.get(i));
          if (i < fields.size() - 1 || at == fields.size()) {
            line.append(", ");
          }
        }
      }
      line.append(r.nextInt(20) == 0 ? "} trailing" : "}");
      byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
      String expected = outcome(ordinary, bytes);
      assertEquals(expected, outcome(fast, bytes), line.toString());
      int start = line.indexOf("\"body\": \"") + 9;
      if (HostMessageReader.plainStringEnd(bytes, start, bytes.length) >= 0) {
        stepped++;
      }
    }
    assertTrue(stepped > 2000, "the fast path stepped over " + stepped + " bodies");
  }

  @Test
  void plainStringsEndAtTheirClosingQuote() {
    byte[] b = "ab\\\"cdefghijklmnop\\u00e9qrstuvwxyz\" tail".getBytes(StandardCharsets.UTF_8);
    assertEquals(34, HostMessageReader.plainStringEnd(b, 0, b.length));
    for (String notPlain :
        List.of("caf\u00e9\"", "a\u0001\"", "bad \\q\"", "\\u12g4\"", "no end")) {
      byte[] n = notPlain.getBytes(StandardCharsets.UTF_8);
      assertEquals(-1, HostMessageReader.plainStringEnd(n, 0, n.length), notPlain);
    }
  }

  /** The byte-by-byte reading of {@link HostMessageReader#plainStringEnd}. */
  private static int plainStringEndByteByByte(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c >= 0x80) {
        return -1;
      }
      if (c != '\\') {
        i++;
      } else if (i + 1 < to && "\"\\/bfnrt".indexOf(b[i + 1]) >= 0) {
        i += 2;
      } else if (i + 5 < to
          && b[i + 1] == 'u'
          && Character.digit(b[i + 2], 16) >= 0
          && Character.digit(b[i + 3], 16) >= 0
          && Character.digit(b[i + 4], 16) >= 0
          && Character.digit(b[i + 5], 16) >= 0) {
        i += 6;
      } else {
        return -1;
      }
    }
    return -1;
  }

  @Test
  void plainStringEndIsTheByteByByteReading() {
    java.util.Random r = new java.util.Random(22);
    byte[] alphabet = {
      '"',
      '\\',
      'u',
      'n',
      '0',
      'a',
      'F',
      'g',
      0x1f,
      0x20,
      0x7e,
      0x7f,
      (byte) 0x80,
      (byte) 0xff,
      (byte) 0xa2,
      (byte) 0xdc,
      0x02,
      (byte) (0x22 ^ 0x80),
      (byte) (0x5c ^ 0x80),
      '/'
    };
    int found = 0;
    for (int round = 0; round < 30_000; round++) {
      byte[] b = new byte[r.nextInt(60)];
      for (int i = 0; i < b.length; i++) {
        b[i] =
            r.nextInt(3) == 0
                ? alphabet[r.nextInt(alphabet.length)]
                : (byte) (0x20 + r.nextInt(0x5f));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = plainStringEndByteByByte(b, from, to);
      if (expected >= 0) {
        found++;
      }
      assertEquals(
          expected, HostMessageReader.plainStringEnd(b, from, to), java.util.Arrays.toString(b));
    }
    assertTrue(found > 1000, "strings that ended: " + found);
  }
}
