package io.streamspider.host.form;

/**
 * {@code FormRequest.from_response} failed; the message is Scrapy's own, e.g. {@code No <form>
 * element found in <200 http://example.com/>}, {@code Form number 5 not found in <200 ...>}, {@code
 * No clickable element matching clickdata: {'name': 'go'}}.
 */
public class FormException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public FormException(String message) {
    super(message);
  }
}
