package io.streamspider.host.internal;

import io.streamspider.runtime.protocol.RequestMessage;
import io.streamspider.runtime.protocol.SpiderMessage;
import java.util.List;

/** A valid message from the spider, with the exact line it came in (for {@code received_message}). */
public sealed interface Inbound {
  String line();

  /**
   * The {@code spider} message.
   *
   * @param startUrlProblems Scrapy's text for each start URL that is not a string
   */
  record Spider(String line, SpiderMessage message, List<String> startUrlProblems)
      implements Inbound {}

  record Log(String line, HostLog.Level level, String message) implements Inbound {}

  /**
   * A {@code request}, {@code from_response_request} or {@code selector_request}.
   *
   * @param problem a run-time fault found while reading it (answered with an {@code exception},
   *     as Scrapy's {@code Request} constructor would raise it), else null
   */
  record Request(String line, RequestMessage message, String problem) implements Inbound {}

  record Close(String line) implements Inbound {}
}
