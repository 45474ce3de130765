package io.streamspider.bench.crawl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A generated shop: {@code pages} product pages under {@code /p/<n>.html}, each with a title, a
 * price and {@code links} links to other pages (one to the next page, so every page is reachable,
 * the rest random but fixed by the seed), and a start page {@code /index.html} that links to the
 * first {@code links} products and is linked from nowhere (a start URL is fetched with
 * dont_filter, so a link back to it would be fetched again, by Scrapy as by us).
 */
public record Site(Path root, int pages, int links) {
  static final String START_PATH = "/index.html";

  static Site generate(Path root, int pages, int links, long seed) throws IOException {
    Files.createDirectories(root.resolve("p"));
    StringBuilder index = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Shop</title>"
        + "</head>\n<body><ul>\n");
    for (int i = 0; i < Math.min(links, pages); i++) {
      index.append("<li><a href=\"/p/").append(i).append(".html\">Product ").append(i).append("</a></li>\n");
    }
    Files.writeString(root.resolve("index.html"), index.append("</ul></body></html>\n"), StandardCharsets.UTF_8);
    Random random = new Random(seed);
    for (int i = 0; i < pages; i++) {
      Set<Integer> targets = new LinkedHashSet<>();
      targets.add((i + 1) % pages);
      while (targets.size() < Math.min(links, pages - 1)) {
        int t = random.nextInt(pages);
        if (t != i) {
          targets.add(t);
        }
      }
      Files.writeString(root.resolve("p").resolve(i + ".html"), productPage(i, targets), StandardCharsets.UTF_8);
    }
    return new Site(root, pages, links);
  }

  /** Product page {@code i} linking to {@code targets} (also parsed by the select benchmark). */
  public static String productPage(int i, Iterable<Integer> targets) {
    StringBuilder b = new StringBuilder(4096);
    String filler = "Well made and built to last; ships in two days. ".repeat(12);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Product ").append(i)
        .append("</title></head>\n<body><h1 class=\"title\">Product ").append(i).append("</h1>\n")
        .append("<p>Price: <span class=\"price\">").append(price(i)).append("</span></p>\n")
        .append("<p class=\"description\">").append(filler).append("</p>\n<ul>\n");
    for (int t : targets) {
      b.append("<li><a href=\"/p/").append(t).append(".html\">Product ").append(t).append("</a></li>\n");
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
