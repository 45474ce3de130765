package io.streamspider.test;

/** The protocol message a request becomes; the callback it is for decides. */
public enum MessageKind {
  /** {@code request}: a plain callback, the host fetches and answers with {@code response}. */
  REQUEST("request"),
  /**
   * {@code selector_request}: a callback with {@code @Selector}s, answered by {@code
   * response_selector}.
   */
  SELECTOR_REQUEST("selector_request"),
  /**
   * {@code from_response_request}: a {@code @FormRequest} callback (Scrapy's {@code
   * FormRequest.from_response}).
   */
  FROM_RESPONSE_REQUEST("from_response_request");

  private final String wire;

  MessageKind(String wire) {
    this.wire = wire;
  }

  /** The message's {@code type} on the wire. */
  public String wire() {
    return wire;
  }
}
