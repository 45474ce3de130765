package io.streamspider.bench.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of the dispatch benchmark: the least a JSON-lines client can do with the same input
 * — read a line, parse it with Jackson, write one request line with Jackson, flush.
 */
public final class BareJacksonLoop {
  private BareJacksonLoop() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8),
            1 << 16);
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    long n = 0;
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode m = mapper.readTree(line);
      if (!m.path("type").asText().startsWith("response")) {
        continue;
      }
      n++;
      ObjectNode r = mapper.createObjectNode();
      r.put("type", "request");
      r.put("id", "page#" + n);
      r.put("url", "http://127.0.0.1:9/page/" + n + "?sort=asc&page=" + n);
      r.put("base64", false);
      r.put("dont_filter", true);
      mapper.writeValue(new NoClose(out), r);
      out.write('\n');
      out.flush();
    }
    out.close();
  }

  /** Jackson closes the target after writeValue; the loop keeps one stream. */
  private static final class NoClose extends java.io.FilterOutputStream {
    NoClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() {}
  }
}
