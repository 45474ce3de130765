package io.streamspider.host.internal;

/** A spider message the host refuses (protocol, section "error"); the message is the details. */
public final class InvalidMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidMessageException(String details) {
    super(details);
  }
}
