package io.streamspider.bench.select;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic shop product pages for the select benchmark, the same for a given seed: doctype, head
 * with meta, link, style and an inline script; header with search form and a mega menu of nested
 * lists; breadcrumbs; gallery with {@code srcset}; price box; cart form (select, hidden inputs,
 * quantity, button); description with character references; spec table; reviews; ten related
 * products; footer; JSON-LD; analytics scripts with {@code <} in their code.
 *
 * <p>{@code reviews} sets the size: 3 give about 19 KB (the pages outside measurement saw were
 * 17-20 KB), 120 about 117 KB.
 */
public final class ProductPages {
  private ProductPages() {}

  /** What a shop spider asks of every product page: title, price, SKU, related links, image. */
  public static final List<String> QUERIES =
      List.of(
          "h1.product-title::text",
          "div.price-box span.price::text",
          "span[itemprop=sku]::text",
          "ul.related a.product-link::attr(href)",
          "meta[property='og:image']::attr(content)");

  private static final String[] WORDS =
      ("stainless steel handle grip kettle quiet fast boil litre capacity cordless base filter"
           + " limescale indicator light auto shut off cool touch body matte finish warranty years"
           + " easy clean lid wide spout pour drip free design kitchen counter compact travel"
           + " family energy saving rapid heat element concealed safety lock water window level"
           + " gauge")
          .split(" ");

  private static final String[] CATEGORIES = {
    "Kitchen", "Home", "Garden", "Electronics", "Outdoor", "Office", "Toys", "Sports", "Beauty"
  };

