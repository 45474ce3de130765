package io.streamspider.runtime.protocol;

/** Spider → host: finish the crawl (section "close"). */
public record CloseMessage() implements Message {
  public static final CloseMessage INSTANCE = new CloseMessage();

  @Override
  public String type() {
    return "close";
  }
}
