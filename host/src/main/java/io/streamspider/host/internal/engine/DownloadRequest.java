package io.streamspider.host.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * A request the host's protocol side hands to the engine (Scrapy's {@code Request}).
 *
 * @param headers name → values (may be empty)
 * @param body raw body bytes (empty for none)
 * @param meta the spider's meta (may be empty); echoed back in the result with the engine's keys
 * @param cookies null, a {@code Map<String,String>} or a {@code List<Map<String,String>>}
 * @param encoding the charset for the URL/body when given by the spider, else null
 */
public record DownloadRequest(
    String method,
    String url,
    Map<String, List<String>> headers,
    byte[] body,
    Map<String, Object> meta,
    Object cookies,
    int priority,
    boolean dontFilter,
    String encoding) {}
