package io.streamspider.host;

import io.streamspider.host.internal.ExternalSpiders;
import io.streamspider.host.internal.HostCommandLine;
import io.streamspider.host.internal.HostCrawl;
import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.tools.FormCommand;
import io.streamspider.host.internal.tools.SelectCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's command line: {@code streaming}, {@code crawl} and {@code list} as Scrapy Streaming
 * spells them, and the {@code select} / {@code form} debugging commands. Exit codes: 0 after the
 * spider's {@code close} and its exit with 0, 1 when the crawl failed, 2 for a usage error, 130/143
 * after SIGINT/SIGTERM.
 */
public final class HostMain {
  static final String USAGE =
      """
      Usage: streamspider-host COMMAND [OPTIONS]

      Commands:
        streaming [-a ARG1,ARG2]... [OPTIONS] EXECUTABLE
                            run an external spider, as `scrapy streaming` does
        streaming [OPTIONS] -- COMMAND [ARGS...]
                            the same, with the whole command line after --
        crawl [OPTIONS] NAME
                            run a spider listed in external.json (like `scrapy crawl`)
        list [--project DIR]
                            print the names of the spiders in external.json
        select (--css EXPR | --xpath EXPR) [--url URL]
                            HTML on stdin → the values as parsel gives them (JSON array)
        form [--url URL] [--formname N] [--formxpath X] [--formcss C] [--formnumber I]
             [--formdata NAME[=VALUE]]... [--clickdata NAME=VALUE]... [--dont-click]
                            HTML on stdin → the request from_response_request would send

      Options of streaming:
        -a, --args ARG1,ARG2
                            arguments of the executable, split at commas (repeatable; a value
                            starting with '-' as -a=VALUE or --args=VALUE, as in Scrapy)
        --arg ARG           one argument of the executable, as is (may hold commas)
        --spider-arg NAME=VALUE
                            passed to the spider as "-a NAME=VALUE" (a StreamSpider argument)

      Options of crawl:
        -a NAME=VALUE       spider argument, passed to the spider as "-a NAME=VALUE" (repeatable)

      Options of streaming and crawl:
        -s, --set NAME=VALUE
                            setting (repeatable); overrides the spider's custom_settings
        -L, --loglevel LEVEL
                            log level: CRITICAL, ERROR, WARNING, INFO or DEBUG (default DEBUG)
        --allow-stderr      only log the spider's stderr (the real host kills the spider on it)
        --no-sticky-base64  a request without "base64" is never answered in base64
        --env NAME=VALUE    add a variable to the spider's environment, which otherwise holds
                            only LC_CTYPE=C.UTF-8, as under the real host (repeatable)
        --drain-timeout SECONDS
                            after Ctrl-C/SIGTERM, how long in-flight requests may take (30)
        --project DIR       the directory of external.json (crawl, list; default: .)
        -h, --help          print this help
      """;

  private HostMain() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.in, System.out, System.err));
  }

  /** Runs one command; returns the exit code. */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
      (args.isEmpty() ? err : out).print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (command) {
        case "streaming" ->
            streaming(
                HostCommandLine.parse(rest, HostCommandLine.Mode.STREAMING, List.of()), out, err);
        case "crawl" ->
            crawl(HostCommandLine.parse(rest, HostCommandLine.Mode.NAMED, List.of()), out, err);
        case "list" ->
            list(HostCommandLine.parse(rest, HostCommandLine.Mode.NAMED, List.of()), out, err);
        case "select" -> SelectCommand.run(rest, in, out, err);
        case "form" -> FormCommand.run(rest, in, out, err);
        default ->
            throw new HostCommandLine.UsageException(
                "unknown command " + command + " (streaming, crawl, list, select or form)");
      };
    } catch (HostCommandLine.UsageException e) {
      return usage(err, command + ": " + e.getMessage());
    }
  }

  private static int streaming(HostCommandLine cmd, PrintStream out, PrintStream err)
      throws HostCommandLine.UsageException {
    if (cmd.help()) {
      out.print(USAGE);
      return 0;
    }
    if (cmd.positional().isEmpty()) {
      throw new HostCommandLine.UsageException("missing the spider command");
    }
    if (cmd.positional().size() > 1 && !cmd.commandAfterDashes()) {
      // as scrapy streaming: one executable; its arguments come with -a ARG1,ARG2
      throw new HostCommandLine.UsageException(
          "expected one executable, got "
              + String.join(" ", cmd.positional())
              + " (give the program's arguments with -a ARG1,ARG2 or --args=ARG1,ARG2, --arg ARG"
              + " for one that holds a comma, or put the whole command after --)");
    }
    List<String> spiderCommand = new ArrayList<>(cmd.positional());
    spiderCommand.addAll(cmd.programArguments());
    return HostCrawl.crawlWith(spiderCommand, cmd, err);
  }

  private static int crawl(HostCommandLine cmd, PrintStream out, PrintStream err)
      throws HostCommandLine.UsageException {
    if (cmd.help()) {
      out.print(USAGE);
      return 0;
    }
    if (cmd.positional().size() != 1) {
      throw new HostCommandLine.UsageException(
          cmd.positional().isEmpty()
              ? "missing the spider name"
              : "expected one spider name, got " + String.join(" ", cmd.positional()));
    }
    String name = cmd.positional().get(0);
    ExternalSpiders spiders;
    try {
      spiders = ExternalSpiders.read(projectDir(cmd));
    } catch (ExternalSpiders.InvalidFileException e) {
      new HostLog(err, HostLog.Level.DEBUG).error("host", e.getMessage());
      return 1;
    }
    ExternalSpiders.Entry entry = spiders.get(name);
    if (entry == null) {
      throw new HostCommandLine.UsageException(
          "Spider not found: "
              + name
              + " (external.json has: "
              + String.join(", ", spiders.names())
              + ")");
    }
    List<String> spiderCommand = new ArrayList<>(entry.commandLine());
    spiderCommand.addAll(cmd.programArguments());
    return HostCrawl.crawlWith(spiderCommand, cmd, err);
  }

  private static int list(HostCommandLine cmd, PrintStream out, PrintStream err)
      throws HostCommandLine.UsageException {
    if (!cmd.positional().isEmpty()) {
      throw new HostCommandLine.UsageException("unexpected argument " + cmd.positional().get(0));
    }
    try {
      for (String name : ExternalSpiders.read(projectDir(cmd)).names()) {
        out.println(name);
      }
      out.flush();
      return 0;
    } catch (ExternalSpiders.InvalidFileException e) {
      new HostLog(err, HostLog.Level.DEBUG).error("host", e.getMessage());
      return 1;
    }
  }

  private static Path projectDir(HostCommandLine cmd) {
    return cmd.project() == null ? Path.of("") : cmd.project();
  }

  private static int usage(PrintStream err, String message) {
    err.println("streamspider-host " + message);
    err.println("Try --help for the commands and options.");
    err.flush();
    return 2;
  }
}
