package io.streamspider.host.select.internal;

/** A selector expression that does not parse or cannot be translated; message as parsel's. */
public final class QueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The Python exception type parsel raises for it (SelectorSyntaxError, ValueError, ...). */
  private final String pythonType;

  public QueryException(String pythonType, String message) {
    super(message);
    this.pythonType = pythonType;
  }

  public String pythonType() {
    return pythonType;
  }
}
