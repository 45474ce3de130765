package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code .csv} as Scrapy's CsvItemExporter writes it with Python's csv module: the header is the
 * first item's fields, and only those columns are written for every item (a later item's extra
 * fields are dropped, a missing one is empty); CRLF line ends; a cell is quoted only when it holds
 * a comma, a quote or a line break; {@code -o} on an existing file writes a second header.
 */
final class CsvFeed extends FeedOutput {
  private List<String> fields;

  CsvFeed(FeedTarget target, FileChannel channel, BiConsumer<String, String> log)
      throws IOException {
    super(target, channel, log);
  }

  @Override
  void write(Object item) throws IOException, RefusedItem {
    ObjectNode node = objectTree(item);
    StringBuilder b = new StringBuilder(256);
    if (fields == null) {
      List<String> names = new ArrayList<>(node.size());
      node.fieldNames().forEachRemaining(names::add);
      row(b, names);
      fields = names;
    }
    List<String> cells = new ArrayList<>(fields.size());
    for (String f : fields) {
      cells.add(cell(node.get(f)));
    }
    row(b, cells);
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    writeAt(position, bytes);
    position += bytes.length;
  }

  /** A value as Scrapy's exporter turns it into text. */
  static String cell(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? "True" : "False"; // Python's str(bool)
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    if (v.isArray() && allText(v)) {
      // CsvItemExporter joins a list of strings with ","
      StringBuilder b = new StringBuilder();
      for (JsonNode e : v) {
        if (b.length() > 0) {
          b.append(',');
        }
        b.append(e.textValue());
      }
      return b.toString();
    }
    try {
      // Python would print its repr; JSON with Python's spacing is the same for lists of numbers
      return ItemJson.FEED.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** One row, as Python's csv.writer (excel dialect, QUOTE_MINIMAL) writes it. */
  static void row(StringBuilder b, List<String> cells) {
    int start = b.length();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (needsQuotes(c)) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    if (cells.size() == 1 && b.length() == start) {
      b.append("\"\""); // Python quotes a row's only, empty field so the line is not blank
    }
    b.append("\r\n");
  }

  private static boolean needsQuotes(String c) {
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
        return true;
      }
    }
    return false;
  }
}
