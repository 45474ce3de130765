package io.streamspider.bench.crawl;

import java.util.Locale;
import java.util.Random;

/**
 * The pages of the realistic shop profile: product pages of 17-20 KB shaped like a real shop's
 * (header with search and account links, a mega menu of 8 departments with 10 categories each,
 * breadcrumbs, an image gallery with srcsets, a price box, an add-to-cart form with options, a
 * description, a spec table, reviews, ten related products, a footer with a newsletter form, inline
 * scripts and Product JSON-LD), every 1,000th product a heavy page of 100 KB+ (160 reviews), and
 * listing pages of {@link #PER_LISTING} product cards with a "next" link.
 *
 * <p>What the spiders extract, and where it is on a product page (the only element of each): {@code
 * h1.product-title} (the name; some names hold {@code &amp;} and non-ASCII letters), {@code
 * div.price-box span.price} (the related products' cards have {@code span.price} too, so the
 * selector must name the box), {@code span.sku}; links to follow: {@code section.related
 * a.related-link} on product pages, {@code ul.product-grid a.product-link} and {@code
 * nav.pagination a.next} on listing pages. All text is fixed by the product number and the seed.
 */
public final class ShopPages {
  static final int PER_LISTING = 50;
  static final int RELATED = 10;

  /** Every HEAVY_EVERY-th product (i % HEAVY_EVERY == HEAVY_EVERY - 1) is a heavy page. */
  static final int HEAVY_EVERY = 1000;

  private static final String[] ADJECTIVES = {
    "Classic",
    "Alpine",
    "Urban",
    "Coastal",
    "Nordic",
    "Vintage",
    "Compact",
    "Deluxe",
    "Rustic",
    "Modern",
    "Café",
    "Trail",
    "Salt & Pepper",
    "Midnight",
    "Summit",
    "Garden"
  };
  private static final String[] NOUNS = {
    "Jacket",
    "Kettle",
    "Backpack",
    "Lamp",
    "Chair",
    "Sneaker",
    "Blender",
    "Tent",
    "Scarf",
    "Watch",
    "Mug",
    "Desk",
    "Headphones",
    "Rug",
    "Skillet",
    "Bicycle Helmet"
  };
  private static final String[] DEPARTMENTS = {
    "Women", "Men", "Kids", "Home", "Kitchen", "Outdoor", "Electronics", "Sale"
  };
  private static final String[] CATEGORIES = {
    "New arrivals",
    "Best sellers",
    "Jackets & coats",
    "Shoes",
    "Accessories",
    "Bags",
    "Lighting",
    "Furniture",
    "Cookware",
    "Camping",
    "Audio",
    "Gifts"
  };
  private static final String[] WORDS =
      ("quality material durable everyday comfort design lightweight stitched recycled cotton steel"
              + " handle water resistant pocket adjustable strap warm soft finish premium crafted"
              + " tested season travel perfect gift size colour fits easy clean care wash machine"
              + " natural wood frame sturdy base modern look classic style zip closure lining"
              + " breathable mesh")
          .split(" ");
  private static final String[] REVIEWERS = {
    "Anna K.", "Marco", "Jürgen", "Sophie L.", "Dmitri", "Aiko", "Chris P.", "Léa", "Tom", "Priya"
  };

  private ShopPages() {}

  static String name(int i) {
    return ADJECTIVES[(i * 7) % ADJECTIVES.length] + " " + NOUNS[(i / 3) % NOUNS.length] + " " + i;
  }

  static String sku(int i) {
    return String.format(Locale.ROOT, "SS-%06d-%c", i, (char) ('A' + i % 26));
  }

  static String priceText(int i) {
    return "$" + priceValue(i);
  }

  static String priceValue(int i) {
    return String.format(Locale.ROOT, "%d.%02d", 5 + (i * 7919) % 500, (i * 31) % 100);
  }

  static String listingPath(int c) {
    return "/c/" + c + ".html";
  }

