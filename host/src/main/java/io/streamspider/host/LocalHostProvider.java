package io.streamspider.host;

import io.streamspider.host.dev.DevCommands;
import io.streamspider.host.internal.HostCommandLine;
import io.streamspider.runtime.EmbeddedHost;
import io.streamspider.runtime.InProcessSpider;
import java.io.PrintStream;
import java.util.List;

/**
 * The embedded host behind {@code java -jar spider.jar --local} (found by the runtime through
 * {@link java.util.ServiceLoader}).
 *
 * <p>Contract: {@link #run(List, List)} starts {@code spiderCommand} as a child process (the
 * runtime gives an absolute java path, so the real host's environment, only
 * {@code LC_CTYPE=C.UTF-8}, is enough) and crawls with it exactly as
 * {@code streamspider-host streaming} would: same protocol messages, same validation, stderr
 * fatal unless allowed, SIGINT/SIGTERM handled while it runs (first: drain, second: stop; the
 * previous handlers are restored afterwards). It logs to {@link System#err}, blocks until the
 * crawl ends and returns the exit code (0 after the spider's {@code close}, 1 on failure, 2 for
 * bad host arguments, 130/143 after a signal); it does not call {@link System#exit}.
 *
 * <p>{@code hostArguments} are the host options of {@code streaming}: {@code -s NAME=VALUE}
 * (what the runtime passes; settings override the spider's {@code custom_settings}),
 * {@code -L LEVEL}, {@code --allow-stderr}, {@code --no-sticky-base64}, {@code --env NAME=VALUE},
 * {@code --drain-timeout SECONDS}. The spider's own options ({@code -o}, {@code -O},
 * {@code --fifo}) are accepted and left to the spider, which has them in its command.
 */
public final class LocalHostProvider implements EmbeddedHost {
  /** {@code java -jar spider.jar crawl NAME} (list, streaming): as {@link HostMain}. */
  @Override
  public int hostCommand(
      List<String> arguments, java.io.InputStream in, java.io.PrintStream out, java.io.PrintStream err) {
    return HostMain.run(arguments, in, out, err);
  }

  @Override
  public int run(List<String> spiderCommand, List<String> hostArguments) {
    HostCommandLine cmd = parse(hostArguments);
    return cmd == null ? 2 : HostMain.crawlWith(spiderCommand, cmd, System.err);
  }

  /** {@code --local -s SPIDER_JVM=same}: the spider runs in this JVM, over pipes. */
  @Override
  public int run(InProcessSpider spider, List<String> hostArguments) {
    HostCommandLine cmd = parse(hostArguments);
    return cmd == null ? 2 : HostMain.crawlWith(spider, cmd, System.err);
  }

  /** {@code java -jar spider.jar fetch|parse|check ...}. */
  @Override
  public int command(List<String> args, PrintStream out, PrintStream err) {
    return DevCommands.run(args, out, err);
  }

  private static HostCommandLine parse(List<String> hostArguments) {
    HostCommandLine cmd;
    try {
      cmd = HostCommandLine.parse(hostArguments, HostCommandLine.Mode.NAMED, List.of("-o", "-O", "--fifo"));
      if (!cmd.positional().isEmpty()) {
        throw new HostCommandLine.UsageException("unexpected argument " + cmd.positional().get(0));
      }
    } catch (HostCommandLine.UsageException e) {
      System.err.println("streamspider-host --local: " + e.getMessage());
      return null;
    }
    return cmd;
  }
}
