package io.streamspider.host.select.internal.tree;

/** A comment. */
public final class XComment extends XNode {
  private final String data;

  public XComment(String data) {
    this.data = data;
  }

  @Override
  public short type() {
    return COMMENT;
  }

  @Override
  public String name() {
    return "#comment";
  }

  @Override
  public String value() {
    return data;
  }
}
