package io.streamspider.runtime.protocol;

/**
 * Host → spider: the channel works (section "ready"). Old drafts send {@code "type": "status"}.
 * {@code frontier} is true when the embedded host announces frontier mode ({@code "frontier":
 * true}, docs/scale-out.md).
 */
public record Ready(String status, boolean frontier) implements Message {

  /** A {@code ready} without frontier mode. */
  public Ready(String status) {
    this(status, false);
  }

  @Override
  public String type() {
    return "ready";
  }
}
