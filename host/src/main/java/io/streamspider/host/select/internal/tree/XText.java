package io.streamspider.host.select.internal.tree;

/** Character data (CDATA sections are merged into text, as lxml's parsers do). */
public final class XText extends XNode {
  private String data;

  public XText(String data) {
    this.data = data;
  }

  @Override
  public short type() {
    return TEXT;
  }

  @Override
  public String name() {
    return "#text";
  }

  @Override
  public String value() {
    return data;
  }

  public String data() {
    return data;
  }

  /** Adds {@code more} to the end (while building: adjacent text is one node). */
  public void appendData(String more) {
    data = data.concat(more);
  }
}
