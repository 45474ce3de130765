package io.streamspider.runtime.protocol;

import java.util.List;
import java.util.Map;

/**
 * Host → spider: {@code response}, or {@code response_selector} when {@code selector} is not null
 * (sections "response" and "response_selector").
 *
 * @param body the decoded text, or the base64 of the raw bytes when the request asked for it
 * @param selector field → extracted values; null for a plain response
 */
public record ResponseMessage(
    String id,
    String url,
    int status,
    Map<String, List<String>> headers,
    String body,
    Map<String, Object> meta,
    List<String> flags,
    Map<String, List<String>> selector)
    implements Message {
  @Override
  public String type() {
    return selector == null ? "response" : "response_selector";
  }
}