  static boolean heavy(int i) {
    return i % HEAVY_EVERY == HEAVY_EVERY - 1;
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private static String words(Random r, int n) {
    StringBuilder b = new StringBuilder(n * 8);
    for (int k = 0; k < n; k++) {
      String w = WORDS[r.nextInt(WORDS.length)];
      if (k == 0) {
        b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        b.append(k % 11 == 0 ? ". " : " ").append(w);
      }
    }
    return b.append('.').toString();
  }

  private static void head(StringBuilder b, String title, String description) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append(" | StreamShop</title>\n")
        .append("<meta name=\"description\" content=\"")
        .append(esc(description))
        .append("\">\n")
        .append("<link rel=\"stylesheet\" href=\"/static/css/main.4f9a1c.css\">\n")
        .append("<link rel=\"stylesheet\" href=\"/static/css/product.77d2e0.css\">\n")
        .append(
            "<link rel=\"preload\" href=\"/static/fonts/inter-var.woff2\" as=\"font\""
                + " crossorigin>\n")
        .append(
            "<script>window.dataLayer=window.dataLayer||[];function"
                + " gtag(){dataLayer.push(arguments);}gtag('js',new"
                + " Date());gtag('config','G-XXXXXX',{anonymize_ip:true});</script>\n")
        .append("<script defer src=\"/static/js/vendor.1b2c3d.js\"></script>\n")
        .append("<script defer src=\"/static/js/app.9e8f7a.js\"></script>\n</head>\n");
  }

