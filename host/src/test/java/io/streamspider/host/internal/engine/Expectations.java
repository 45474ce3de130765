package io.streamspider.host.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The values the real Scrapy 2.8 produced (host/src/test/scripts/engine_expectations.py). */
final class Expectations {
  private static JsonNode root;

  private Expectations() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in =
          Expectations.class.getResourceAsStream("/engine/scrapy-expectations.json")) {
        root = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** One real crawl: {@code settings}, {@code outcomes}, {@code stats}, {@code logs}. */
  static JsonNode crawl(String name) {
    JsonNode n = root().path("crawls").path(name);
    if (n.isMissingNode()) {
      throw new IllegalArgumentException("no generated crawl " + name);
    }
    return n;
  }

  /** The first outcome's failure text of a crawl, with {port} filled in. */
  static String failureText(String crawl, int port) {
    JsonNode o = crawl(crawl).path("outcomes").get(0);
    if (!o.path("kind").asText().equals("failure")) {
      throw new IllegalStateException(crawl + " did not fail in Scrapy: " + o);
    }
    return o.path("text").asText().replace("{port}", Integer.toString(port));
  }

  static String fill(String text, int port) {
    return text.replace("{port}", Integer.toString(port));
  }
}
