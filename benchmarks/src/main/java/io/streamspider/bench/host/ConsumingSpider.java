package io.streamspider.bench.host;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The spider of {@link BigBodyMemory}: asks for one start URL, reads the host's answer byte by byte
 * without keeping it (so the spider's own memory never matters), checks that it is a {@code
 * response}, closes. Usage: {@code ConsumingSpider URL}; exits 1 if the answer was not a response.
 */
public final class ConsumingSpider {
  private ConsumingSpider() {}

  public static void main(String[] args) throws IOException {
    InputStream in = new BufferedInputStream(System.in, 1 << 16);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    skipLine(in, null); // ready
    out.print(
        "{\"type\": \"spider\", \"name\": \"bigbody\", \"start_urls\": [\"" + args[0] + "\"]}\n");
    out.flush();
    StringBuilder head = new StringBuilder();
    long n = skipLine(in, head);
    boolean ok = head.indexOf("\"type\": \"response\"") >= 0 || head.indexOf("\"url\": ") == 1;
    out.print(
        "{\"type\": \"log\", \"level\": \"INFO\", \"message\": \"read a line of "
            + n
            + " bytes\"}\n");
    out.print("{\"type\": \"close\"}\n");
    out.flush();
    System.exit(ok && n > 0 ? 0 : 1);
  }

  /** Reads to the end of a line; keeps its first 200 bytes in {@code head}; returns its length. */
  private static long skipLine(InputStream in, StringBuilder head) throws IOException {
    long n = 0;
    for (int b; (b = in.read()) >= 0 && b != '\n'; n++) {
      if (head != null && n < 200) {
        head.append((char) b);
      }
    }
    return n;
  }
}
