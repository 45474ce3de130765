package io.streamspider.runtime;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded Scrapy Streaming host ({@code --local}), provided by the {@code host} module
 * through {@link java.util.ServiceLoader} when a spider jar bundles it.
 */
public interface EmbeddedHost {
  /**
   * Crawls with this jar's spider as the host's spider.
   *
   * @param spiderCommand the command that starts the spider process (java, -cp, ..., args)
   *     when the host runs it as a child, as Scrapy would
   * @param hostArguments the host's own options ({@code -s NAME=VALUE}, ...)
   * @return the process exit code
   */
  int run(List<String> spiderCommand, List<String> hostArguments) throws Exception;

  /**
   * As {@link #run(List, List)}; {@code spiderSettings} are the names of the settings the
   * spider's runtime applies itself ({@code SELECTORS}, ...), which the host must not call
   * unknown.
   */
  default int run(List<String> spiderCommand, List<String> hostArguments, Set<String> spiderSettings)
      throws Exception {
    return run(spiderCommand, hostArguments);
  }

  /**
   * Checks the host's options and every setting value the host will apply, before anything is
   * started or any output touched, so that a mistake is a usage error (exit code 2).
   *
   * @param hostArguments as for {@link #run(List, List)}
   * @param customSettings the {@code custom_settings} the spider will send
   * @param spiderSettings names the spider's runtime applies itself
   * @throws IllegalArgumentException naming the option or setting, its value and what is wrong
   */
  default void check(List<String> hostArguments, Map<String, Object> customSettings, Set<String> spiderSettings) {}
}
