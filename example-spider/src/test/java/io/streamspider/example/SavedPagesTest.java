package io.streamspider.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoPages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The pages under {@code src/test/resources/pages} were saved from the running demo site (curl);
 * they must stay what the site serves, or {@link CatalogueSpiderTest} would test a stale shop.
 * After a change to the demo site: save them again (see docs/testkit.md).
 */
class SavedPagesTest {
  private static final DemoCatalogue CATALOGUE = new DemoCatalogue(DemoCatalogue.DEFAULT_SEED);
  private static final DemoPages PAGES = new DemoPages(CATALOGUE);

  @Test
  void savedPagesAreWhatTheDemoSiteServes() throws IOException {
    assertEquals(PAGES.listing(1), text("listing-1.html"));
    assertEquals(PAGES.listing(5), text("listing-5.html"));
    assertEquals(PAGES.product(CATALOGUE.product(7)), text("product-7.html"));
    assertEquals(PAGES.login(null), text("login.html"));
    assertEquals(PAGES.welcome(DemoCatalogue.USER), text("welcome.html"));
    assertEquals(PAGES.members(), text("members.html"));
    assertArrayEquals(CATALOGUE.product(7).image(), bytes("product-7.png"));
  }

  private static String text(String name) throws IOException {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) throws IOException {
    try (InputStream in = SavedPagesTest.class.getResourceAsStream("/pages/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /pages/" + name);
      }
      return in.readAllBytes();
    }
  }
}
