package io.streamspider.runtime.protocol;

/** Spider → host (section "log"). {@code level} is one of CRITICAL, ERROR, WARNING, INFO, DEBUG. */
public record LogMessage(String message, String level) implements Message {
  @Override
  public String type() {
    return "log";
  }
}
