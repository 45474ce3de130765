package io.streamspider.selector.grammar;

/**
 * A selector that does not parse or cannot be translated. The message is cssselect's, word for
 * word, so a host can report it as parsel would; {@link #position()} is where in the selector the
 * problem is.
 */
public final class SelectorError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which of cssselect's exceptions parsel would raise. */
  public enum Kind {
    /** The selector does not parse: cssselect's {@code SelectorSyntaxError}. */
    SYNTAX("SelectorSyntaxError"),
    /** It parses but has no XPath translation: cssselect's {@code ExpressionError}. */
    EXPRESSION("ExpressionError"),
    /** An XPath expression lxml refuses: parsel's {@code ValueError}. */
    VALUE("ValueError");

    private final String pythonType;

    Kind(String pythonType) {
      this.pythonType = pythonType;
    }

    /** The Python exception's class name. */
    public String pythonType() {
      return pythonType;
    }
  }

  private final Kind kind;
  private final int position;

  public SelectorError(Kind kind, String message, int position) {
    super(message, null, false, false);
    this.kind = kind;
    this.position = position;
  }

  static SelectorError syntax(String message, int position) {
    return new SelectorError(Kind.SYNTAX, message, position);
  }

  static SelectorError expression(String message, int position) {
    return new SelectorError(Kind.EXPRESSION, message, position);
  }

  public Kind kind() {
    return kind;
  }

  /** The offset (in chars) of the problem in the selector, 0 for its start; -1 if unknown. */
  public int position() {
    return position;
  }
}