  /** Product page {@code id} with {@code reviews} reviews; fixed by {@code seed}. */
  public static String page(long seed, int id, int reviews) {
    Random r = new Random(seed * 1_000_003L + id);
    StringBuilder b = new StringBuilder(20_000 + reviews * 900);
    String name = title(r);
    String price = price(r);
    String sku = String.format(Locale.ROOT, "SKU-%06d", id);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(name)
        .append(" | Example Shop</title>\n")
        .append("<meta name=\"description\" content=\"Buy ")
        .append(name)
        .append(" &amp; more at Example Shop.\">\n")
        .append("<meta property=\"og:title\" content=\"")
        .append(name)
        .append("\">\n")
        .append("<meta property=\"og:image\" content=\"https://cdn.example.com/img/")
        .append(id)
        .append("/main.jpg\">\n")
        .append("<link rel=\"canonical\" href=\"https://shop.example.com/p/")
        .append(id)
        .append(".html\">\n")
        .append("<link rel=\"stylesheet\" href=\"/static/css/main.4f2a9c.css\">\n")
        .append(
            "<style>.price-box{font-weight:bold}.hidden{display:none}.stars>i{color:#fc0}</style>\n")
        .append(
            "<script>window.dataLayer=window.dataLayer||[];function"
                + " gtag(){dataLayer.push(arguments)}gtag('js',new"
                + " Date());if(dataLayer.length<2&&window.innerWidth>0){gtag('config','G-XXXX')}</script>\n")
        .append("</head>\n<body class=\"product-page theme-light\">\n");
    header(b, r);
    b.append("<nav class=\"breadcrumbs\" aria-label=\"breadcrumb\"><ol>\n")
        .append("<li><a href=\"/\">Home</a></li>\n");
    String cat = CATEGORIES[r.nextInt(CATEGORIES.length)];
    b.append("<li><a href=\"/c/")
        .append(cat.toLowerCase(Locale.ROOT))
        .append("\">")
        .append(cat)
        .append("</a></li>\n")
        .append("<li><a href=\"/c/")
        .append(cat.toLowerCase(Locale.ROOT))
        .append("/sub-")
        .append(r.nextInt(40))
        .append("\">")
        .append(words(r, 2))
        .append("</a></li>\n")
        .append("<li class=\"active\" aria-current=\"page\">")
        .append(name)
        .append("</li>\n</ol></nav>\n");
    b.append("<main id=\"content\" itemscope itemtype=\"https://schema.org/Product\">\n")
        .append("<div class=\"product-top\">\n<div class=\"gallery\">\n");
    for (int i = 0; i < 6; i++) {
      b.append("<figure class=\"gallery-item")
          .append(i == 0 ? " active" : "")
          .append("\">")
          .append("<img src=\"https://cdn.example.com/img/")
          .append(id)
          .append('/')
          .append(i)
          .append("-600.jpg\" ")
          .append("srcset=\"https://cdn.example.com/img/")
          .append(id)
          .append('/')
          .append(i)
          .append("-600.jpg 600w, ")
          .append("https://cdn.example.com/img/")
          .append(id)
          .append('/')
          .append(i)
          .append("-1200.jpg 1200w\" ")
          .append("sizes=\"(max-width: 600px) 100vw, 600px\" alt=\"")
          .append(name)
          .append(" view ")
          .append(i + 1)
          .append("\" loading=\"lazy\" data-zoom=\"https://cdn.example.com/img/")
          .append(id)
          .append('/')
          .append(i)
          .append("-2400.jpg\"></figure>\n");
    }
    b.append("</div>\n<div class=\"summary\">\n<h1 class=\"product-title\" itemprop=\"name\">")
        .append(name)
        .append("</h1>\n")
        .append("<p class=\"meta\">Item <span itemprop=\"sku\">")
        .append(sku)
        .append("</span> &middot; Brand: ")
        .append("<a href=\"/brand/")
        .append(r.nextInt(90))
        .append("\" itemprop=\"brand\">")
        .append(capital(WORDS[r.nextInt(WORDS.length)]))
        .append("</a></p>\n")
        .append("<div class=\"rating-summary\"><span class=\"stars\" title=\"")
        .append(3 + r.nextInt(3))
        .append(
            " out of"
                + " 5\"><i>&#9733;</i><i>&#9733;</i><i>&#9733;</i><i>&#9733;</i><i>&#9734;</i></span>"
                + " ")
        .append("<a href=\"#reviews\">")
        .append(reviews)
        .append(" reviews</a></div>\n")
        .append(
            "<div class=\"price-box\" itemprop=\"offers\" itemscope"
                + " itemtype=\"https://schema.org/Offer\">\n")
        .append("<span class=\"price\" itemprop=\"price\" content=\"")
        .append(price.substring(1))
        .append("\">")
        .append(price)
        .append("</span>\n<del class=\"old-price\">")
        .append(price(r))
        .append("</del>\n")
        .append("<span class=\"badge sale\">-")
        .append(5 + r.nextInt(40))
        .append("%</span>\n")
        .append(
            "<meta itemprop=\"priceCurrency\" content=\"USD\"><link itemprop=\"availability\""
                + " href=\"https://schema.org/InStock\">\n")
        .append("</div>\n");
    b.append("<form class=\"cart-form\" action=\"/cart/add\" method=\"post\" data-product-id=\"")
        .append(id)
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"product_id\" value=\"")
        .append(id)
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"csrf_token\" value=\"")
        .append(Long.toHexString(r.nextLong()))
        .append(Long.toHexString(r.nextLong()))
        .append("\">\n")
        .append("<label for=\"colour\">Colour</label>\n<select id=\"colour\" name=\"colour\">\n");
    for (String c : new String[] {"Black", "White", "Red", "Steel", "Sage green"}) {
      b.append("<option value=\"")
          .append(c.toLowerCase(Locale.ROOT).replace(' ', '-'))
          .append("\">")
          .append(c)
          .append("</option>\n");
    }
    b.append("</select>\n<label for=\"qty\">Quantity</label>\n")
        .append(
            "<input id=\"qty\" type=\"number\" name=\"qty\" value=\"1\" min=\"1\" max=\"10\">\n")
        .append("<button type=\"submit\" class=\"btn btn-primary\">Add to cart</button>\n")
        .append(
            "<button type=\"button\" class=\"btn btn-link wishlist\""
                + " data-action=\"wishlist\">&#9825; Save</button>\n")
        .append(
            "</form>\n<ul class=\"usp\"><li>Free delivery over $50</li><li>30-day returns</li><li>")
        .append(1 + r.nextInt(5))
        .append("-year warranty</li></ul>\n</div>\n</div>\n");
    b.append("<section class=\"description\" itemprop=\"description\">\n<h2>Description</h2>\n");
    for (int p = 0; p < 3; p++) {
      b.append("<p>")
          .append(capital(words(r, 14)))
          .append(", <strong>")
          .append(words(r, 3))
          .append("</strong> &amp; ")
          .append(words(r, 12))
          .append(" &ndash; <em>")
          .append(words(r, 4))
          .append("</em>. ")
          .append(capital(words(r, 18)))
          .append(".</p>\n");
    }
    b.append("<ul class=\"features\">\n");
    for (int i = 0; i < 5; i++) {
      b.append("<li>").append(capital(words(r, 6))).append("</li>\n");
    }
    b.append(
        "</ul>\n"
            + "</section>\n"
            + "<section class=\"specs\">\n"
            + "<h2>Specifications</h2>\n"
            + "<table class=\"spec-table\">\n"
            + "<tbody>\n");
    for (int i = 0; i < 12; i++) {
      b.append("<tr><th scope=\"row\">")
          .append(capital(words(r, 2)))
          .append("</th><td>")
          .append(r.nextInt(2000))
          .append(' ')
          .append(words(r, 1))
          .append("</td></tr>\n");
    }
    b.append(
        "</tbody>\n"
            + "</table>\n"
            + "</section>\n"
            + "<section id=\"reviews\" class=\"reviews\">\n"
            + "<h2>Customer reviews</h2>\n");
    for (int i = 0; i < reviews; i++) {
      int stars = 1 + r.nextInt(5);
      b.append(
              "<article class=\"review\" itemprop=\"review\" itemscope"
                  + " itemtype=\"https://schema.org/Review\">\n")
          .append("<header><span class=\"author\" itemprop=\"author\">")
          .append(capital(WORDS[r.nextInt(WORDS.length)]))
          .append(' ')
          .append(Character.toUpperCase(WORDS[r.nextInt(WORDS.length)].charAt(0)))
          .append(".</span> ")
          .append("<time datetime=\"2026-")
          .append(String.format(Locale.ROOT, "%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)))
          .append("\">")
          .append(1 + r.nextInt(28))
          .append(" days ago</time> ")
          .append("<span class=\"stars\" data-rating=\"")
          .append(stars)
          .append("\">")
          .append("&#9733;".repeat(stars))
          .append("&#9734;".repeat(5 - stars))
          .append("</span></header>\n")
          .append("<h3>")
          .append(capital(words(r, 4)))
          .append("</h3>\n")
          .append("<p itemprop=\"reviewBody\">")
          .append(capital(words(r, 25 + r.nextInt(30))))
          .append(". ")
          .append(capital(words(r, 10)))
          .append("!</p>\n")
          .append("<footer><button class=\"helpful\" data-review=\"")
          .append(id * 1000 + i)
          .append("\">Helpful (")
          .append(r.nextInt(50))
          .append(")</button> <a href=\"/review/report?id=")
          .append(id * 1000 + i)
          .append("&amp;p=")
          .append(id)
          .append("\" rel=\"nofollow\">Report</a></footer>\n</article>\n");
    }
    b.append(
        "</section>\n"
            + "<section class=\"related\">\n"
            + "<h2>Customers also bought</h2>\n"
            + "<ul class=\"related\">\n");
    for (int i = 0; i < 10; i++) {
      int other = r.nextInt(100_000);
      b.append("<li class=\"product-card\"><a class=\"product-link\" href=\"/p/")
          .append(other)
          .append(".html\">")
          .append("<img src=\"https://cdn.example.com/img/")
          .append(other)
          .append("/0-200.jpg\" alt=\"\" width=\"200\" height=\"200\">")
          .append("<span class=\"name\">")
          .append(title(r))
          .append("</span></a>")
          .append("<span class=\"price\">")
          .append(price(r))
          .append("</span></li>\n");
    }
    b.append("</ul>\n</section>\n</main>\n");
    footer(b, r);
    b.append(
            "<script"
                + " type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\",")
        .append("\"name\":\"")
        .append(name)
        .append("\",\"sku\":\"")
        .append(sku)
        .append("\",\"image\":[")
        .append("\"https://cdn.example.com/img/")
        .append(id)
        .append("/0-1200.jpg\"],\"offers\":{\"@type\":\"Offer\",")
        .append("\"price\":\"")
        .append(price.substring(1))
        .append("\",\"priceCurrency\":\"USD\"}}</script>\n")
        .append(
            "<script>(function(){var q=document.querySelectorAll('.gallery-item');for(var"
                + " i=0;i<q.length;i++){")
        .append(
            "q[i].addEventListener('click',function(e){if(e.button<1){this.classList.add('active')}})}})();</script>\n")
        .append("<script src=\"/static/js/app.8e1b2d.js\" defer></script>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, Random r) {
    b.append("<header class=\"site-header\">\n<div class=\"top-bar\"><a href=\"/help\">Help</a> | ")
        .append("<a href=\"/stores\">Stores</a> | <a href=\"/account/login\">Sign in</a></div>\n")
        .append(
            "<a class=\"logo\" href=\"/\"><img src=\"/static/logo.svg\" alt=\"Example Shop\""
                + " width=\"160\" height=\"40\"></a>\n")
        .append("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">")
        .append(
            "<input type=\"search\" name=\"q\" placeholder=\"Search products\""
                + " autocomplete=\"off\">")
        .append("<button type=\"submit\">Search</button></form>\n")
        .append(
            "<a class=\"cart-link\" href=\"/cart\">Cart (<span"
                + " class=\"cart-count\">0</span>)</a>\n")
        .append("<nav class=\"mega-menu\">\n<ul class=\"level-1\">\n");
    for (String cat : CATEGORIES) {
      String slug = cat.toLowerCase(Locale.ROOT);
      b.append("<li class=\"has-children\"><a href=\"/c/")
          .append(slug)
          .append("\">")
          .append(cat)
          .append("</a>\n")
          .append("<div class=\"dropdown\"><ul class=\"level-2\">\n");
      for (int i = 0; i < 6; i++) {
        b.append("<li><a href=\"/c/")
            .append(slug)
            .append("/sub-")
            .append(i)
            .append("\">")
            .append(capital(words(r, 2)))
            .append("</a></li>\n");
      }
      b.append("</ul></div></li>\n");
    }
    b.append("</ul>\n</nav>\n</header>\n");
  }

  private static void footer(StringBuilder b, Random r) {
    b.append("<footer class=\"site-footer\">\n");
    for (String col : new String[] {"Customer service", "About us", "Shop"}) {
      b.append("<div class=\"footer-col\"><h4>").append(col).append("</h4><ul>\n");
      for (int i = 0; i < 6; i++) {
        String w = words(r, 2);
        b.append("<li><a href=\"/info/")
            .append(w.replace(' ', '-'))
            .append("\">")
            .append(capital(w))
            .append("</a></li>\n");
      }
      b.append("</ul></div>\n");
    }
    b.append(
        "<p class=\"copyright\">&copy; 2026 Example Shop Ltd. All rights reserved.</p>\n"
            + "</footer>\n");
  }

  private static String title(Random r) {
    return capital(words(r, 2))
        + " "
        + capital(WORDS[r.nextInt(WORDS.length)])
        + " "
        + (100 + r.nextInt(900));
  }

  private static String price(Random r) {
    return String.format(Locale.ROOT, "$%d.%02d", 5 + r.nextInt(500), r.nextInt(100));
  }

  private static String words(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
