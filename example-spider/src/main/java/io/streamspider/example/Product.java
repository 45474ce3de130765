package io.streamspider.example;

import java.math.BigDecimal;
import java.util.List;

/** The item the catalogue spider scrapes: one product with its downloaded image. */
public record Product(
    String sku,
    String title,
    String category,
    BigDecimal price,
    int stock,
    List<String> tags,
    String description,
    String url,
    Image image) {

  /**
   * The product's picture as downloaded.
   *
   * @param sha256 hex digest of the bytes
   * @param size the byte count
   * @param width the PNG's width in pixels, read from its header
   */
  public record Image(String url, String sha256, int size, int width, int height) {}
}
