package books;

import io.streamspider.runtime.Request;
import javax.annotation.processing.Generated;

/**
 * Requests to the callbacks of {@link BooksSpider}. Each already knows the protocol
 * message its callback needs; set meta, headers, method, body, cookies,
 * priority or dont_filter on the returned {@link Request}.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from books.BooksSpider"
)
public final class BooksSpider_Requests {
  private BooksSpider_Requests() {
  }

  /**
   * A {@code selector_request} to {@link BooksSpider#parse}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request parse(String url) {
    return Request.to(BooksSpider_StreamSpider.PARSE, url);
  }

  /**
   * A {@code selector_request} to {@link BooksSpider#book}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request book(String url) {
    return Request.to(BooksSpider_StreamSpider.BOOK, url);
  }

  /**
   * A {@code from_response_request} to {@link BooksSpider#account}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request account(String url) {
    return Request.to(BooksSpider_StreamSpider.ACCOUNT, url);
  }

  /**
   * A {@code request} to {@link BooksSpider#cover}.
   *
   * @param url absolute, or relative to the response being handled
   */
  public static Request cover(String url) {
    return Request.to(BooksSpider_StreamSpider.COVER, url);
  }
}
