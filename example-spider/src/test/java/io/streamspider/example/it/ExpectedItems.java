package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the catalogue spider must scrape from the demo site, derived from the site's generator
 * (never from the spider): one item per product the crawl can reach, with every field.
 */
final class ExpectedItems {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private ExpectedItems() {}

  /**
   * @param category only this category (null: all)
   * @param loggedIn whether the members-only products are reachable
   */
  static Map<String, DemoProduct> expected(DemoCatalogue c, String category, boolean loggedIn) {
    Map<String, DemoProduct> bySku = new TreeMap<>();
    List<DemoProduct> reachable = new ArrayList<>(c.publicProducts());
    if (loggedIn) {
      reachable.addAll(c.memberProducts());
    }
    for (DemoProduct p : reachable) {
      if (category == null || p.category().equalsIgnoreCase(category)) {
        bySku.put(p.sku(), p);
      }
    }
    return bySku;
  }

  /** Parses JSON lines (one item each) keyed by sku; a repeated sku fails. */
  static Map<String, JsonNode> parse(List<String> lines) throws IOException {
    Map<String, JsonNode> bySku = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode item = JSON.readTree(line);
      JsonNode sku = item.get("sku");
      assertNotNull(sku, "an item without sku: " + line);
      assertTrue(bySku.put(sku.asText(), item) == null, "sku scraped twice: " + line);
    }
    return bySku;
  }

  /** Every item equals its product, field by field; no item is missing or extra. */
  static void assertItems(
      Map<String, DemoProduct> expected, Map<String, JsonNode> items, String baseUrl) {
    assertEquals(expected.keySet(), new TreeMap<>(items).keySet(), "the skus scraped");
    for (DemoProduct p : expected.values()) {
      JsonNode item = items.get(p.sku());
      String where = p.sku() + ": " + item;
      assertEquals(9, item.size(), "fields of " + where);
      assertEquals(p.title(), item.get("title").asText(), where);
      assertEquals(p.category(), item.get("category").asText(), where);
      assertEquals(0, p.price().compareTo(item.get("price").decimalValue()), where);
      assertTrue(item.get("price").isNumber(), where);
      assertEquals(p.stock(), item.get("stock").intValue(), where);
      assertTrue(item.get("stock").isInt(), where);
      List<String> tags = new ArrayList<>();
      item.get("tags").forEach(t -> tags.add(t.asText()));
      assertEquals(p.tags(), tags, where);
      assertEquals(p.description(), item.get("description").asText(), where);
      assertEquals(baseUrl + p.path().substring(1), item.get("url").asText(), where);
      JsonNode image = item.get("image");
      assertEquals(baseUrl + p.imagePath().substring(1), image.get("url").asText(), where);
      assertEquals(DemoCatalogue.sha256(p.image()), image.get("sha256").asText(), where);
      assertEquals(p.image().length, image.get("size").intValue(), where);
      assertEquals(p.imageWidth(), image.get("width").intValue(), where);
      assertEquals(p.imageHeight(), image.get("height").intValue(), where);
    }
  }
}
