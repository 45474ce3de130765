package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a Scrapy Cloud reader got, each line checked against the Write Entrypoint's rules. */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> COMMANDS = Set.of("ITM", "LOG", "REQ", "STA", "FIN");

  final List<String> lines = new ArrayList<>();
  final List<String> commands = new ArrayList<>();
  final List<JsonNode> payloads = new ArrayList<>();

  /**
   * Validates every line: command, one space, ASCII only, a JSON object, ≤ 1 MiB with its newline.
   */
  static Wire of(byte[] bytes) throws IOException {
    Wire w = new Wire();
    if (bytes.length == 0) {
      return w;
    }
    assertEquals('\n', bytes[bytes.length - 1], "the last message ends with a newline");
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      int len = i + 1 - start;
      int n = w.lines.size();
      assertTrue(
          len <= FifoWriter.MAX_MESSAGE_BYTES,
          "message " + n + " is " + len + " bytes, over 1 MiB");
      for (int j = start; j < i; j++) {
        int c = bytes[j] & 0xff;
        if (c < 0x20 || c > 0x7f) {
          fail("message " + n + " has byte 0x" + Integer.toHexString(c) + " at " + (j - start));
        }
      }
      String line = new String(bytes, start, i - start, StandardCharsets.US_ASCII);
      assertTrue(
          line.length() > 4 && line.charAt(3) == ' ', "CMD then a space: " + abbreviate(line));
      String cmd = line.substring(0, 3);
      assertTrue(COMMANDS.contains(cmd), "a known command: " + abbreviate(line));
      JsonNode payload = JSON.readTree(line.substring(4));
      assertTrue(payload.isObject(), "the payload is a JSON object: " + abbreviate(line));
      w.lines.add(line);
      w.commands.add(cmd);
      w.payloads.add(payload);
      start = i + 1;
    }
    return w;
  }

  static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  /** Every payload of one command, in order. */
  List<JsonNode> all(String command) {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      if (commands.get(i).equals(command)) {
        out.add(payloads.get(i));
      }
    }
    return out;
  }

  /** Exactly one FIN, and nothing after it; returns its outcome. */
  String onlyFin() {
    assertEquals(1, all("FIN").size(), "exactly one FIN: " + commands);
    assertEquals("FIN", commands.get(commands.size() - 1), "FIN is the last message");
    return all("FIN").get(0).get("outcome").asText();
  }
}
