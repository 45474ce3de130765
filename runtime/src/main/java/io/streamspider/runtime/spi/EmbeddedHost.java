package io.streamspider.runtime.spi;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded Scrapy Streaming host ({@code --local}), provided by the {@code host} module through
 * {@link java.util.ServiceLoader} when a spider jar bundles it.
 */
public interface EmbeddedHost {
  /**
   * The settings the StreamSpider runtime applies itself in the spider ({@code -s NAME=VALUE}): an
   * embedded host takes them as known, not as unknown settings it ignores.
   */
  Set<String> RUNTIME_SETTINGS =
      Set.of("SELECTORS", "IDLE_TIMEOUT", "FIFO_OPEN_TIMEOUT", "LOG_LEVEL", "SPIDER_JVM");

  /**
   * Crawls with this jar's spider as the host's spider.
   *
   * @param spiderCommand the command that starts the spider process (java, -cp, ..., args) when the
   *     host runs it as a child, as Scrapy would
   * @param hostArguments the host's own options ({@code -s NAME=VALUE}, ...)
   * @return the process exit code
   */
  int run(List<String> spiderCommand, List<String> hostArguments) throws Exception;

  /**
   * Crawls with {@code spider} running in this JVM, over in-memory pipes instead of a child
   * process; otherwise as {@link #run}.
   */
  default int run(InProcessSpider spider, List<String> hostArguments) throws Exception {
    throw new UnsupportedOperationException("this embedded host cannot run the spider in its JVM");
  }

  /**
   * Checks the host's options and every setting value the host will apply, before anything is
   * started or any output touched, so that a mistake is a usage error (exit code 2).
   *
   * @param hostArguments as for {@link #run(List, List)}
   * @param customSettings the {@code custom_settings} the spider will send
   * @throws IllegalArgumentException naming the option or setting, its value and what is wrong
   */
  default void check(List<String> hostArguments, Map<String, Object> customSettings) {}

  /**
   * Runs one of the host's own commands ({@code crawl NAME}, {@code list}, {@code streaming ...}),
   * for {@code java -jar spider.jar crawl NAME}.
   *
   * @param arguments the command and its arguments
   * @return the exit code
   */
  default int hostCommand(
      List<String> arguments, InputStream in, PrintStream out, PrintStream err) {
    throw new UnsupportedOperationException("this embedded host has no commands");
  }

  /** The host's debugging commands of a spider jar, as Scrapy's. */
  List<String> COMMANDS = List.of("fetch", "parse", "check", "shell", "select", "form");

  /**
   * Runs one of {@link #COMMANDS} ({@code args} starts with its name) on this jar's spiders.
   *
   * @return the exit code
   */
  default int command(List<String> args, java.io.PrintStream out, java.io.PrintStream err) {
    throw new UnsupportedOperationException("this embedded host has no commands");
  }
}
