package io.streamspider.runtime.generated;

import java.util.Objects;

/**
 * One selector of a {@code selector_request}: {@code {"type": "css" | "xpath", "filter": ...}}
 * (protocol, section "selector_request").
 */
public record SelectorSpec(Type type, String filter) {
  public enum Type {
    CSS("css"),
    XPATH("xpath");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    /** The protocol's spelling. */
    public String wire() {
      return wire;
    }

    public static Type fromWire(String s) {
      for (Type t : values()) {
        if (t.wire.equalsIgnoreCase(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException("selector type must be \"css\" or \"xpath\", got " + s);
    }
  }

  public SelectorSpec {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(filter, "filter == null");
  }

  public static SelectorSpec css(String filter) {
    return new SelectorSpec(Type.CSS, filter);
  }

  public static SelectorSpec xpath(String filter) {
    return new SelectorSpec(Type.XPATH, filter);
  }

  @Override
  public String toString() {
    return type.wire + ":" + filter;
  }
}
