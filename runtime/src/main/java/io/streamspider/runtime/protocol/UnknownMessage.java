package io.streamspider.runtime.protocol;

/**
 * Host → spider: a line of a type the runtime does not know (or a {@code "type": "status"} that is
 * not {@code ready}). The runtime logs it and goes on, as the protocol lets hosts add messages.
 */
public record UnknownMessage(String type) implements Message {}