  private static void header(StringBuilder b) {
    b.append("<body class=\"page\">\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
        .append(
            "<div class=\"promo-bar\"><p>Free shipping on orders over $50 &middot; 30-day"
                + " returns</p></div>\n")
        .append("<header class=\"site-header\">\n<div class=\"container\">\n")
        .append(
            "<a class=\"logo\" href=\"/\"><img src=\"/static/img/logo.svg\" alt=\"StreamShop\""
                + " width=\"140\" height=\"32\"></a>\n")
        .append("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">")
        .append("<label for=\"q\" class=\"visually-hidden\">Search</label>")
        .append(
            "<input id=\"q\" type=\"search\" name=\"q\" placeholder=\"Search products\""
                + " autocomplete=\"off\">")
        .append(
            "<button type=\"submit\" aria-label=\"Search\"><svg viewBox=\"0 0 24 24\" width=\"20\""
                + " height=\"20\"><path d=\"M15.5 14h-.79l-.28-.27A6.47 6.47 0 0016 9.5 6.5 6.5 0"
                + " 109.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6"
                + " 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5"
                + " 14z\"/></svg></button>")
        .append("</form>\n<ul class=\"account-links\">")
        .append(
            "<li><a href=\"/account/login\">Sign in</a></li><li><a"
                + " href=\"/account/wishlist\">Wishlist</a></li>")
        .append(
            "<li><a class=\"cart-link\" href=\"/cart\">Cart <span"
                + " class=\"cart-count\">0</span></a></li></ul>\n")
        .append("</div>\n");
    // the mega menu: 8 departments, 10 categories each, a featured block
    b.append("<nav class=\"mega-menu\" aria-label=\"Main\">\n<ul class=\"departments\">\n");
    for (int d = 0; d < DEPARTMENTS.length; d++) {
      String dep = DEPARTMENTS[d].toLowerCase(Locale.ROOT);
      b.append("<li class=\"department\"><a class=\"department-link\" href=\"/d/")
          .append(dep)
          .append("\">")
          .append(DEPARTMENTS[d])
          .append("</a>\n<div class=\"panel\"><ul class=\"categories\">");
      for (int c = 0; c < 10; c++) {
        b.append("<li><a href=\"/d/")
            .append(dep)
            .append("/")
            .append(c)
            .append("\">")
            .append(esc(CATEGORIES[c]))
            .append("</a></li>");
      }
      b.append("</ul><div class=\"featured\"><a href=\"/d/")
          .append(dep)
          .append("/featured\"><img src=\"/static/img/menu-")
          .append(dep)
          .append(".jpg\" alt=\"\" loading=\"lazy\" width=\"200\" height=\"120\"><span>Shop the ")
          .append(DEPARTMENTS[d])
          .append(" edit</span></a></div></div></li>\n");
    }
    b.append("</ul>\n</nav>\n</header>\n");
  }

  private static void footer(StringBuilder b) {
    b.append("<footer class=\"site-footer\">\n<div class=\"container\">\n");
    String[][] columns = {
      {
        "Customer service", "Contact us", "Shipping", "Returns", "Order status", "Size guide", "FAQ"
      },
      {"About", "Our story", "Sustainability", "Careers", "Press", "Affiliates", "Stores"},
      {
        "Legal",
        "Terms of service",
        "Privacy policy",
        "Cookie settings",
        "Accessibility",
        "Imprint",
        "Sitemap"
      }
    };
    for (String[] col : columns) {
      b.append("<div class=\"footer-col\"><h4>").append(col[0]).append("</h4><ul>");
      for (int k = 1; k < col.length; k++) {
        b.append("<li><a href=\"/info/")
            .append(col[k].toLowerCase(Locale.ROOT).replace(' ', '-'))
            .append("\">")
            .append(col[k])
            .append("</a></li>");
      }
      b.append("</ul></div>\n");
    }
    b.append(
            "<form class=\"newsletter\" action=\"/newsletter\" method=\"post\"><label"
                + " for=\"nl-email\">Get 10% off your first order</label><input id=\"nl-email\""
                + " type=\"email\" name=\"email\" required><input type=\"hidden\" name=\"source\""
                + " value=\"footer\"><button type=\"submit\">Subscribe</button></form>\n")
        .append(
            "<ul class=\"social\"><li><a href=\"https://social.invalid/streamshop\""
                + " rel=\"noopener\">Social</a></li><li><a"
                + " href=\"https://video.invalid/streamshop\""
                + " rel=\"noopener\">Video</a></li></ul>\n")
        .append(
            "<p class=\"copyright\">&copy; 2026 StreamShop Ltd. All rights reserved.</p>\n"
                + "</div>\n"
                + "</footer>\n")
        .append(
            "<script>document.querySelectorAll('[data-gallery]"
                + " img').forEach(function(i){i.addEventListener('click',function(){document.querySelector('.gallery-main"
                + " img').src=i.dataset.large;});});</script>\n");
  }

  /** Product page {@code i}: see the class comment. */
  public static String product(int i, Iterable<Integer> related, long seed) {
    Random r = new Random(seed * 1_000_003L + i);
    boolean heavy = heavy(i);
    String name = name(i);
    String description = words(r, 40);
    StringBuilder b = new StringBuilder(heavy ? 140_000 : 20_000);
    head(b, name, description.substring(0, Math.min(150, description.length())));
    header(b);
    String dep = DEPARTMENTS[i % DEPARTMENTS.length];
    String cat = CATEGORIES[(i / 8) % CATEGORIES.length];
    b.append(
            "<main id=\"main\" class=\"container\">\n"
                + "<ol class=\"breadcrumbs\" itemscope"
                + " itemtype=\"https://schema.org/BreadcrumbList\"><li><a"
                + " href=\"/\">Home</a></li><li><a href=\"/d/")
        .append(dep.toLowerCase(Locale.ROOT))
        .append("\">")
        .append(dep)
        .append("</a></li><li><a href=\"/d/")
        .append(dep.toLowerCase(Locale.ROOT))
        .append("/")
        .append((i / 8) % CATEGORIES.length)
        .append("\">")
        .append(esc(cat))
        .append("</a></li><li aria-current=\"page\">")
        .append(esc(name))
        .append("</li></ol>\n");
    b.append("<div class=\"product\" itemscope itemtype=\"https://schema.org/Product\">\n");
    // gallery
    b.append("<div class=\"gallery\" data-gallery><div class=\"gallery-main\"><img src=\"/img/p/")
        .append(i)
        .append("/1-800.jpg\" alt=\"")
        .append(esc(name))
        .append("\" width=\"800\" height=\"800\"></div><ul class=\"thumbs\">");
    for (int k = 1; k <= 6; k++) {
      b.append("<li><img src=\"/img/p/")
          .append(i)
          .append('/')
          .append(k)
          .append("-120.jpg\" srcset=\"/img/p/")
          .append(i)
          .append('/')
          .append(k)
          .append("-120.jpg 1x, /img/p/")
          .append(i)
          .append('/')
          .append(k)
          .append("-240.jpg 2x\" data-large=\"/img/p/")
          .append(i)
          .append('/')
          .append(k)
          .append("-800.jpg\" alt=\"View ")
          .append(k)
          .append("\" width=\"120\" height=\"120\" loading=\"lazy\"></li>");
    }
    b.append("</ul></div>\n");
    // summary: title, SKU, rating, price box, cart form
    int rating = 30 + r.nextInt(21);
    int reviews = heavy ? 160 : 2 + r.nextInt(3);
    b.append("<div class=\"summary\">\n<h1 class=\"product-title\" itemprop=\"name\">")
        .append(esc(name))
        .append("</h1>\n<p class=\"meta\">SKU: <span class=\"sku\" itemprop=\"sku\">")
        .append(sku(i))
        .append("</span> &middot; <a href=\"#reviews\" class=\"rating\" title=\"")
        .append(rating / 10)
        .append('.')
        .append(rating % 10)
        .append(" out of 5\">")
        .append("&#9733;".repeat(rating / 10))
        .append(" (")
        .append(reviews)
        .append(" reviews)</a></p>\n");
    b.append(
            "<div class=\"price-box\" itemprop=\"offers\" itemscope"
                + " itemtype=\"https://schema.org/Offer\"><meta itemprop=\"priceCurrency\""
                + " content=\"USD\"><span class=\"price\" itemprop=\"price\" content=\"")
        .append(priceValue(i))
        .append("\">")
        .append(priceText(i))
        .append("</span>");
    if (i % 3 == 0) {
      b.append(" <del class=\"old-price\">$")
          .append(priceValue(i + 17))
          .append("</del> <span class=\"badge\">Sale</span>");
    }
    b.append("<p class=\"stock ")
        .append(i % 9 == 0 ? "low" : "in")
        .append("\">")
        .append(i % 9 == 0 ? "Only 2 left" : "In stock")
        .append(", ships in 1-2 days</p></div>\n");
    b.append("<form class=\"add-to-cart\" action=\"/cart/add\" method=\"post\">\n")
        .append("<input type=\"hidden\" name=\"product_id\" value=\"")
        .append(i)
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"form_key\" value=\"")
        .append(Long.toHexString(r.nextLong()))
        .append("\">\n")
        .append("<label for=\"size\">Size</label><select id=\"size\" name=\"size\">");
    for (String s : new String[] {"XS", "S", "M", "L", "XL", "XXL"}) {
      b.append("<option value=\"").append(s).append("\">").append(s).append("</option>");
    }
    b.append("</select>\n<fieldset class=\"colours\"><legend>Colour</legend>");
    for (String c : new String[] {"black", "navy", "olive", "sand"}) {
      b.append("<label><input type=\"radio\" name=\"colour\" value=\"")
          .append(c)
          .append("\"> ")
          .append(c)
          .append("</label>");
    }
    b.append(
            "</fieldset>\n"
                + "<label for=\"qty\">Quantity</label><input id=\"qty\" type=\"number\""
                + " name=\"qty\" value=\"1\" min=\"1\" max=\"10\">\n"
                + "<button type=\"submit\" class=\"btn btn-primary\">Add to cart</button>\n"
                + "<button type=\"button\" class=\"btn wishlist\" data-product=\"")
        .append(i)
        .append("\">Add to wishlist</button>\n</form>\n</div>\n");
    // description and spec table
    b.append("<section class=\"description\" itemprop=\"description\"><h2>Description</h2>\n<p>")
        .append(description)
        .append("</p>\n<p>")
        .append(words(r, 30))
        .append("</p>\n<ul class=\"features\">");
    for (int k = 0; k < 5; k++) {
      b.append("<li>").append(words(r, 7)).append("</li>");
    }
    b.append(
        "</ul></section>\n"
            + "<section class=\"specs\"><h2>Specifications</h2><table"
            + " class=\"spec-table\"><tbody>\n");
    String[] specs = {
      "Material",
      "Weight",
      "Dimensions",
      "Colour",
      "Care",
      "Origin",
      "Warranty",
      "Model year",
      "Fit",
      "Closure",
      "Lining",
      "Pockets"
    };
    for (String s : specs) {
      b.append("<tr><th scope=\"row\">")
          .append(s)
          .append("</th><td>")
          .append(words(r, 3))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></section>\n");
    // reviews
    b.append("<section id=\"reviews\" class=\"reviews\"><h2>Customer reviews</h2>\n");
    for (int k = 0; k < reviews; k++) {
      int stars = 1 + r.nextInt(5);
      b.append(
              "<article class=\"review\" itemprop=\"review\" itemscope"
                  + " itemtype=\"https://schema.org/Review\"><header><span class=\"author\""
                  + " itemprop=\"author\">")
          .append(REVIEWERS[r.nextInt(REVIEWERS.length)])
          .append("</span> <span class=\"stars\" title=\"")
          .append(stars)
          .append(" of 5\">")
          .append("&#9733;".repeat(stars))
          .append("</span> <time datetime=\"2026-")
          .append(String.format(Locale.ROOT, "%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)))
          .append("\">")
          .append(1 + r.nextInt(28))
          .append(" days ago</time></header><p>")
          .append(words(r, 18 + r.nextInt(20)))
          .append("</p><footer><button class=\"helpful\" data-review=\"")
          .append(k)
          .append("\">Helpful</button></footer></article>\n");
    }
    b.append("</section>\n");
    // related products
    b.append("<section class=\"related\"><h2>You may also like</h2><ul class=\"cards\">\n");
    for (int t : related) {
      b.append("<li class=\"card\"><a class=\"related-link\" href=\"/p/")
          .append(t)
          .append(".html\"><img src=\"/img/p/")
          .append(t)
          .append(
              "/1-240.jpg\" alt=\"\" width=\"240\" height=\"240\" loading=\"lazy\"><span"
                  + " class=\"name\">")
          .append(esc(name(t)))
          .append("</span></a><span class=\"price\">")
          .append(priceText(t))
          .append("</span></li>\n");
    }
    b.append("</ul></section>\n</div>\n</main>\n");
    footer(b);
    b.append(
            "<script"
                + " type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\",\"name\":\"")
        .append(name.replace("\"", "\\\""))
        .append("\",\"sku\":\"")
        .append(sku(i))
        .append("\",\"image\":\"/img/p/")
        .append(i)
        .append("/1-800.jpg\",\"brand\":{\"@type\":\"Brand\",\"name\":\"StreamShop\"},")
        .append("\"aggregateRating\":{\"@type\":\"AggregateRating\",\"ratingValue\":\"")
        .append(rating / 10)
        .append('.')
        .append(rating % 10)
        .append("\",\"reviewCount\":\"")
        .append(reviews)
        .append("\"},")
        .append("\"offers\":{\"@type\":\"Offer\",\"priceCurrency\":\"USD\",\"price\":\"")
        .append(priceValue(i))
        .append(
            "\",\"availability\":\"https://schema.org/InStock\"}}</script>\n</body>\n</html>\n");
    return b.toString();
  }

  /** Listing page {@code c} of {@code listings} (1-based): products {@code (c-1)*50 ..}. */
  public static String listing(int c, int listings, int pages) {
    StringBuilder b = new StringBuilder(40_000);
    head(
        b, "All products, page " + c, "Everything StreamShop sells, page " + c + " of " + listings);
    header(b);
    b.append("<main id=\"main\" class=\"container\">\n<h1>All products</h1>\n<p class=\"count\">")
        .append(pages)
        .append(" products</p>\n<ul class=\"product-grid\">\n");
    for (int i = (c - 1) * PER_LISTING; i < Math.min(pages, c * PER_LISTING); i++) {
      b.append("<li class=\"card\"><a class=\"product-link\" href=\"/p/")
          .append(i)
          .append(".html\"><img src=\"/img/p/")
          .append(i)
          .append(
              "/1-240.jpg\" alt=\"\" width=\"240\" height=\"240\" loading=\"lazy\"><span"
                  + " class=\"name\">")
          .append(esc(name(i)))
          .append("</span></a><span class=\"price\">")
          .append(priceText(i))
          .append("</span></li>\n");
    }
    b.append("</ul>\n<nav class=\"pagination\" aria-label=\"Pages\">");
    if (c > 1) {
      b.append("<a class=\"prev\" rel=\"prev\" href=\"")
          .append(listingPath(c - 1))
          .append("\">Previous</a> ");
    }
    b.append("<span class=\"current\">Page ")
        .append(c)
        .append(" of ")
        .append(listings)
        .append("</span>");
    if (c < listings) {
      b.append(" <a class=\"next\" rel=\"next\" href=\"")
          .append(listingPath(c + 1))
          .append("\">Next</a>");
    }
    b.append("</nav>\n</main>\n");
    footer(b);
    b.append("</body>\n</html>\n");
    return b.toString();
  }
}
