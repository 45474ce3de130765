package io.streamspider.host.form;

import io.streamspider.host.form.internal.FromResponse;
import io.streamspider.runtime.generated.FormSpec;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Scrapy 2.8's {@code FormRequest.from_response(response, formname=..., formxpath=..., formcss=...,
 * formnumber=..., formdata=..., clickdata=..., dont_click=...)} on a page's HTML: the same form is
 * chosen, the same fields sent in the same order, the same URL and body built, and the same errors
 * raised (as {@link FormException} with Scrapy's message).
 */
public final class FormSubmitter {
  private FormSubmitter() {}

  /** As {@link #fromResponse(String, String, FormSpec, Charset)} for a UTF-8 response. */
  public static FormSubmission fromResponse(String html, String pageUrl, FormSpec spec) {
    return fromResponse(html, pageUrl, spec, StandardCharsets.UTF_8);
  }

  /**
   * @param html the page's text ({@code response.text})
   * @param pageUrl the page's URL ({@code response.url}); with {@code <base href>} it resolves the
   *     form's action
   * @param spec the {@code from_response_request} arguments; null fields take Scrapy's defaults
   * @param encoding the response's encoding ({@code response.encoding}): form values and the query
   *     are percent-encoded in it, as Scrapy does
   * @throws FormException when Scrapy would raise (no form, bad index, no clickable, ...)
   */
  public static FormSubmission fromResponse(
      String html, String pageUrl, FormSpec spec, Charset encoding) {
    Objects.requireNonNull(html, "html == null");
    Objects.requireNonNull(pageUrl, "pageUrl == null");
    FormSpec s = spec == null ? FormSpec.DEFAULT : spec;
    try {
      FromResponse.Built b =
          FromResponse.build(
              html,
              pageUrl,
              encoding == null ? StandardCharsets.UTF_8 : encoding,
              s.formname(),
              s.formxpath(),
              s.formcss(),
              s.formnumber(),
              s.formdata(),
              s.clickdata(),
              Boolean.TRUE.equals(s.dontClick()));
      return new FormSubmission(b.method(), b.url(), b.body(), b.headers());
    } catch (FromResponse.Failure e) {
      throw new FormException(e.getMessage());
    }
  }
}
