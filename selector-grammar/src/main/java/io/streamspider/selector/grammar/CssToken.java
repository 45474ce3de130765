package io.streamspider.selector.grammar;

/** One token of a selector, as cssselect's tokenizer yields it. */
public final class CssToken {
  /** cssselect's token types; {@code S} is whitespace. */
  public enum Type {
    IDENT,
    HASH,
    STRING,
    NUMBER,
    S,
    DELIM,
    EOF
  }

  private final Type type;
  private final String value;
  private final int pos;

  CssToken(Type type, String value, int pos) {
    this.type = type;
    this.value = value;
    this.pos = pos;
  }

  public Type type() {
    return type;
  }

  /** The unescaped value; null for {@code EOF}. */
  public String value() {
    return value;
  }

  /** Where the token starts in the selector. */
  public int pos() {
    return pos;
  }

  boolean is(Type t) {
    return type == t;
  }

  /** Whether this is a delimiter with one of {@code values}. */
  boolean isDelim(String... values) {
    if (type != Type.DELIM) {
      return false;
    }
    for (String v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** As cssselect's repr, which its error messages show. */
  @Override
  public String toString() {
    if (type == Type.EOF) {
      return "<EOF at " + pos + ">";
    }
    return "<" + type + " '" + value + "' at " + pos + ">";
  }
}
