package minimal;

import io.streamspider.runtime.Request;
import javax.annotation.processing.Generated;

/**
 * Requests to the callbacks of {@link MinimalSpider}. Each already knows the protocol
 * message its callback needs; set meta, headers, method, body, cookies,
 * priority or dont_filter on the returned {@link Request}.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from minimal.MinimalSpider"
)
public final class MinimalSpider_Requests {
  private MinimalSpider_Requests() {
  }

  /**
   * A {@code request} to {@link MinimalSpider#parse}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request parse(String url) {
    return Request.to(MinimalSpider_StreamSpider.PARSE, url);
  }
}
