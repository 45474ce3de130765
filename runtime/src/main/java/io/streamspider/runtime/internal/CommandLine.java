package io.streamspider.runtime.internal;

import io.streamspider.runtime.internal.output.FeedTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code [SPIDER] [-a NAME=VALUE]... [-s NAME=VALUE]... [-o FILE | -O FILE]... [--fifo PATH]
 * [--local] [--list] [--external-json] [--help] [--version]}, as {@code scrapy crawl} spells it.
 */
public record CommandLine(
    String spider,
    Map<String, String> arguments,
    Map<String, String> settings,
    List<FeedTarget> feeds,
    String fifo,
    boolean local,
    boolean list,
    boolean externalJson,
    boolean help,
    boolean version,
    List<String> forwarded,
    List<String> hostOptions) {

  public static final String USAGE =
      """
      Usage: java -jar SPIDER.jar [SPIDER] [options]
             java -jar SPIDER.jar COMMAND [ARGS...]     (with the embedded host in the jar)

      Runs a StreamSpider spider under a Scrapy Streaming host (stdin/stdout), or on the
      embedded host with --local.

      Commands (the embedded host's; java -jar SPIDER.jar COMMAND --help for theirs):
        crawl NAME        crawl with the spider NAME of external.json (--project DIR)
        list              list the spiders of external.json (--project DIR)
        streaming CMD...  crawl with any Scrapy Streaming spider command
        fetch URL         download URL, print (or save, -o FILE) the body
        parse URL         run one callback (-c CALLBACK) on URL, print items and requests
        check [SPIDER]    run the @Contracts of one or every spider
        shell URL         JShell with `response` bound to the page
        select, form      parsel's getall() / FormRequest.from_response of a page on stdin

      Options (Scrapy's spellings; every long option also takes --option=VALUE):
        -a NAME=VALUE     spider argument (repeatable); -a start_urls=URL[,URL...] and
                          -a allowed_domains=DOMAIN[,DOMAIN...] replace the spider's own
        -s, --set NAME=VALUE
                          setting (repeatable): SELECTORS=host|local, IDLE_TIMEOUT=seconds,
                          FIFO_OPEN_TIMEOUT=seconds, LOG_LEVEL=DEBUG|INFO|WARNING|ERROR|CRITICAL;
                          any other setting is sent to the host in the spider's custom_settings
        -L, --loglevel LEVEL
                          -s LOG_LEVEL=LEVEL: the lowest level logged (java.util.logging and
                          SLF4J alike)
        --logfile FILE    -s LOG_FILE=FILE: the host writes its log there
        --nolog           -s LOG_ENABLED=False: the host logs nothing
        -o, --output FILE append items to FILE (.jsonl, .jl, .json, .csv)
        -O, --overwrite-output FILE
                          write items to FILE, overwriting it
        --fifo PATH       write items, logs and stats to a Scrapy Cloud pipe (or SHUB_FIFO_PATH)
        --local           crawl on the embedded host (no Python needed); the spider's JVM
                          gets this JVM's options (java -Xmx2g -jar SPIDER.jar --local)
        --allow-stderr    with --local: the spider's stderr is logged, not fatal
        --drain-timeout SECONDS
                          with --local: after Ctrl-C/SIGTERM, how long requests in flight
                          may take (default 30)
        --list            print the spiders in this jar
        --external-json   print external.json entries for this jar
        --shub-image-info print the spiders as Scrapy Cloud's shub-image-info does (first
                          argument only)
        --shub-start-crawl [OPTION]...
                          run the Scrapy Cloud job of SHUB_SPIDER, SHUB_JOB_DATA and
                          SHUB_FIFO_PATH with --local, OPTIONs added (first argument only)
        -h, --help        print this help
        --version         print the version
      """;

  /** A command line that cannot be run; the message names the argument. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  public static CommandLine parse(List<String> given) throws UsageException {
    List<String> args = ScrapyFlags.normalize(given); // --set=, --output, -L, --nolog, ...
    String spider = null;
    Map<String, String> arguments = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    List<FeedTarget> feeds = new ArrayList<>();
    String fifo = null;
    boolean local = false;
    boolean list = false;
    boolean externalJson = false;
    boolean help = false;
    boolean version = false;
    List<String> forwarded = new ArrayList<>();
    List<String> hostOptions = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-a", "-s" -> {
          String v = value(args, i++, a);
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new UsageException(a + " " + v + ": expected NAME=VALUE");
          }
          (a.equals("-a") ? arguments : settings).put(v.substring(0, eq), v.substring(eq + 1));
          forwarded.add(a);
          forwarded.add(v);
        }
        case "-o", "-O" -> {
          String v = value(args, i++, a);
          if (v.isBlank()) {
            throw new UsageException(a + ": empty file name");
          }
          feeds.add(new FeedTarget(Path.of(v), a.equals("-O")));
          forwarded.add(a);
          forwarded.add(Path.of(v).toAbsolutePath().toString());
        }
        case "--fifo" -> {
          fifo = value(args, i++, a);
          forwarded.add(a);
          forwarded.add(fifo);
        }
        case "--local" -> local = true;
        case "--allow-stderr" -> hostOptions.add(a);
        case "--drain-timeout" -> {
          String v = value(args, i++, a);
          double seconds;
          try {
            seconds = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            seconds = -1;
          }
          if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new UsageException(a + " " + v + ": expected a number of seconds");
          }
          hostOptions.add(a);
          hostOptions.add(v);
        }
        case "--list" -> list = true;
        case "--external-json" -> externalJson = true;
        case "-h", "--help" -> help = true;
        case "--version" -> version = true;
        default -> {
          if (a.startsWith("-")) {
            throw new UsageException("unknown option " + a);
          }
          if (spider != null) {
            throw new UsageException(
                "unexpected argument " + a + " (the spider is " + spider + ")");
          }
          spider = a;
        }
      }
    }
    if (!local && !hostOptions.isEmpty()) {
      throw new UsageException(
          hostOptions.get(0) + " is an option of the embedded host: use it with --local");
    }
    return new CommandLine(
        spider,
        arguments,
        settings,
        feeds,
        fifo,
        local,
        list,
        externalJson,
        help,
        version,
        forwarded,
        hostOptions);
  }

  private static String value(List<String> args, int i, String option) throws UsageException {
    if (i + 1 >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(i + 1);
  }
}
