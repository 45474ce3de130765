package io.streamspider.host.form.internal;

import io.streamspider.runtime.internal.PyUrl;
import io.streamspider.runtime.internal.Urls;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * w3lib 2.1's {@code get_base_url} and {@code strip_html5_whitespace} for the forms; {@code
 * safe_url_string} and Scrapy's {@code escape_ajax} are the runtime's {@link Urls}, shared with the
 * engine and called from there.
 */
public final class W3Url {
  private W3Url() {}

  private static final Pattern COMMENTS = Pattern.compile("(?s)<!--.*?(?:-->|$)");
  private static final Pattern BASE_HREF =
      Pattern.compile(
          "<base\\s[^>]*href\\s*=\\s*[\"']\\s*([^\"'\\s]+)\\s*[\"']",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * Scrapy's {@code get_base_url(response)}: the first {@code <base href>} in the first 4096
   * characters (comments removed), joined with the page URL.
   */
  public static String baseUrl(String text, String pageUrl, Charset encoding) {
    String head = firstCodePoints(text, 4096);
    Matcher m = BASE_HREF.matcher(COMMENTS.matcher(head).replaceAll(""));
    if (m.find()) {
      return PyUrl.urljoin(
          Urls.safeUrlString(pageUrl, StandardCharsets.UTF_8),
          Urls.safeUrlString(m.group(1), encoding));
    }
    return Urls.safeUrlString(pageUrl, StandardCharsets.UTF_8);
  }

  private static String firstCodePoints(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int end = s.offsetByCodePoints(0, Math.min(n, s.codePointCount(0, s.length())));
    return s.substring(0, end);
  }

  /** w3lib's {@code strip_html5_whitespace}: space, tab, LF, FF and CR off both ends. */
  public static String stripHtml5Whitespace(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && " \t\n\f\r".indexOf(s.charAt(b)) >= 0) {
      b++;
    }
    while (e > b && " \t\n\f\r".indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(b, e);
  }
}
