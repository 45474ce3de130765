package io.streamspider.example;

import io.streamspider.annotations.Contract;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Crawls a product catalogue: listing pages and their pagination, every product's detail page
 * (extracted by the host's selectors into {@link ProductPage}), each product's image (as bytes),
 * and, after logging in with a form, the members-only products.
 *
 * <p>Start it against the bundled demo site ({@link DemoSite}) or any shop with the same markup:
 * {@code -a start_urls=http://127.0.0.1:PORT/ -a allowed_domains=127.0.0.1}.
 */
@Spider(
    name = "catalogue",
    startUrls = "http://127.0.0.1:8000/",
    allowedDomains = "127.0.0.1",
    customSettings = {@Setting(name = "CONCURRENT_REQUESTS", value = "8")})
public class CatalogueSpider {
  // java.util.logging reaches the host as protocol `log` messages, never stderr
  private static final Logger LOG = Logger.getLogger(CatalogueSpider.class.getName());

  /** Login name for the members' area ({@code -a user=...}). */
  @SpiderArg String user = "demo";

  /** Password for the members' area ({@code -a password=...}). */
  @SpiderArg String password = "demo";

  /** Keep only the products of this category, e.g. {@code -a category=Kitchen}; all if unset. */
  @SpiderArg String category;

  private boolean loginRequested;

  /**
   * A listing page: the start URL and every page reached through "next". Links come back as written
   * in the page (relative); the runtime resolves them against the page's URL.
   */
  @Parse
  @Contract(
      url = "http://127.0.0.1:8000/",
      requests = {20, 30})
  public List<Request> parse(
      Response page,
      @Selector(css = "article.product h3 a::attr(href)") List<String> products,
      @Selector(css = "aside.featured a::attr(href)") List<String> featured,
      @Selector(css = "li.next a::attr(href)") Optional<String> next,
      @Selector(css = "a.login::attr(href)") Optional<String> login) {
    LOG.info("listing " + page.url() + ": " + products.size() + " products");
    List<Request> requests = new ArrayList<>();
    for (String href : products) {
      requests.add(CatalogueSpider_Requests.product(href));
    }
    // featured products are listed too: the runtime's duplicate filter drops the repeats
    for (String href : featured) {
      requests.add(CatalogueSpider_Requests.product(href));
    }
    next.ifPresent(href -> requests.add(CatalogueSpider_Requests.parse(href)));
    if (login.isPresent() && !loginRequested) {
      loginRequested = true;
      requests.add(
          CatalogueSpider_Requests.login(login.get())
              .formData("username", user)
              .formData("password", password));
    }
    return requests;
  }

  /** The answer to the submitted login form (the host fills in the form's hidden fields). */
  @Parse("login")
  @FormRequest(formCss = "form#login")
  public Request login(Response page) {
    // an ad-hoc query, evaluated in the spider process by the bundled host module's parsel engine
    String welcome = page.css("h1.welcome::text").get();
    if (welcome == null) {
      LOG.severe(
          "login as "
              + user
              + " failed at "
              + page.url()
              + ": no welcome message; check -a user=... -a password=...");
      return null;
    }
    LOG.info("logged in as " + user + ": " + welcome);
    return CatalogueSpider_Requests.members("/members/");
  }

  /** The members-only listing (needs the session cookie the login set). */
  @Parse("members")
  public List<Request> members(
      @Selector(css = "article.product h3 a::attr(href)") List<String> products) {
    List<Request> requests = new ArrayList<>();
    for (String href : products) {
      requests.add(CatalogueSpider_Requests.product(href));
    }
    return requests;
  }

  /** A product's detail page; asks for its image, carrying the page's fields along in meta. */
  @Parse("product")
  @Contract(
      url = "http://127.0.0.1:8000/catalogue/product-7.html",
      items = 0,
      requests = {1, 1})
  public Request product(Response page, ProductPage product) {
    if (category != null && !category.equalsIgnoreCase(product.category())) {
      return null;
    }
    return CatalogueSpider_Requests.image(product.image())
        .meta("product", product.toMeta(page.url()));
  }

  /** A product page that could not be fetched (the catalogue links to a discontinued item). */
  @OnError("product")
  public void productFailed(Failure failure) {
    LOG.warning("product page missing: " + failure.url() + " (" + failure.exception() + ")");
  }

  /** The product's image, as raw bytes: the item is complete. */
  @Parse("image")
  public Product image(Response response, byte[] png) {
    @SuppressWarnings("unchecked")
    Map<String, Object> page = (Map<String, Object>) response.meta("product");
    @SuppressWarnings("unchecked")
    List<String> tags = (List<String>) page.get("tags");
    return new Product(
        (String) page.get("sku"),
        (String) page.get("title"),
        (String) page.get("category"),
        new BigDecimal((String) page.get("price")),
        ((Number) page.get("stock")).intValue(),
        tags,
        (String) page.get("description"),
        (String) page.get("url"),
        new Product.Image(
            response.url(), sha256(png), png.length, pngDimension(png, 16), pngDimension(png, 20)));
  }

  // a PNG starts with an 8-byte signature and the IHDR chunk: width at 16, height at 20
  private static int pngDimension(byte[] png, int offset) {
    if (png.length < 24 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
      return 0;
    }
    return ByteBuffer.wrap(png, offset, 4).getInt();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
