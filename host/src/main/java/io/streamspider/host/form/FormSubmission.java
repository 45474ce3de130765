package io.streamspider.host.form;

import java.util.List;
import java.util.Map;

/**
 * The request {@code FormRequest.from_response} builds.
 *
 * @param method {@code GET} or {@code POST}
 * @param url the request URL, escaped as Scrapy's {@code Request} escapes it; for GET it carries
 *     the form data as its query
 * @param body the urlencoded form data of a POST, else empty
 * @param headers the headers Scrapy sets: {@code Content-Type: application/x-www-form-urlencoded}
 *     for a POST with data, else none
 */
public record FormSubmission(
    String method, String url, String body, Map<String, List<String>> headers) {
  public FormSubmission {
    headers = Map.copyOf(headers);
  }
}
