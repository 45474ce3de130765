package io.streamspider.host.internal;

import io.streamspider.runtime.FormSpec;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/** Builds the request Scrapy's {@code FormRequest.from_response} would send for a page. */
public interface FormBuilder {
  /** The request a form submits: GET with the query in the URL, or POST with a urlencoded body. */
  record Submission(String method, String url, byte[] body, Map<String, List<String>> headers) {}

  /** A page on which the form cannot be built; the message is Scrapy's text. */
  final class FormFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public FormFailure(String message) {
      super(message);
    }
  }

  /**
   * @param encoding the page's encoding (Scrapy encodes the form data with it)
   */
  Submission build(String html, String pageUrl, Charset encoding, FormSpec spec) throws FormFailure;
}
