package minimal;

import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.Response;
import java.util.Map;

/** The least a spider needs: a name, a start URL and the callback of the start page. */
@Spider(name = "minimal", startUrls = "http://127.0.0.1:8080/")
public class MinimalSpider {
  @Parse
  public Map<String, Object> parse(Response page) {
    return Map.of("url", page.url(), "status", page.status());
  }
}
