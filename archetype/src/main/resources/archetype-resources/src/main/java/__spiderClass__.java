#set( $symbol_pound = '#' )
package ${package};

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ${spiderName} spider. Its start page is answered by {@link ${symbol_pound}parse}, whose
 * {@code @Selector} parameter the host fills with parsel's semantics.
 */
@Spider(name = "${spiderName}", startUrls = "${startUrl}")
public class ${spiderClass} {

  /** The start page: one item with its URL and title. */
  @Parse
  public Map<String, Object> parse(Response page, @Selector(css = "title::text") String title) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("url", page.url());
    item.put("title", title);
    return item;
  }
}
