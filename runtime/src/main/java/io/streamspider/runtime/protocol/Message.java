package io.streamspider.runtime.protocol;

/**
 * A Scrapy Streaming protocol message (protocol, section "Communication Protocol"). Each is one
 * JSON object on one line with a {@code type} field.
 */
public sealed interface Message
    permits Ready,
        ResponseMessage,
        ExceptionMessage,
        ErrorMessage,
        SpiderMessage,
        LogMessage,
        RequestMessage,
        CloseMessage,
        ProcessedMessage,
        UnknownMessage {
  /** The protocol's {@code type} value. */
  String type();
}
