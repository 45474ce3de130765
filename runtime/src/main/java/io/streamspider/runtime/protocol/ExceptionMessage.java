package io.streamspider.runtime.protocol;

/**
 * Host → spider: a request failed at run time (section "exception").
 *
 * @param receivedMessage the exact line the spider sent
 * @param exception a readable text, e.g. {@code Ignoring non-200 response}
 */
public record ExceptionMessage(String receivedMessage, String exception) implements Message {
  @Override
  public String type() {
    return "exception";
  }
}
