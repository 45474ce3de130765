package io.streamspider.host.internal.engine.frontier;

import io.streamspider.host.internal.engine.RequestUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint scrapy-redis's duplicate filter records in {@code <spider>:dupefilter}: the
 * SHA-1, in hex, of {@code json.dumps({"method": …, "url": canonicalize_url(url), "body":
 * body.hex()}, sort_keys=True)}. Unlike Scrapy's own fingerprint it leaves headers out and hashes
 * JSON, so a Python scrapy-redis fleet and StreamSpider workers recognise each other's requests.
 */
public final class ScrapyRedisFingerprint {
  private ScrapyRedisFingerprint() {}

  /** The fingerprint of a request whose URL is already safe (as Scrapy's Request holds it). */
  public static String of(String method, String url, byte[] body) {
    StringBuilder json = new StringBuilder(64 + url.length() + 2 * body.length);
    json.append("{\"body\": \"").append(HexFormat.of().formatHex(body)).append("\", \"method\": ");
    pythonString(method, json);
    json.append(", \"url\": ");
    pythonString(RequestUrls.canonicalize(url), json);
    json.append('}');
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of()
          .formatHex(sha1.digest(json.toString().getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** A string as Python's json.dumps writes it by default (ensure_ascii). */
  private static void pythonString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
