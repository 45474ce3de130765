package io.streamspider.runtime.protocol;

/**
 * Host → spider: a message was invalid; the host stops (section "error").
 *
 * @param receivedMessage the line the spider sent
 * @param details a hint about what was wrong
 */
public record ErrorMessage(String receivedMessage, String details) implements Message {
  @Override
  public String type() {
    return "error";
  }
}
