package io.streamspider.host.internal.engine.frontier;

import io.streamspider.host.internal.engine.PyFormat;
import io.streamspider.host.internal.engine.RequestUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

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
    String json =
        PyFormat.jsonDumpsSorted(
            Map.of(
                "body",
                HexFormat.of().formatHex(body),
                "method",
                method,
                "url",
                RequestUrls.canonicalize(url)));
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(json.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
