package io.streamspider.runtime.protocol;

/**
 * Spider → embedded host, frontier mode only: the response or exception with this id was handled
 * and what its callback returned is durable (requests written, items flushed), so the host may
 * acknowledge the request's lease (docs/scale-out.md, "The runtime in frontier mode").
 */
public record ProcessedMessage(String id) implements Message {
  @Override
  public String type() {
    return "processed";
  }
}
