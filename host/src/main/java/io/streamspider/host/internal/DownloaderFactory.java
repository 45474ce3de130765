package io.streamspider.host.internal;

import io.streamspider.host.engine.Downloader;
import io.streamspider.runtime.SpiderInfo;
import java.util.Map;

/** Creates the crawl's downloader once the {@code spider} message has said what the spider is. */
public interface DownloaderFactory {
  /**
   * @param commandLineSettings {@code -s NAME=VALUE}; they override the spider's
   *     {@code custom_settings}
   * @throws IllegalArgumentException when a setting has a bad value (the text names it)
   */
  Downloader create(SpiderInfo spider, Map<String, String> commandLineSettings, HostLog log);
}
