package io.streamspider.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DemoCatalogueTest {
  private final DemoCatalogue catalogue = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED);

  @Test
  void sameSeedGivesTheSameCatalogue() {
    DemoCatalogue again = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED);
    assertEquals(catalogue.products().size(), again.products().size());
    for (int i = 0; i < catalogue.products().size(); i++) {
      DemoProduct a = catalogue.products().get(i);
      DemoProduct b = again.products().get(i);
      assertEquals(a.title(), b.title());
      assertEquals(a.price(), b.price());
      assertEquals(a.description(), b.description());
      assertEquals(a.tags(), b.tags());
      assertArrayEquals(a.image(), b.image());
    }
    assertEquals(catalogue.csrfToken(), again.csrfToken());
    assertEquals(catalogue.featured(3), again.featured(3));
  }

  @Test
  void anotherSeedGivesAnotherCatalogue() {
    DemoCatalogue other = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED + 1);
    assertNotEquals(titles(catalogue), titles(other));
    assertNotEquals(catalogue.sessionToken(), other.sessionToken());
  }

  @Test
  void shapeOfTheCatalogue() {
    assertEquals(105, catalogue.products().size());
    assertEquals(100, catalogue.publicProducts().size());
    assertEquals(5, catalogue.pageCount());
    assertEquals(20, catalogue.page(5).size());
    assertEquals(10, catalogue.featuredLinkCount());
    assertEquals(
        catalogue.products().size(), new HashSet<>(titles(catalogue)).size(), "titles are unique");
    assertTrue(catalogue.memberProducts().stream().allMatch(DemoProduct::membersOnly));
    assertTrue(
        catalogue.memberProducts().stream().allMatch(p -> p.tags().contains("members-only")));
    assertFalse(catalogue.publicProducts().stream().anyMatch(DemoProduct::membersOnly));
    assertTrue(titles(catalogue).stream().anyMatch(t -> t.contains("&")), "an & to escape");
    assertTrue(
        catalogue.products().stream()
            .anyMatch(p -> p.description().codePoints().anyMatch(cp -> cp > 0xFFFF)),
        "a character outside the BMP");
    assertTrue(catalogue.products().stream().anyMatch(p -> p.stock() == 0), "one out of stock");
    assertEquals("DC-0042", catalogue.product(42).sku());
    assertEquals(2, catalogue.product(42).price().scale());
  }

  @Test
  void imagesArePngsThatAnIndependentDecoderReads() throws IOException {
    Set<String> digests = new HashSet<>();
    for (DemoProduct p : catalogue.products()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.image()));
      assertEquals(p.imageWidth(), image.getWidth(), p.sku());
      assertEquals(p.imageHeight(), image.getHeight(), p.sku());
      // two colours in diagonal stripes: the pixel data decodes, not only the header
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          colours.add(image.getRGB(x, y));
        }
      }
      assertEquals(2, colours.size(), p.sku());
      digests.add(DemoCatalogue.sha256(p.image()));
    }
    assertEquals(catalogue.products().size(), digests.size(), "every image is different");
  }

  private static List<String> titles(DemoCatalogue c) {
    return c.products().stream().map(DemoProduct::title).toList();
  }
}
