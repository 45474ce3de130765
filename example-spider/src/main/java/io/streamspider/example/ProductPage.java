package io.streamspider.example;

import io.streamspider.annotations.Selector;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a product's detail page says, extracted by the host: each component is filled from its
 * selector's results ({@code String}: the first, {@code List}: all, numbers: converted).
 */
public record ProductPage(
    @Selector(css = "span.sku::text") String sku,
    @Selector(css = "div.product h1::text") String title,
    @Selector(xpath = "//ul[@class='breadcrumb']/li[@class='category']/text()") String category,
    @Selector(css = "p.price::attr(data-price)") BigDecimal price,
    @Selector(xpath = "//p[@class='availability']/@data-stock") int stock,
    @Selector(css = "ul.tags li::text") List<String> tags,
    @Selector(css = "p.description::text") String description,
    @Selector(css = "img.product-image::attr(src)") String image) {

  /** This page as request meta (JSON values only), to carry it to the image's callback. */
  Map<String, Object> toMeta(String url) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("sku", sku);
    meta.put("title", title);
    meta.put("category", category);
    meta.put("price", price.toPlainString());
    meta.put("stock", stock);
    meta.put("tags", tags);
    meta.put("description", description);
    meta.put("url", url);
    return meta;
  }
}
