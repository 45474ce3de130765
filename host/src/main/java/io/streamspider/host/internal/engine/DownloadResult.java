package io.streamspider.host.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * A response the engine downloaded (after redirects, retries and decompression), any status.
 *
 * @param url the final URL
 * @param meta the request's meta plus Scrapy's keys ({@code download_timeout}, {@code
 *     download_slot}, {@code download_latency}, {@code redirect_urls}, {@code depth}, ...)
 */
public record DownloadResult(
    String url,
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    Map<String, Object> meta,
    List<String> flags) {}
