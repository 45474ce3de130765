package io.streamspider.host.internal;

import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import java.util.List;

/**
 * A valid message from the spider, with the exact line it came in (for {@code received_message}).
 */
public sealed interface Inbound {
  String line();

  /**
   * The {@code spider} message.
   *
   * @param startUrlProblems Scrapy's text for each start URL that is not a string
   * @param frontier the runtime confirmed frontier mode ({@code "frontier": true}), which the
   *     embedded host accepts only after announcing it (FRONTIER: docs/scale-out.md)
   */
  record Spider(String line, SpiderMessage message, List<String> startUrlProblems, boolean frontier)
      implements Inbound {}

  record Log(String line, HostLog.Level level, String message) implements Inbound {}

  /**
   * A {@code request}, {@code from_response_request} or {@code selector_request}.
   *
   * @param problem a run-time fault found while reading it (answered with an {@code exception}, as
   *     Scrapy's {@code Request} constructor would raise it), else null
   */
  record Request(String line, RequestMessage message, String problem) implements Inbound {}

  record Close(String line) implements Inbound {}

  /**
   * Frontier mode only: the runtime handled the response or exception of request {@code id} (its
   * callback ran, what it returned is written and flushed), so its lease can be acknowledged.
   */
  record Processed(String line, String id) implements Inbound {}
}
