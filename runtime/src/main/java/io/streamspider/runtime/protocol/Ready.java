package io.streamspider.runtime.protocol;

/** Host → spider: the channel works (section "ready"). Old drafts send {@code "type": "status"}. */
public record Ready(String status) implements Message {
  @Override
  public String type() {
    return "ready";
  }
}
