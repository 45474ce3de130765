package io.streamspider.host.internal.engine;

import io.streamspider.runtime.internal.PyCodecs;
import io.streamspider.runtime.internal.PyUrl;
import io.streamspider.runtime.internal.Urls;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * w3lib's {@code get_meta_refresh} over the first 4096 characters of an HTML body, for
 * METAREFRESH_ENABLED (off by default in this host).
 */
public final class MetaRefresh {
  private static final Pattern RE1 =
      Pattern.compile(
          "<meta\\s[^>]*http-equiv[^>]*refresh[^>]*content\\s*=\\s*(?<quote>[\"'])(?<int>(\\d*\\.)?\\d+)\\s*;\\s*url=\\s*(?<url>.*?)\\k<quote>",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern RE2 =
      Pattern.compile(
          "<meta\\s[^>]*content\\s*=\\s*(?<quote>[\"'])(?<int>(\\d*\\.)?\\d+)\\s*;\\s*url=\\s*(?<url>.*?)\\k<quote>[^>]*?\\shttp-equiv\\s*=[^>]*refresh",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMENTS = Pattern.compile("<!--.*?(?:-->|$)", Pattern.DOTALL);
  private static final Pattern CHARSET =
      Pattern.compile("charset=[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

  private MetaRefresh() {}

  /** A refresh found in a page. */
  public record Refresh(double interval, String url) {}

  /** The page's refresh, or null. */
  public static Refresh find(
      byte[] body, String contentType, String baseUrl, List<String> ignoreTags) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("html")) {
      return null;
    }
    Charset cs = StandardCharsets.UTF_8;
    Matcher cm = CHARSET.matcher(contentType);
    if (cm.find()) {
      try {
        cs = PyCodecs.charset(cm.group(1));
      } catch (IllegalArgumentException e) {
        // unknown charset: read as UTF-8
      }
    }
    String text = new String(body, 0, Math.min(body.length, 4096 * 4), cs);
    text = text.substring(0, Math.min(text.length(), 4096));
    for (String tag : ignoreTags) {
      text =
          Pattern.compile(
                  "<" + Pattern.quote(tag) + "\\b.*?</" + Pattern.quote(tag) + "\\s*>",
                  Pattern.DOTALL | Pattern.CASE_INSENSITIVE)
              .matcher(text)
              .replaceAll("");
    }
    text = COMMENTS.matcher(text.replace("&amp;", "&")).replaceAll("");
    Matcher m = RE1.matcher(text);
    if (!m.find()) {
      m = RE2.matcher(text);
      if (!m.find()) {
        return null;
      }
    }
    double interval = Double.parseDouble(m.group("int"));
    String url = Urls.safeUrlString(m.group("url").replaceAll("^[ \"']+|[ \"']+$", ""), cs);
    return new Refresh(interval, PyUrl.urljoin(baseUrl, url));
  }
}
