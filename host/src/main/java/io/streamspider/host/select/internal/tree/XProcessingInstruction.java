package io.streamspider.host.select.internal.tree;

/** A processing instruction: its {@link #name()} is the target, its {@link #value()} the data. */
public final class XProcessingInstruction extends XNode {
  private final String target;
  private final String data;

  public XProcessingInstruction(String target, String data) {
    this.target = target;
    this.data = data;
  }

  @Override
  public short type() {
    return PROCESSING_INSTRUCTION;
  }

  @Override
  public String name() {
    return target;
  }

  @Override
  public String value() {
    return data;
  }
}
