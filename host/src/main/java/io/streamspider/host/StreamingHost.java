package io.streamspider.host;

import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.Session;
import io.streamspider.runtime.spi.InProcessSpider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Scrapy Streaming host on the JVM: starts a spider as a child process and speaks the protocol
 * with it over its stdin/stdout, one JSON message per line, the way the real (Scrapy 2.8) host does
 * (docs/real-host.md).
 *
 * <pre>{@code
 * int exit = StreamingHost.builder(List.of("java", "-jar", "spider.jar"))
 *     .setting("LOG_LEVEL", "INFO")
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>{@link #run()} returns 0 after the spider's {@code close} (and its exit with 0), 1 when the
 * crawl ended otherwise (an invalid message, stderr output, the spider exiting early or non-zero,
 * an error inside the host), and the exit code given to {@link #interrupt} after a signal.
 */
public final class StreamingHost {
  private final Session session;

  private StreamingHost(Session session) {
    this.session = session;
  }

  /** A host for the spider started by {@code spiderCommand} (program and arguments). */
  public static Builder builder(List<String> spiderCommand) {
    return new Builder(spiderCommand);
  }

  /**
   * A host for {@code spider} running in this JVM over pipes (the same protocol lines as with a
   * child process; a debugger stops in its callbacks). {@link Builder#environment} and {@link
   * Builder#allowStderr} do not apply: the spider shares this process's environment, and its {@code
   * System.err} becomes {@code log} messages.
   */
  public static Builder builder(InProcessSpider spider) {
    Objects.requireNonNull(spider, "spider == null");
    Builder b = new Builder(List.of("(the spider in this JVM)"));
    b.inJvm = spider;
    return b;
  }

  /** Runs the crawl to its end and returns the exit code. */
  public int run() throws InterruptedException {
    return session.run();
  }

  /**
   * Asks the crawl to stop, as on Ctrl-C: the first call stops scheduling, lets in-flight requests
   * be answered (within the drain timeout), then closes the spider's input and sends it SIGTERM; a
   * second call stops everything at once.
   *
   * @param exitCode what {@link #run()} returns (130 for SIGINT, 143 for SIGTERM)
   */
  public void interrupt(String signal, int exitCode) {
    session.interrupt(signal, exitCode);
  }

  /** Options of a host; every one has the real host's behaviour as default. */
  public static final class Builder {
    private final List<String> command;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final java.util.Set<String> spiderSettings = new java.util.LinkedHashSet<>();
    private final Map<String, String> environment =
        new LinkedHashMap<>(Map.of("LC_CTYPE", "C.UTF-8"));
    private boolean allowStderr;
    private boolean stickyBase64 = true;
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration exitGrace = Duration.ofSeconds(5);
    private PrintStream logStream = System.err;
    private String logLevel;
    private InProcessSpider inJvm;

    private Builder(List<String> command) {
      Objects.requireNonNull(command, "command == null");
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command is empty");
      }
      this.command = List.copyOf(command);
    }

    /** A setting ({@code -s NAME=VALUE}); it overrides the spider's {@code custom_settings}. */
    public Builder setting(String name, String value) {
      settings.put(
          Objects.requireNonNull(name, "name == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Adds a variable to the spider's environment, which otherwise holds only {@code
     * LC_CTYPE=C.UTF-8}, as under the real host.
     */
    public Builder environment(String name, String value) {
      environment.put(
          Objects.requireNonNull(name, "name == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Only logs what the spider writes to stderr. By default any stderr byte kills the spider, as
     * the real host does.
     */
    public Builder allowStderr(boolean allow) {
      this.allowStderr = allow;
      return this;
    }

    /**
     * Whether a request's explicit {@code base64} becomes the default for later requests that omit
     * it, as in the real host (default true; docs/real-host.md "A sticky base64 flag").
     */
    public Builder stickyBase64(boolean sticky) {
      this.stickyBase64 = sticky;
      return this;
    }

    /** How long in-flight requests may take to finish after a first signal (default 30 s). */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** How long the spider may take to exit once its input is closed before it is killed (5 s). */
    public Builder exitGrace(Duration grace) {
      this.exitGrace = Objects.requireNonNull(grace, "grace == null");
      return this;
    }

    /** Where the host logs (default stderr), in Scrapy's format. */
    public Builder logTo(PrintStream stream) {
      this.logStream = Objects.requireNonNull(stream, "stream == null");
      return this;
    }

    /**
     * Setting names the spider's own runtime applies (the StreamSpider runtime's {@code SELECTORS},
     * ...): not called unknown when given with {@code -s} or in custom_settings.
     */
    public Builder spiderSettings(java.util.Collection<String> names) {
      spiderSettings.addAll(names);
      return this;
    }

    /** The log floor: CRITICAL, ERROR, WARNING, INFO or DEBUG (default: LOG_LEVEL, else DEBUG). */
    public Builder logLevel(String level) {
      if (HostLog.Level.parse(level) == null) {
        throw new IllegalArgumentException(
            "log level must be CRITICAL, ERROR, WARNING, INFO or DEBUG: " + level);
      }
      this.logLevel = level;
      return this;
    }

    public StreamingHost build() {
      if (logLevel != null) {
        settings.put("LOG_LEVEL", logLevel); // -L is -s LOG_LEVEL, as in Scrapy
      }
      String level = settings.getOrDefault("LOG_LEVEL", "DEBUG");
      HostLog.Level floor = HostLog.Level.parse(level);
      if (floor == null) {
        throw new IllegalArgumentException(
            "LOG_LEVEL must be CRITICAL, ERROR, WARNING, INFO or DEBUG: " + level);
      }
      Session.Config config =
          new Session.Config(
              command,
              Map.copyOf(environment),
              Map.copyOf(settings),
              java.util.Set.copyOf(spiderSettings),
              allowStderr,
              stickyBase64,
              drainTimeout.toMillis(),
              exitGrace.toMillis(),
              new HostLog(logStream, floor),
              inJvm);
      return new StreamingHost(new Session(config));
    }
  }
}
