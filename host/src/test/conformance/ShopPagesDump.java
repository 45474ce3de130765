package io.streamspider.bench.crawl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the crawl benchmark's shop pages that gen_trees.py reads (trees/shop-*.html). Not part of
 * any build: ShopPages is package-private in the benchmarks module, so compile it next to that
 * class and run it from the repository root:
 *
 * <pre>
 * mkdir -p /tmp/shop &amp;&amp; javac -d /tmp/shop \
 *     benchmarks/src/main/java/io/streamspider/bench/crawl/ShopPages.java \
 *     host/src/test/conformance/ShopPagesDump.java
 * java -cp /tmp/shop io.streamspider.bench.crawl.ShopPagesDump \
 *     host/src/test/resources/conformance/trees
 * </pre>
 */
public final class ShopPagesDump {
  private ShopPagesDump() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.writeString(
        out.resolve("shop-product-7.html"),
        ShopPages.product(7, List.of(8, 9, 10, 11, 12, 13, 14, 15, 16, 17), 42));
    Files.writeString(
        out.resolve("shop-product-1234.html"),
        ShopPages.product(1234, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 42));
    Files.writeString(out.resolve("shop-listing-2.html"), ShopPages.listing(2, 3, 120));
  }
}
