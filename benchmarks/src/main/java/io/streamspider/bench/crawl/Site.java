package io.streamspider.bench.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated shop, in one of two profiles (both fixed by the seed):
 *
 * <ul>
 *   <li>{@link Profile#SMALL}: {@code pages} product pages of ~1.3 KB under {@code /p/<n>.html},
 *       each with a title, a price and {@code links} links to other pages (one to the next page, so
 *       every page is reachable, the rest random), and a start page {@code /index.html} that links
 *       to the first {@code links} products and is linked from nowhere (a start URL is fetched with
 *       dont_filter, so a link back to it would be fetched again, by Scrapy as by us). Every side
 *       extracts title and price and follows every link.
 *   <li>{@link Profile#REALISTIC}: {@code pages} product pages of 17-20 KB as a shop serves them
 *       ({@link ShopPages}: header, mega menu, breadcrumbs, gallery, price box, cart form,
 *       description, spec table, reviews, ten related products, footer, JSON-LD), every 1,000th a
 *       heavy one of 100 KB+ (a long review thread), and listing pages {@code /c/<n>.html} of 50
 *       products each with a "next" link. The start URL is {@code /c/1.html}. Every side extracts
 *       title, price and SKU with CSS on product pages and follows the related products' links and,
 *       on listing pages, the product links and "next".
 * </ul>
 *
 * <p>{@link #expectedPaths()} is every page a correct crawl fetches, each exactly once; {@link
 * #expectedItem(int)} what its item for product {@code i} must say.
 */
public record Site(
    Path root,
    Profile profile,
    int pages,
    int links,
    String startPath,
    List<String> expectedPaths) {
  static final String SMALL_START_PATH = "/index.html";

  /** The two shapes of site; see the class comment. */
  enum Profile {
    SMALL,
    REALISTIC;

    static Profile parse(String s) {
      return switch (s) {
        case "small" -> SMALL;
        case "realistic" -> REALISTIC;
        default ->
            throw new IllegalArgumentException("--profile " + s + ": expected small or realistic");
      };
    }

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the item of product {@code i} must say (the small profile has no SKU: null). */
  record Item(String url, String title, String price, String sku) {}

  static Site generate(Path root, Profile profile, int pages, int links, long seed)
      throws IOException {
    return profile == Profile.SMALL
        ? generateSmall(root, pages, links, seed)
        : generateRealistic(root, pages, seed);
  }

  Item expectedItem(int i) {
    return profile == Profile.SMALL
        ? new Item(path(i), "Product " + i, price(i), null)
        : new Item(path(i), ShopPages.name(i), ShopPages.priceText(i), ShopPages.sku(i));
  }

  private static Site generateSmall(Path root, int pages, int links, long seed) throws IOException {
    Files.createDirectories(root.resolve("p"));
    StringBuilder index =
        new StringBuilder(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Shop</title>"
                + "</head>\n<body><ul>\n");
    for (int i = 0; i < Math.min(links, pages); i++) {
      index
          .append("<li><a href=\"/p/")
          .append(i)
          .append(".html\">Product ")
          .append(i)
          .append("</a></li>\n");
    }
    Files.writeString(
        root.resolve("index.html"), index.append("</ul></body></html>\n"), StandardCharsets.UTF_8);
    Random random = new Random(seed);
    List<String> expected = new ArrayList<>(pages + 1);
    expected.add(SMALL_START_PATH);
    for (int i = 0; i < pages; i++) {
      Set<Integer> targets = new LinkedHashSet<>();
      targets.add((i + 1) % pages);
      while (targets.size() < Math.min(links, pages - 1)) {
        int t = random.nextInt(pages);
        if (t != i) {
          targets.add(t);
        }
      }
      Files.writeString(
          root.resolve("p").resolve(i + ".html"), productPage(i, targets), StandardCharsets.UTF_8);
      expected.add(path(i));
    }
    return new Site(
        root,
        Profile.SMALL,
        pages,
        links,
        SMALL_START_PATH,
        Collections.unmodifiableList(expected));
  }

  private static Site generateRealistic(Path root, int pages, long seed) throws IOException {
    Files.createDirectories(root.resolve("p"));
    Files.createDirectories(root.resolve("c"));
    Random random = new Random(seed);
    List<String> expected = new ArrayList<>();
    int listings = (pages + ShopPages.PER_LISTING - 1) / ShopPages.PER_LISTING;
    for (int c = 1; c <= listings; c++) {
      Files.writeString(
          root.resolve("c").resolve(c + ".html"),
          ShopPages.listing(c, listings, pages),
          StandardCharsets.UTF_8);
      expected.add(ShopPages.listingPath(c));
    }
    for (int i = 0; i < pages; i++) {
      Set<Integer> related = new LinkedHashSet<>();
      while (related.size() < Math.min(ShopPages.RELATED, pages - 1)) {
        int t = random.nextInt(pages);
        if (t != i) {
          related.add(t);
        }
      }
      Files.writeString(
          root.resolve("p").resolve(i + ".html"),
          ShopPages.product(i, related, seed),
          StandardCharsets.UTF_8);
      expected.add(path(i));
    }
    return new Site(
        root,
        Profile.REALISTIC,
        pages,
        ShopPages.RELATED,
        ShopPages.listingPath(1),
        Collections.unmodifiableList(expected));
  }

  /** Bytes of HTML on disk, for the report. */
  long bytes() throws IOException {
    try (var walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Per path the number of times a correct crawl fetches it (1 each). */
  Map<String, Integer> expectedHits() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String p : expectedPaths) {
      m.put(p, 1);
    }
    return m;
  }

  /**
   * Product page {@code i} of the small profile, linking to {@code targets} (also parsed by the
   * select benchmark).
   */
  public static String productPage(int i, Iterable<Integer> targets) {
    StringBuilder b = new StringBuilder(4096);
    String filler = "Well made and built to last; ships in two days. ".repeat(12);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Product ")
        .append(i)
        .append("</title></head>\n<body><h1 class=\"title\">Product ")
        .append(i)
        .append("</h1>\n")
        .append("<p>Price: <span class=\"price\">")
        .append(price(i))
        .append("</span></p>\n")
        .append("<p class=\"description\">")
        .append(filler)
        .append("</p>\n<ul>\n");
    for (int t : targets) {
      b.append("<li><a href=\"/p/")
          .append(t)
          .append(".html\">Product ")
          .append(t)
          .append("</a></li>\n");
    }
    b.append("</ul></body></html>\n");
    return b.toString();
  }

  static String price(int i) {
    return String.format(Locale.ROOT, "$%d.%02d", 5 + (i * 7919) % 500, (i * 31) % 100);
  }

  static String path(int i) {
    return "/p/" + i + ".html";
  }
}
