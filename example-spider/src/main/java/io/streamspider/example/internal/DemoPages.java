package io.streamspider.example.internal;

/**
 * The demo site's HTML. Links are relative where a real shop's would be, so a spider has to resolve
 * them against the page's URL.
 */
public final class DemoPages {
  private final DemoCatalogue catalogue;

  public DemoPages(DemoCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Listing page {@code page} (1-based): a grid of products, a featured box, the pager. */
  public String listing(int page) {
    int pages = catalogue.pageCount();
    // page 1 is "/", the others live in /catalogue/: links differ by that prefix
    String toCatalogue = page == 1 ? "catalogue/" : "";
    String toRoot = page == 1 ? "" : "../";
    StringBuilder html = new StringBuilder();
    head(html, "All products – page " + page + " of " + pages, toRoot);
    html.append("<ul class=\"breadcrumb\"><li><a href=\"")
        .append(toRoot.isEmpty() ? "./" : toRoot)
        .append("\">Home</a></li><li class=\"active\">All products</li></ul>\n");
    html.append("<aside class=\"featured\">\n<h2>Featured</h2>\n<ul>\n");
    for (int id : catalogue.featured(page)) {
      DemoProduct p = catalogue.product(id);
      html.append("<li><a href=\"")
          .append(toCatalogue)
          .append(fileName(p))
          .append("\">")
          .append(escape(p.title()))
          .append("</a></li>\n");
    }
    html.append("</ul>\n</aside>\n<section class=\"products\">\n");
    for (DemoProduct p : catalogue.page(page)) {
      article(
          html,
          toCatalogue + fileName(p),
          toRoot + p.imagePath().substring(1),
          p.title(),
          p.displayPrice(),
          "product");
    }
    if (page == DemoCatalogue.OFFSITE_ON_PAGE) {
      article(
          html,
          DemoCatalogue.OFFSITE_URL,
          toRoot + "media/sponsored.png",
          "Sponsored: Partner Shop Gift Card",
          "£25.00",
          "product sponsored");
    }
    if (page == DemoCatalogue.MISSING_ON_PAGE) {
      String missing = DemoCatalogue.MISSING_PATH.substring("/catalogue/".length());
      article(
          html,
          toCatalogue + missing,
          toRoot + "media/discontinued.png",
          "Discontinued Item",
          "£0.00",
          "product");
    }
    html.append("</section>\n<ul class=\"pager\">\n");
    if (page > 1) {
      String previous = page == 2 ? "../" : "page-" + (page - 1) + ".html";
      html.append("<li class=\"previous\"><a href=\"")
          .append(previous)
          .append("\">previous</a></li>\n");
    }
    html.append("<li class=\"current\">Page ")
        .append(page)
        .append(" of ")
        .append(pages)
        .append("</li>\n");
    if (page < pages) {
      html.append("<li class=\"next\"><a href=\"")
          .append(toCatalogue)
          .append("page-")
          .append(page + 1)
          .append(".html\">next</a></li>\n");
    }
    html.append("</ul>\n");
    return foot(html);
  }

  private static void article(
      StringBuilder html, String href, String img, String title, String price, String cls) {
    html.append("<article class=\"")
        .append(cls)
        .append("\">\n")
        .append("  <a href=\"")
        .append(escape(href))
        .append("\"><img class=\"thumbnail\" src=\"")
        .append(escape(img))
        .append("\" alt=\"")
        .append(escape(title))
        .append("\"></a>\n")
        .append("  <h3><a href=\"")
        .append(escape(href))
        .append("\" title=\"")
        .append(escape(title))
        .append("\">")
        .append(escape(title))
        .append("</a></h3>\n")
        .append("  <p class=\"price\">")
        .append(escape(price))
        .append("</p>\n")
        .append("</article>\n");
  }

  /** A product's detail page. */
  public String product(DemoProduct p) {
    StringBuilder html = new StringBuilder();
    head(html, p.title(), "../");
    html.append("<ul class=\"breadcrumb\"><li><a href=\"../\">Home</a></li>")
        .append("<li class=\"category\">")
        .append(escape(p.category()))
        .append("</li>")
        .append("<li class=\"active\">")
        .append(escape(p.title()))
        .append("</li></ul>\n");
    html.append("<div class=\"product\">\n");
    html.append("<img class=\"product-image\" src=\"..")
        .append(p.imagePath())
        .append("\" alt=\"")
        .append(escape(p.title()))
        .append("\" width=\"")
        .append(p.imageWidth())
        .append("\" height=\"")
        .append(p.imageHeight())
        .append("\">\n");
    html.append("<h1>").append(escape(p.title())).append("</h1>\n");
    if (p.membersOnly()) {
      html.append("<p class=\"members-only\">Members only</p>\n");
    }
    html.append("<p class=\"price\" data-price=\"")
        .append(p.price().toPlainString())
        .append("\">")
        .append(escape(p.displayPrice()))
        .append("</p>\n");
    html.append("<p class=\"availability\" data-stock=\"")
        .append(p.stock())
        .append("\">")
        .append(p.stock() == 0 ? "Out of stock" : "In stock (" + p.stock() + " available)")
        .append("</p>\n");
    html.append("<table class=\"info\"><tr><th>SKU</th><td><span class=\"sku\">")
        .append(escape(p.sku()))
        .append("</span></td></tr></table>\n");
    html.append("<ul class=\"tags\">");
    for (String tag : p.tags()) {
      html.append("<li>").append(escape(tag)).append("</li>");
    }
    html.append("</ul>\n<h2>Description</h2>\n<p class=\"description\">")
        .append(escape(p.description()))
        .append("</p>\n</div>\n");
    return foot(html);
  }

  /** The login form; {@code error} is shown above it when not null. */
  public String login(String error) {
    StringBuilder html = new StringBuilder();
    head(html, "Log in", "");
    html.append("<h1>Log in</h1>\n");
    if (error != null) {
      html.append("<p class=\"error\">").append(escape(error)).append("</p>\n");
    }
    html.append("<form id=\"login\" name=\"login\" action=\"/login\" method=\"post\">\n")
        .append("<input type=\"hidden\" name=\"csrf_token\" value=\"")
        .append(catalogue.csrfToken())
        .append("\">\n")
        .append("<label>Username <input type=\"text\" name=\"username\" value=\"\"></label>\n")
        .append("<label>Password <input type=\"password\" name=\"password\"></label>\n")
        .append("<button type=\"submit\" name=\"action\" value=\"login\">Log in</button>\n")
        .append("</form>\n");
    return foot(html);
  }

  /** The page a successful login answers with. */
  public String welcome(String user) {
    StringBuilder html = new StringBuilder();
    head(html, "Welcome", "");
    html.append("<h1 class=\"welcome\">Welcome back, ")
        .append(escape(user))
        .append("!</h1>\n")
        .append("<p><a class=\"members\" href=\"/members/\">Members' corner</a></p>\n");
    return foot(html);
  }

  /** The members-only listing. */
  public String members() {
    StringBuilder html = new StringBuilder();
    head(html, "Members' corner", "../");
    html.append("<h1>Members' corner</h1>\n<section class=\"products\">\n");
    for (DemoProduct p : catalogue.memberProducts()) {
      article(
          html,
          "../catalogue/" + fileName(p),
          ".." + p.imagePath(),
          p.title(),
          p.displayPrice(),
          "product");
    }
    html.append("</section>\n");
    return foot(html);
  }

  public String forbidden() {
    StringBuilder html = new StringBuilder();
    head(html, "Members only", "/");
    html.append("<h1>Members only</h1>\n<p>Please <a href=\"/login\">log in</a>.</p>\n");
    return foot(html);
  }

  public String notFound(String path) {
    StringBuilder html = new StringBuilder();
    head(html, "Not found", "/");
    html.append("<h1>Not found</h1>\n<p>Nothing lives at ").append(escape(path)).append(".</p>\n");
    return foot(html);
  }

  private static String fileName(DemoProduct p) {
    return p.path().substring("/catalogue/".length());
  }

  private static void head(StringBuilder html, String title, String toRoot) {
    String root = toRoot.isEmpty() ? "./" : toRoot;
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append(" | Demo Catalogue</title>\n</head>\n<body>\n")
        .append("<header><a class=\"home\" href=\"")
        .append(root)
        .append("\">Demo Catalogue</a> <nav><a class=\"login\" href=\"/login\">Log in</a> ")
        .append("<a class=\"members\" href=\"/members/\">Members</a></nav></header>\n");
  }

  private String foot(StringBuilder html) {
    html.append("<footer><p>Demo data generated from seed ")
        .append(catalogue.seed())
        .append(". Nothing here is for sale.</p></footer>\n</body>\n</html>\n");
    return html.toString();
  }

  /** HTML-escapes text for element content and attribute values. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
