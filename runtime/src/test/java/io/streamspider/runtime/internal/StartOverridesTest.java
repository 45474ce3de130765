package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.testspiders.ShopSpider_StreamSpider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartOverridesTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  private final SpiderDefinition<Object> shop = (SpiderDefinition) new ShopSpider_StreamSpider();

  @Test
  void replacesStartUrlsAndAllowedDomainsAndLeavesTheSpiderItsOwnArguments() throws Exception {
    Map<String, String> args =
        new LinkedHashMap<>(
            Map.of(
                "start_urls", " http://127.0.0.1:41234/ , https://shop.example.org/a?b=1",
                "allowed_domains", "shop.example.org,127.0.0.1",
                "category", "kitchen"));
    SpiderDefinition<Object> d = StartOverrides.apply(shop, args);
    assertEquals(
        List.of("http://127.0.0.1:41234/", "https://shop.example.org/a?b=1"), d.info().startUrls());
    assertEquals(List.of("shop.example.org", "127.0.0.1"), d.info().allowedDomains());
    assertEquals(shop.info().name(), d.info().name());
    assertEquals(shop.info().customSettings(), d.info().customSettings());
    assertEquals(Map.of("category", "kitchen"), args);
    assertSame(shop.callback("fields"), d.callback("fields"));
  }

  @Test
  void onlyStartUrlsKeepsTheSpidersDomainsAndAnEmptyDomainListAllowsAll() throws Exception {
    Map<String, String> args = new LinkedHashMap<>(Map.of("start_urls", "http://127.0.0.1:9/"));
    assertEquals(
        shop.info().allowedDomains(), StartOverrides.apply(shop, args).info().allowedDomains());
    args.put("allowed_domains", "");
    assertEquals(List.of(), StartOverrides.apply(shop, args).info().allowedDomains());
  }

  @Test
  void withoutOverridesTheDefinitionIsUnchanged() throws Exception {
    Map<String, String> args = new LinkedHashMap<>(Map.of("category", "x"));
    assertSame(shop, StartOverrides.apply(shop, args));
  }

  @Test
  void badValuesAreUsageErrorsNamingTheArgument() {
    assertUsage(
        "-a start_urls=/relative: /relative is not an absolute http(s) URL",
        Map.of("start_urls", "/relative"));
    assertUsage(
        "-a start_urls=ftp://x/: ftp://x/ is not an absolute http(s) URL",
        Map.of("start_urls", "ftp://x/"));
    assertUsage("-a start_urls=, : expected one or more URLs", Map.of("start_urls", ", "));
    assertUsage(
        "-a allowed_domains=http://a.org/: http://a.org/ is not a domain",
        Map.of("allowed_domains", "http://a.org/"));
  }

  private void assertUsage(String expected, Map<String, String> args) {
    CommandLine.UsageException e =
        assertThrows(
            CommandLine.UsageException.class,
            () -> StartOverrides.apply(shop, new LinkedHashMap<>(args)));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
