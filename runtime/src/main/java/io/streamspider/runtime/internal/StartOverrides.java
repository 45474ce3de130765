package io.streamspider.runtime.internal;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -a start_urls=URL[,URL...]} and {@code -a allowed_domains=DOMAIN[,DOMAIN...]} replace the
 * {@code @Spider} values, as Scrapy users set those attributes with {@code -a}: one jar crawls a
 * local copy or the real site. A spider that declares such an argument itself keeps it.
 */
final class StartOverrides {
  static final String START_URLS = "start_urls";
  static final String ALLOWED_DOMAINS = "allowed_domains";

  private StartOverrides() {}

  /**
   * Takes the two arguments out of {@code arguments} (the rest go to the spider).
   *
   * @return {@code definition}, or a view of it whose {@link SpiderDefinition#info()} carries the
   *     overrides
   */
  static SpiderDefinition<Object> apply(
      SpiderDefinition<Object> definition, Map<String, String> arguments)
      throws CommandLine.UsageException {
    Set<String> own = definition.argumentNames();
    String starts = own.contains(START_URLS) ? null : arguments.remove(START_URLS);
    String domains = own.contains(ALLOWED_DOMAINS) ? null : arguments.remove(ALLOWED_DOMAINS);
    if (starts == null && domains == null) {
      return definition;
    }
    SpiderInfo info = definition.info();
    List<String> startUrls = starts == null ? info.startUrls() : startUrls(starts);
    List<String> allowed = domains == null ? info.allowedDomains() : allowedDomains(domains);
    SpiderInfo overridden = new SpiderInfo(info.name(), startUrls, allowed, info.customSettings());
    return new Overridden(definition, overridden);
  }

  private static List<String> startUrls(String value) throws CommandLine.UsageException {
    List<String> urls = new ArrayList<>();
    for (String part : value.split(",")) {
      String url = part.strip();
      if (url.isEmpty()) {
        continue;
      }
      String safe;
      try {
        safe = Urls.requestUrl(null, url, null);
        String scheme = PyUrl.urlsplit(safe).scheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || Urls.hostname(safe) == null) {
          throw new PyUrl.UrlException("expected an absolute http(s) URL with a host");
        }
      } catch (PyUrl.UrlException e) {
        throw new CommandLine.UsageException(
            "-a "
                + START_URLS
                + "="
                + value
                + ": "
                + url
                + " is not an absolute http(s) URL ("
                + e.getMessage()
                + ")");
      }
      urls.add(safe);
    }
    if (urls.isEmpty()) {
      throw new CommandLine.UsageException(
          "-a " + START_URLS + "=" + value + ": expected one or more URLs separated by commas");
    }
    return urls;
  }

  private static List<String> allowedDomains(String value) throws CommandLine.UsageException {
    List<String> domains = new ArrayList<>();
    for (String part : value.split(",")) {
      String d = part.strip();
      if (d.isEmpty()) {
        continue;
      }
      if (d.contains("/") || d.contains(" ")) {
        throw new CommandLine.UsageException(
            "-a "
                + ALLOWED_DOMAINS
                + "="
                + value
                + ": "
                + d
                + " is not a domain (no scheme or path: e.g. example.com)");
      }
      domains.add(d);
    }
    // empty: every domain, as an empty allowed_domains is in Scrapy
    return domains;
  }

  /** The spider as generated, with other start URLs / allowed domains. */
  private record Overridden(SpiderDefinition<Object> delegate, SpiderInfo info)
      implements SpiderDefinition<Object> {
    @Override
    public Collection<Callback> callbacks() {
      return delegate.callbacks();
    }

    @Override
    public Callback callback(String id) {
      return delegate.callback(id);
    }

    @Override
    public Set<String> argumentNames() {
      return delegate.argumentNames();
    }

    @Override
    public Object newSpider(SpiderArguments arguments) {
      return delegate.newSpider(arguments);
    }

    @Override
    public Object invoke(Object spider, Callback callback, Response response) throws Exception {
      return delegate.invoke(spider, callback, response);
    }

    @Override
    public Object onError(Object spider, Callback callback, Failure failure) throws Exception {
      return delegate.onError(spider, callback, failure);
    }
  }
}
