package io.streamspider.host.internal;

import io.streamspider.host.HostMain;
import io.streamspider.host.internal.dev.DevCommands;
import io.streamspider.host.internal.engine.Settings;
import io.streamspider.runtime.spi.EmbeddedHost;
import io.streamspider.runtime.spi.InProcessSpider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded host behind {@code java -jar spider.jar --local} (found by the runtime through
 * {@link java.util.ServiceLoader}).
 *
 * <p>Contract: {@link #run(List, List)} starts {@code spiderCommand} as a child process (the
 * runtime gives an absolute java path, so the real host's environment, only {@code
 * LC_CTYPE=C.UTF-8}, is enough) and crawls with it exactly as {@code streamspider-host streaming}
 * would: same protocol messages, same validation, stderr fatal unless allowed, SIGINT/SIGTERM
 * handled while it runs (first: drain, second: stop; the previous handlers are restored
 * afterwards). It logs to {@link System#err}, blocks until the crawl ends and returns the exit code
 * (0 after the spider's {@code close}, 1 on failure, 2 for bad host arguments, 130/143 after a
 * signal); it does not call {@link System#exit}.
 *
 * <p>{@code hostArguments} are the host options of {@code streaming}: {@code -s NAME=VALUE} (what
 * the runtime passes; settings override the spider's {@code custom_settings}), {@code -L LEVEL},
 * {@code --allow-stderr}, {@code --no-sticky-base64}, {@code --env NAME=VALUE}, {@code
 * --drain-timeout SECONDS}. The spider's own options ({@code -o}, {@code -O}, {@code --fifo}) are
 * accepted and left to the spider, which has them in its command. The spider is always the
 * StreamSpider runtime, so its own settings ({@link EmbeddedHost#RUNTIME_SETTINGS}) are known
 * settings here, not unknown ones.
 *
 * <p>{@link #check} builds the crawl's {@link Settings} as the crawl will (the spider's
 * custom_settings and {@code -s}) without starting anything, so the runtime can refuse a bad value
 * before it touches an output file.
 */
public final class LocalHostProvider implements EmbeddedHost {
  /** {@code java -jar spider.jar crawl NAME} (list, streaming): as {@link HostMain}. */
  @Override
  public int hostCommand(
      List<String> arguments,
      java.io.InputStream in,
      java.io.PrintStream out,
      java.io.PrintStream err) {
    return HostMain.run(arguments, in, out, err);
  }

  @Override
  public int run(List<String> spiderCommand, List<String> hostArguments) {
    HostCommandLine cmd = parse(hostArguments);
    return cmd == null ? 2 : HostCrawl.crawlWith(spiderCommand, cmd, System.err, RUNTIME_SETTINGS);
  }

  /** {@code --local -s SPIDER_JVM=same}: the spider runs in this JVM, over pipes. */
  @Override
  public int run(InProcessSpider spider, List<String> hostArguments) {
    HostCommandLine cmd = parse(hostArguments);
    return cmd == null ? 2 : HostCrawl.crawlWith(spider, cmd, System.err, RUNTIME_SETTINGS);
  }

  @Override
  public void check(List<String> hostArguments, Map<String, Object> customSettings) {
    HostCommandLine cmd;
    try {
      cmd = parseOrThrow(hostArguments);
    } catch (HostCommandLine.UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<String> nameValues = new ArrayList<>();
    cmd.settings().forEach((k, v) -> nameValues.add(k + "=" + v));
    // -s first, so that a bad -s (which the spider also sends in custom_settings) is reported as
    // coming from the command line; only the checks matter here, not the values built
    Settings.builder()
        .commandLine(nameValues)
        .spider(customSettings)
        .alsoKnown(RUNTIME_SETTINGS)
        .build(null);
  }

  /** {@code java -jar spider.jar fetch|parse|check ...}. */
  @Override
  public int command(List<String> args, PrintStream out, PrintStream err) {
    return DevCommands.run(args, out, err);
  }

  private static HostCommandLine parse(List<String> hostArguments) {
    try {
      return parseOrThrow(hostArguments);
    } catch (HostCommandLine.UsageException e) {
      System.err.println("streamspider-host --local: " + e.getMessage());
      return null;
    }
  }

  private static HostCommandLine parseOrThrow(List<String> hostArguments)
      throws HostCommandLine.UsageException {
    HostCommandLine cmd =
        HostCommandLine.parse(
            hostArguments, HostCommandLine.Mode.NAMED, List.of("-o", "-O", "--fifo"));
    if (!cmd.positional().isEmpty()) {
      throw new HostCommandLine.UsageException("unexpected argument " + cmd.positional().get(0));
    }
    return cmd;
  }
}
