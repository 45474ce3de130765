package io.streamspider.host.testing;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spider of the frontier crawl tests and benchmark: its one callback yields an item {@code
 * {"url": …}} and follows every link. Start URL: {@code -a start_urls=URL}.
 */
@Spider(name = "frontier_test")
public class TreeSpider {
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  @Parse("parse")
  public List<Object> parse(Response response) {
    List<Object> out = new ArrayList<>();
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("url", response.url());
    out.add(item);
    Matcher m = HREF.matcher(response.text());
    while (m.find()) {
      out.add(Request.to("parse", response.urljoin(m.group(1))));
    }
    return out;
  }
}
