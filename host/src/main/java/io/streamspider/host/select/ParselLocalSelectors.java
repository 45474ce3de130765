package io.streamspider.host.select;

import io.streamspider.runtime.LocalSelectors;
import io.streamspider.runtime.SelectorSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@link LocalSelectors} on {@link HtmlPage}, for spiders run with {@code -s SELECTORS=local}.
 * A callback's selectors all read the same response, so the last parsed page is reused.
 */
public final class ParselLocalSelectors implements LocalSelectors {
  private static final class Last {
    final String html;
    final String url;
    final HtmlPage page;

    Last(String html, String url, HtmlPage page) {
      this.html = html;
      this.url = url;
      this.page = page;
    }
  }

  private volatile Last last;

  @Override
  public List<String> select(String html, String url, SelectorSpec spec) {
    Last l = last;
    if (l == null || !l.html.equals(html) || !Objects.equals(l.url, url)) {
      l = new Last(html, url, HtmlPage.parse(html, url));
      last = l;
    }
    return l.page.getall(spec);
  }
}
