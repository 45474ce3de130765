package io.streamspider.runtime.protocol;

import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.List;
import java.util.Map;

/**
 * Spider → host: {@code request}, {@code from_response_request} or {@code selector_request}
 * (sections "request", "from_response_request", "selector_request"). Optional fields are null when
 * omitted.
 *
 * @param headers name → value or list of values
 * @param cookies a {@code Map<String, String>} or a {@code List<Map<String, String>>}
 * @param fromResponseRequest set only for {@link Kind#FROM_RESPONSE_REQUEST}
 * @param selector set only for {@link Kind#SELECTOR_REQUEST}
 */
public record RequestMessage(
    Kind kind,
    String id,
    String url,
    Boolean base64,
    String method,
    Map<String, Object> meta,
    String body,
    Map<String, List<String>> headers,
    Object cookies,
    String encoding,
    Integer priority,
    Boolean dontFilter,
    FormSpec fromResponseRequest,
    Map<String, SelectorSpec> selector)
    implements Message {

  /** The three request message types. */
  public enum Kind {
    REQUEST("request"),
    FROM_RESPONSE_REQUEST("from_response_request"),
    SELECTOR_REQUEST("selector_request");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** The kind for a {@code type} value, or null. */
    public static Kind fromWire(String type) {
      for (Kind k : values()) {
        if (k.wire.equals(type)) {
          return k;
        }
      }
      return null;
    }
  }

  @Override
  public String type() {
    return kind.wire();
  }
}
