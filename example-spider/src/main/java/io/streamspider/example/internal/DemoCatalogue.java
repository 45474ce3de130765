package io.streamspider.example.internal;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The demo site's content, generated from a seed: the same seed gives the same products, pages,
 * images and tokens on every run and every machine ({@link Random}'s algorithm is specified). Tests
 * derive their expectations from here, never from the spider.
 */
public final class DemoCatalogue {
  public static final long DEFAULT_SEED = 20_261_121L;
  public static final int PUBLIC_PRODUCTS = 100;
  public static final int MEMBER_PRODUCTS = 5;
  public static final int PAGE_SIZE = 20;
  public static final int FEATURED_PER_PAGE = 2;

  public static final String USER = "demo";
  public static final String PASSWORD = "demo";
  public static final String SESSION_COOKIE = "session";

  /** A product link on a listing page that answers 404. */
  public static final String MISSING_PATH = "/catalogue/discontinued-item.html";

  public static final int MISSING_ON_PAGE = 3;

  /** A sponsored product on a listing page that lives on another site (never resolvable). */
  public static final String OFFSITE_URL =
      "http://offsite.invalid/catalogue/sponsored-product.html";

  public static final int OFFSITE_ON_PAGE = 2;

  private static final String[] ADJECTIVES = {
    "Amber", "Brass", "Cedar", "Copper", "Dawn", "Ember", "Fjord", "Granite", "Harbour", "Indigo",
    "Juniper", "Kestrel", "Linen", "Maple", "Nordic", "Oak", "Pebble", "Quartz", "Rowan", "Saffron",
    "Tidal", "Umber", "Velvet", "Willow"
  };
  private static final String[] CATEGORIES = {"Stationery", "Kitchen", "Outdoor", "Home", "Garden"};
  private static final String[][] NOUNS = {
    {"Notebook", "Fountain Pen", "Letter Set", "Sketchbook", "Desk Tray"},
    {"Teapot", "Salt & Pepper Grinder", "Bread Board", "Espresso Cups", "Spice Tin"},
    {"Lantern", "Compass", "Flask", "Hammock", "Trail Map"},
    {"Candle", "Throw Blanket", "Vase", "Wall Clock", "Doormat"},
    {"Watering Can", "Seed Box", "Trowel", "Bird Feeder", "Planter"}
  };
  private static final String[] TAGS = {
    "gift", "eco", "handmade", "bestseller", "limited", "new", "sale", "vintage"
  };
  // non-ASCII on purpose: items must survive UTF-8 pages, JSON and the FIFO's ASCII escaping
  private static final String[] EXTRAS = {
    "Hand-finished in Zürich.",
    "Crème-coloured, with a naïve charm.",
    "Ships in 2–3 days — free returns.",
    "Perfect with a cup of ☕.",
    "Inspired by the forest 🌲 at dawn.",
    "Prices in £; we also accept €.",
    "“Simply the best,” say our customers.",
    "Made from 100% recycled materials."
  };

  private final long seed;
  private final List<DemoProduct> products;
  private final List<List<Integer>> featured;
  private final String csrfToken;
  private final String sessionToken;

  public DemoCatalogue(long seed) {
    this.seed = seed;
    Random rnd = new Random(seed);
    List<DemoProduct> all = new ArrayList<>();
    Set<String> titles = new HashSet<>();
    for (int id = 1; id <= PUBLIC_PRODUCTS + MEMBER_PRODUCTS; id++) {
      all.add(product(id, id > PUBLIC_PRODUCTS, rnd, titles));
    }
    this.products = Collections.unmodifiableList(all);
    List<List<Integer>> f = new ArrayList<>();
    for (int page = 1; page <= pageCount(); page++) {
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < FEATURED_PER_PAGE; i++) {
        ids.add(1 + rnd.nextInt(PUBLIC_PRODUCTS));
      }
      f.add(List.copyOf(ids));
    }
    this.featured = Collections.unmodifiableList(f);
    this.csrfToken = Long.toHexString(rnd.nextLong());
    this.sessionToken = Long.toHexString(rnd.nextLong());
  }

  private static DemoProduct product(int id, boolean membersOnly, Random rnd, Set<String> titles) {
    int category;
    String adjective;
    String noun;
    String title;
    do {
      adjective = ADJECTIVES[rnd.nextInt(ADJECTIVES.length)];
      category = rnd.nextInt(CATEGORIES.length);
      noun = NOUNS[category][rnd.nextInt(NOUNS[category].length)];
      title = adjective + " " + noun;
    } while (!titles.add(title));
    BigDecimal price = BigDecimal.valueOf(199 + rnd.nextInt(9_800), 2);
    int stock = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(30);
    Set<String> tags = new LinkedHashSet<>();
    int tagCount = rnd.nextInt(4);
    while (tags.size() < tagCount) {
      tags.add(TAGS[rnd.nextInt(TAGS.length)]);
    }
    if (membersOnly) {
      tags.add("members-only");
    }
    String article = "AEIOU".indexOf(adjective.charAt(0)) >= 0 ? "An " : "A ";
    String description =
        article
            + adjective.toLowerCase(Locale.ROOT)
            + " "
            + noun.toLowerCase(Locale.ROOT)
            + " made for everyday use. "
            + EXTRAS[rnd.nextInt(EXTRAS.length)];
    int width = 12 + rnd.nextInt(21);
    int height = 12 + rnd.nextInt(21);
    byte[] image = Png.encodeRgb(width, height, stripes(width, height, rnd));
    return new DemoProduct(
        id,
        String.format("DC-%04d", id),
        title,
        CATEGORIES[category],
        price,
        stock,
        List.copyOf(tags),
        description,
        membersOnly,
        width,
        height,
        image);
  }

  private static byte[] stripes(int width, int height, Random rnd) {
    byte[] a = new byte[3];
    byte[] b = new byte[3];
    rnd.nextBytes(a);
    rnd.nextBytes(b);
    int band = 2 + rnd.nextInt(5);
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        byte[] c = ((x + y) / band) % 2 == 0 ? a : b;
        System.arraycopy(c, 0, rgb, (y * width + x) * 3, 3);
      }
    }
    return rgb;
  }

  public long seed() {
    return seed;
  }

  /** Every product: the public ones (ids 1..100) then the members-only ones. */
  public List<DemoProduct> products() {
    return products;
  }

  public List<DemoProduct> publicProducts() {
    return products.subList(0, PUBLIC_PRODUCTS);
  }

  public List<DemoProduct> memberProducts() {
    return products.subList(PUBLIC_PRODUCTS, products.size());
  }

  /** The product with this id, or null. */
  public DemoProduct product(int id) {
    return id >= 1 && id <= products.size() ? products.get(id - 1) : null;
  }

  public int pageCount() {
    return (PUBLIC_PRODUCTS + PAGE_SIZE - 1) / PAGE_SIZE;
  }

  /** The public products listed on listing page {@code page} (1-based). */
  public List<DemoProduct> page(int page) {
    int from = (page - 1) * PAGE_SIZE;
    return products.subList(from, Math.min(from + PAGE_SIZE, PUBLIC_PRODUCTS));
  }

  /** Ids of the products in the "Featured" box of listing page {@code page}. */
  public List<Integer> featured(int page) {
    return featured.get(page - 1);
  }

  /** Every featured link: each one repeats a product that is also in the listing. */
  public int featuredLinkCount() {
    return featured.stream().mapToInt(List::size).sum();
  }

  /** Path of listing page {@code page}: {@code /} for the first. */
  public static String pagePath(int page) {
    return page == 1 ? "/" : "/catalogue/page-" + page + ".html";
  }

  public String csrfToken() {
    return csrfToken;
  }

  public String sessionToken() {
    return sessionToken;
  }

  /** SHA-256 of {@code bytes} in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
