package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineSalvageTest {
  private static final JsonFactory JSON = new JsonFactory();

  private static LineSalvage.Found whole(byte[] line) {
    return LineSalvage.scan(JSON, line, 0, line.length);
  }

  /** The same line fed one byte at a time, as pieces of a big line arrive. */
  private static LineSalvage.Found bytewise(byte[] line) {
    LineSalvage s = new LineSalvage();
    for (int i = 0; i < line.length; i++) {
      s.feed(line, i, 1);
    }
    return s.found(JSON);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLineCutInItsBodyStillNamesItsRequestThroughMeta() {
    byte[] line =
        utf8(
            "{\"url\": \"http://x/a\", \"headers\": {\"id\": [\"no\"]}, \"status\": 200, \"meta\":"
                + " {\"download_slot\": \"x\", \"request_id\": \"page#\\u0033\"}, \"flags\": [],"
                + " \"body\": \"<html>cut");
    for (LineSalvage.Found f : new LineSalvage.Found[] {whole(line), bytewise(line)}) {
      assertNull(f.id(), "the header named id is not the message's id");
      assertEquals("page#3", f.metaRequestId(), "escapes decoded");
      assertEquals("page#3", f.requestId());
      assertEquals("http://x/a", f.url());
      assertNull(f.type());
    }
  }

  @Test
  void scansPastWhatStopsAParser() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(
        utf8(
            "{\"meta\": {\"deep\": "
                + "[{\"a\": ".repeat(3000)
                + "1"
                + "}]".repeat(3000)
                + ", \"request_id\": \"m#1\"},"));
    b.write(utf8("\"body\": \"bad \\q escape \\\" quote "));
    b.write(new byte[] {(byte) 0xff, (byte) 0xc3, '"'});
    b.write(utf8(", \"headers\": [[\"A\", \"b\"]], \"id\": \"p#7\", \"type\": \"response\"}"));
    byte[] line = b.toByteArray();
    for (LineSalvage.Found f : new LineSalvage.Found[] {whole(line), bytewise(line)}) {
      assertEquals("p#7", f.id());
      assertEquals("m#1", f.metaRequestId());
      assertEquals("p#7", f.requestId(), "the top-level id wins");
      assertEquals("response", f.type());
    }
  }

  @Test
  void findsTheRequestAnExceptionQuotesAndIgnoresNonObjects() {
    LineSalvage.Found e =
        whole(
            utf8(
                "{\"type\": \"exception\", \"exception\": {\"odd\": 1}, \"received_message\":"
                    + " \"{\\\"type\\\": \\\"request\\\", \\\"id\\\": \\\"page#2\\\"}\"}"));
    assertEquals("exception", e.type());
    assertEquals("{\"type\": \"request\", \"id\": \"page#2\"}", e.receivedMessage());
    LineSalvage.Found a = whole(utf8("[\"id\", \"x\"]"));
    assertNull(a.id());
    LineSalvage.Found n = whole(utf8("hello, not JSON"));
    assertNull(n.requestId());
    LineSalvage.Found number = whole(utf8("{\"id\": 5, \"type\": \"response\"}"));
    assertNull(number.id(), "only string ids");
  }
}
