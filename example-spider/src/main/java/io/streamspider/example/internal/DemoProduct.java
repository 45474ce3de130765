package io.streamspider.example.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * One product of the demo catalogue, as generated.
 *
 * @param image the PNG bytes served at {@link #imagePath()}
 */
public record DemoProduct(
    int id,
    String sku,
    String title,
    String category,
    BigDecimal price,
    int stock,
    List<String> tags,
    String description,
    boolean membersOnly,
    int imageWidth,
    int imageHeight,
    byte[] image) {

  public String path() {
    return "/catalogue/product-" + id + ".html";
  }

  public String imagePath() {
    return "/media/product-" + id + ".png";
  }

  /** The price as the page shows it. */
  public String displayPrice() {
    return "£" + price.toPlainString();
  }
}
