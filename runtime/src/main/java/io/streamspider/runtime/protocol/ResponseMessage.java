package io.streamspider.runtime.protocol;

import java.util.List;
import java.util.Map;

/**
 * Host → spider: {@code response}, or {@code response_selector} when {@code selector} is not null
 * (sections "response" and "response_selector").
 *
 * @param statusText the status as the host sent it when that was a numeric string instead of an
 *     integer (an older or foreign host; {@code status} holds its value), else null
 * @param body the decoded text, or the base64 of the raw bytes when the request asked for it; null
 *     when the message has no body
 * @param selector field → extracted values; null for a plain response
 */
public record ResponseMessage(
    String id,
    String url,
    int status,
    String statusText,
    Map<String, List<String>> headers,
    ResponseBody body,
    Map<String, Object> meta,
    List<String> flags,
    Map<String, List<String>> selector)
    implements Message {

  /** A response with an integer status and a body held as text (null: no body). */
  public ResponseMessage(
      String id,
      String url,
      int status,
      Map<String, List<String>> headers,
      String body,
      Map<String, Object> meta,
      List<String> flags,
      Map<String, List<String>> selector) {
    this(
        id,
        url,
        status,
        null,
        headers,
        body == null ? null : ResponseBody.of(body),
        meta,
        flags,
        selector);
  }

  @Override
  public String type() {
    return selector == null ? "response" : "response_selector";
  }
}
