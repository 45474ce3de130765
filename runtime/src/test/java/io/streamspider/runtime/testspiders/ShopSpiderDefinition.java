package io.streamspider.runtime.testspiders;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The generated {@link ShopSpider_StreamSpider} with the test hooks the tests set as system
 * properties: {@code shop.start} replaces the start URL, {@code shop.domains} the allowed domains
 * (comma-separated; empty allows every domain). Everything else is the generated table's.
 */
public final class ShopSpiderDefinition implements SpiderDefinition<ShopSpider> {
  private final ShopSpider_StreamSpider generated = new ShopSpider_StreamSpider();

  @Override
  public SpiderInfo info() {
    SpiderInfo info = generated.info();
    String start = System.getProperty("shop.start");
    String domains = System.getProperty("shop.domains");
    return new SpiderInfo(
        info.name(),
        start == null ? info.startUrls() : List.of(start),
        domains == null
            ? info.allowedDomains()
            : domains.isEmpty() ? List.of() : List.of(domains.split(",")),
        info.customSettings());
  }

  @Override
  public Collection<Callback> callbacks() {
    return generated.callbacks();
  }

  @Override
  public Callback callback(String id) {
    return generated.callback(id);
  }

  @Override
  public Set<String> argumentNames() {
    return generated.argumentNames();
  }

  @Override
  public ShopSpider newSpider(SpiderArguments arguments) {
    return generated.newSpider(arguments);
  }

  @Override
  public Object invoke(ShopSpider spider, Callback callback, Response response) throws Exception {
    return generated.invoke(spider, callback, response);
  }

  @Override
  public Object onError(ShopSpider spider, Callback callback, Failure failure) throws Exception {
    return generated.onError(spider, callback, failure);
  }
}
