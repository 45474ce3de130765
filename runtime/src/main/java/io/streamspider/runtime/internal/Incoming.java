package io.streamspider.runtime.internal;

import java.util.List;
import java.util.Map;

/** A message from the host as the loop needs it. The body of a response is decoded later. */
sealed interface Incoming {

  /**
   * {@code ready} (or the draft's {@code "type": "status"}); {@code frontier} when the embedded
   * host announces frontier mode ({@code "frontier": true}, docs/scale-out.md).
   */
  record Ready(boolean frontier) implements Incoming {}

  /**
   * {@code response} / {@code response_selector}; {@code bodyStart} is the buffer index of the
   * body's opening quote, or -1 when the message has no body. {@code statusString} is the status as
   * the host sent it when that was a numeric string instead of an integer, else null.
   */
  record Response(
      String id,
      String url,
      int status,
      String statusString,
      Map<String, List<String>> headers,
      Map<String, Object> meta,
      List<String> flags,
      Map<String, List<String>> selector,
      int bodyStart)
      implements Incoming {}

  record Exception(String receivedMessage, String exception) implements Incoming {}

  record Error(String receivedMessage, String details) implements Incoming {}

  /** A line that is not a message this runtime knows. */
  record Unknown(String type) implements Incoming {}
}
