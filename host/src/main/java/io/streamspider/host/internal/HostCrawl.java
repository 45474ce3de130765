package io.streamspider.host.internal;

import io.streamspider.host.StreamingHost;
import io.streamspider.runtime.spi.InProcessSpider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** A crawl from the host's command line: {@code crawl}, {@code streaming} and {@code --local}. */
public final class HostCrawl {
  private HostCrawl() {}

  /** Builds the host from the options, routes SIGINT/SIGTERM to it, and runs the crawl. */
  public static int crawlWith(List<String> spiderCommand, HostCommandLine cmd, PrintStream err) {
    return crawlWith(StreamingHost.builder(spiderCommand), cmd, err, java.util.Set.of());
  }

  /**
   * As above; {@code spiderSettings} are names the spider applies itself (no "unknown" warning).
   */
  public static int crawlWith(
      List<String> spiderCommand,
      HostCommandLine cmd,
      PrintStream err,
      java.util.Set<String> spiderSettings) {
    return crawlWith(StreamingHost.builder(spiderCommand), cmd, err, spiderSettings);
  }

  /** As the method above, the spider in this JVM. */
  public static int crawlWith(
      InProcessSpider spider,
      HostCommandLine cmd,
      PrintStream err,
      java.util.Set<String> spiderSettings) {
    return crawlWith(StreamingHost.builder(spider), cmd, err, spiderSettings);
  }

  private static int crawlWith(
      StreamingHost.Builder b,
      HostCommandLine cmd,
      PrintStream err,
      java.util.Set<String> spiderSettings) {
    // first: before the spider process or the HTTP client set up CompletableFuture's executor
    String poolWarning = AsyncPool.ensureCommonPool();
    if (poolWarning != null) {
      new HostLog(err, cmd.level()).warning("host", poolWarning);
    }
    b.allowStderr(cmd.allowStderr())
        .stickyBase64(cmd.stickyBase64())
        .drainTimeout(Duration.ofMillis((long) (cmd.drainSeconds() * 1000)))
        .logTo(err)
        .spiderSettings(spiderSettings);
    cmd.settings().forEach(b::setting);
    cmd.environment().forEach(b::environment);
    if (cmd.logLevel() != null) {
      b.logLevel(cmd.logLevel());
    }
    StreamingHost host = b.build();
    Signals signals = Signals.install(host::interrupt);
    if (signals == null) {
      new HostLog(err, cmd.level()).warning("host", "Cannot handle SIGINT/SIGTERM in this JVM");
    }
    try {
      return host.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      if (signals != null) {
        signals.close();
      }
    }
  }
}
