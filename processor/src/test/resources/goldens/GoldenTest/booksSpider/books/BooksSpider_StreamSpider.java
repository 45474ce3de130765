package books;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Bindings;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The dispatch table of {@link BooksSpider}: its {@code spider} message, its callbacks
 * and the calls to its methods, generated at compile time so that the
 * runtime needs no reflection.
 */
@Generated(
    value = "io.streamspider.processor.StreamSpiderProcessor",
    comments = "from books.BooksSpider"
)
public final class BooksSpider_StreamSpider implements SpiderDefinition<BooksSpider> {
  /**
   * Callback {@code parse}: {@link BooksSpider#parse}, reached by {@code selector_request}.
   */
  public static final Callback PARSE = Callback.selector("parse", parseSelectors());

  /**
   * Callback {@code book}: {@link BooksSpider#book}, reached by {@code selector_request}.
   */
  public static final Callback BOOK = Callback.selector("book", bookSelectors()).withErrorHandler();

  /**
   * Callback {@code account}: {@link BooksSpider#account}, reached by {@code from_response_request}.
   */
  public static final Callback ACCOUNT = Callback.form("account", accountForm());

  /**
   * Callback {@code cover}: {@link BooksSpider#cover}, reached by {@code request}.
   */
  public static final Callback COVER = Callback.plain("cover").withBase64Body();

  private static final SpiderInfo INFO = new SpiderInfo(
      "books",
      List.of("http://127.0.0.1:8080/"),
      List.of("127.0.0.1"),
      customSettings());

  private static final List<Callback> CALLBACKS = List.of(PARSE, BOOK, ACCOUNT, COVER);

  private static final Set<String> ARGUMENT_NAMES = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of("category", "max-pages")));

  /**
   * Called by {@link java.util.ServiceLoader}.
   */
  public BooksSpider_StreamSpider() {
  }

  @Override
  public SpiderInfo info() {
    return INFO;
  }

  @Override
  public Collection<Callback> callbacks() {
    return CALLBACKS;
  }

  @Override
  public Callback callback(String id) {
    if (id == null) {
      return null;
    }
    switch (id) {
      case "parse":
        return PARSE;
      case "book":
        return BOOK;
      case "account":
        return ACCOUNT;
      case "cover":
        return COVER;
      default:
        return null;
    }
  }

  @Override
  public Set<String> argumentNames() {
    return ARGUMENT_NAMES;
  }

  @Override
  public BooksSpider newSpider(SpiderArguments arguments) {
    BooksSpider spider = new BooksSpider();
    if (arguments.has("category")) {
      spider.category = arguments.string("category");
    }
    spider.maxPages = arguments.intValue("max-pages");
    return spider;
  }

  @Override
  public Object invoke(BooksSpider spider, Callback callback, Response response) throws Exception {
    switch (callback.id()) {
      case "parse":
        return spider.parse(
            response,
            response.values("books"),
            Bindings.optional(response.values("next")));
      case "book":
        return spider.book(new BooksSpider.Book(
                Bindings.first(response.values("book.title")),
                Bindings.bigDecimalOrNull(response, "books", "book.price"),
                Bindings.optional(response.values("book.stock"))));
      case "account":
        return spider.account(response);
      case "cover":
        return spider.cover(
            response.body(),
            response);
      default:
        throw new IllegalArgumentException(
            "spider books has no callback " + callback.id());
    }
  }

  @Override
  public Object onError(BooksSpider spider, Callback callback, Failure failure) throws Exception {
    switch (callback.id()) {
      case "book":
        spider.bookFailed(failure);
        return null;
      default:
        throw new IllegalArgumentException(
            "spider books has no error handler for callback " + callback.id());
    }
  }

  private static Map<String, SelectorSpec> parseSelectors() {
    Map<String, SelectorSpec> selectors = new LinkedHashMap<>();
    selectors.put("books", SelectorSpec.css("article h3 a::attr(href)"));
    selectors.put("next", SelectorSpec.css("li.next a::attr(href)"));
    return selectors;
  }

  private static Map<String, SelectorSpec> bookSelectors() {
    Map<String, SelectorSpec> selectors = new LinkedHashMap<>();
    selectors.put("book.title", SelectorSpec.css("h1::text"));
    selectors.put("book.price", SelectorSpec.xpath("//p[@class='price']/text()"));
    selectors.put("book.stock", SelectorSpec.css("p.stock::text"));
    return selectors;
  }

  private static FormSpec accountForm() {
    Map<String, Object> formdata = new LinkedHashMap<>();
    formdata.put("user", "alice");
    formdata.put("tag", List.of("a", "b"));
    Map<String, String> clickdata = new LinkedHashMap<>();
    clickdata.put("name", "go");
    return FormSpec.builder()
        .formname("login")
        .formdata(formdata)
        .clickdata(clickdata)
        .build();
  }

  private static Map<String, Object> customSettings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("CONCURRENT_REQUESTS", 2);
    settings.put("DOWNLOAD_DELAY", 0.5);
    settings.put("COOKIES_ENABLED", false);
    settings.put("USER_AGENT", "streamspider-test");
    return settings;
  }
}
