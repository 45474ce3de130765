package io.streamspider.host.select;

/**
 * A CSS or XPath expression that does not parse (or that parsel cannot translate). The message is
 * parsel's: cssselect's text for CSS ({@code Expected selector, got <EOF at 3>}), {@code XPath
 * error: <reason> in <expression>} for XPath.
 */
public class SelectorSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SelectorSyntaxException(String message) {
    super(message);
  }
}
