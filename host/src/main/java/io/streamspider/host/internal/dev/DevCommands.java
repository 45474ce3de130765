package io.streamspider.host.internal.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.ResponseText;
import io.streamspider.host.internal.engine.DownloadResult;
import io.streamspider.host.internal.engine.Settings;
import io.streamspider.host.internal.tools.FormCommand;
import io.streamspider.host.internal.tools.SelectCommand;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.ContractSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.internal.output.ItemJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Scrapy's debugging commands for a spider jar, run in one JVM through the embedded host's engine
 * (its settings, middlewares and HTTP cache):
 *
 * <ul>
 *   <li>{@code fetch URL [-o FILE] [--headers]}: download a page, print or save its body;
 *   <li>{@code parse URL [--spider NAME] [-c CALLBACK] [-a N=V]...}: run one callback on one page
 *       and print its items and requests, as {@code scrapy parse};
 *   <li>{@code check [SPIDER] [--base URL]}: run every {@code @Contract} and report each OK or
 *       FAIL, as {@code scrapy check}; exit 1 if any fails.
 * </ul>
 *
 * <p>Every command takes {@code -s NAME=VALUE} settings (over the spider's custom settings) and
 * {@code -L LEVEL}. Exit codes: 0 done, 1 a failure (download, callback, contract), 2 a usage
 * error.
 */
public final class DevCommands {
  static final String USAGE =
      """
      usage: java -jar spider.jar COMMAND [OPTIONS]
        fetch URL [-o FILE] [--headers]            download URL, print (or save) the body
        parse URL [--spider NAME] [-c CALLBACK]    run one callback on URL, print items and requests
              [-a NAME=VALUE]...                   spider arguments
        check [SPIDER] [--base URL]                run the @Contracts of one or every spider
                                                   (--base: fetch contract URLs from another origin)
        shell URL                                  JShell with `response` bound to the page
        select (--css EXPR | --xpath EXPR) [--url URL] [--xml] < page.html
                                                   parsel's getall() of a page on stdin, as JSON
        form [options] < page.html                 FormRequest.from_response of a page on stdin
      options of every command: -s NAME=VALUE (a setting), -L LEVEL (log level, default INFO)
      """;

  /** A mistake on the command line. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final PrintStream out;
  private final PrintStream err;
  private final List<SpiderDefinition<Object>> spiders;

  DevCommands(PrintStream out, PrintStream err, List<SpiderDefinition<Object>> spiders) {
    this.out = out;
    this.err = err;
    this.spiders = spiders;
  }

  /** The spiders of this class path, as the runtime finds them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<SpiderDefinition<Object>> spidersOnClassPath() {
    List<SpiderDefinition<Object>> all = new ArrayList<>();
    for (SpiderDefinition d : ServiceLoader.load(SpiderDefinition.class)) {
      all.add(d);
    }
    return all;
  }

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs {@code args} (the command first) and returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return new DevCommands(out, err, spidersOnClassPath()).dispatch(args);
  }

  /** Whether {@code name} is one of these commands. */
  public static boolean isCommand(String name) {
    return List.of("fetch", "parse", "check", "shell", "select", "form").contains(name);
  }

  int dispatch(List<String> args) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    // the page comes on stdin: their own options, as the host's select and form
    if (args.get(0).equals("select")) {
      return SelectCommand.run(args.subList(1, args.size()), System.in, out, err);
    }
    if (args.get(0).equals("form")) {
      return FormCommand.run(args.subList(1, args.size()), System.in, out, err);
    }
    Options o;
    try {
      o = Options.parse(args.subList(1, args.size()));
      return switch (args.get(0)) {
        case "fetch" -> fetch(o);
        case "parse" -> parse(o);
        case "check" -> check(o);
        case "shell" -> shell(o);
        default -> throw new UsageException("unknown command " + args.get(0));
      };
    } catch (UsageException e) {
      err.println("streamspider " + args.get(0) + ": " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  // ------------------------------------------------------------------ fetch

  private int fetch(Options o) throws UsageException, InterruptedException {
    String url = o.onePositional("URL");
    HostLog log = o.log(err);
    Settings settings = o.settings(Map.of(), log);
    try (Fetcher f = new Fetcher(settings, log, defaultSpiderName())) {
      DownloadResult r = f.get(url);
      if (o.headers) {
        out.println(r.status() + " " + r.url());
        r.headers().forEach((k, vs) -> vs.forEach(v -> out.println(k + ": " + v)));
        out.println();
      }
      if (o.output != null) {
        Files.write(o.output, r.body());
        log.info("fetch", "Saved " + r.body().length + " bytes of " + r.url() + " to " + o.output);
      } else {
        out.write(r.body());
        out.flush();
      }
      return r.status() >= 200 && r.status() < 300 ? 0 : 1;
    } catch (Fetcher.FetchException e) {
      log.error("fetch", "Download failed: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      log.error("fetch", "Cannot write " + o.output + ": " + e.getMessage());
      return 1;
    }
  }

  // ------------------------------------------------------------------ shell

  private int shell(Options o) throws UsageException, InterruptedException {
    String url = o.onePositional("URL");
    HostLog log = o.log(err);
    DownloadResult page;
    try (Fetcher f = new Fetcher(o.settings(Map.of(), log), log, defaultSpiderName())) {
      page = f.get(url);
    } catch (Fetcher.FetchException e) {
      log.error("shell", "Download failed: " + e.getMessage());
      return 1;
    }
    try {
      return ShellSession.run(page, System.in, out, err);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      log.error("shell", "JShell failed: " + e);
      return 1;
    }
  }

  // ------------------------------------------------------------------ parse

  private int parse(Options o) throws UsageException, InterruptedException {
    String url = o.onePositional("URL");
    SpiderDefinition<Object> d = spider(o.spider);
    String callbackId = o.callback == null ? "parse" : o.callback;
    Callback callback = d.callback(callbackId);
    if (callback == null) {
      throw new UsageException(
          "spider "
              + d.info().name()
              + " has no callback \""
              + callbackId
              + "\"; its callbacks: "
              + ids(d));
    }
    Object spider = newSpider(d, o.arguments);
    HostLog log = o.log(err);
    try (Fetcher f =
        new Fetcher(o.settings(d.info().customSettings(), log), log, d.info().name())) {
      CallbackRun.Produced p = runOn(f, d, spider, callback, url, 1);
      out.println(">>> STATUS " + p.response().status() + " " + p.response().url() + " <<<");
      out.println("# Scraped Items " + "-".repeat(50));
      for (Object item : p.items()) {
        out.println(itemLine(item));
      }
      out.println("# Requests " + "-".repeat(55));
      for (Request r : p.requests()) {
        out.println(
            "<"
                + method(r)
                + " "
                + resolve(p.response().url(), r.url())
                + "> callback="
                + r.callbackId());
      }
      return 0;
    } catch (Failed e) {
      log.error("parse", e.getMessage());
      return 1;
    }
  }

  // ------------------------------------------------------------------ check

  private int check(Options o) throws UsageException, InterruptedException {
    List<SpiderDefinition<Object>> chosen = new ArrayList<>();
    if (o.positional.size() > 1) {
      throw new UsageException("expected at most one spider name, got " + o.positional);
    }
    if (o.positional.isEmpty()) {
      chosen.addAll(spiders);
    } else {
      chosen.add(spider(o.positional.get(0)));
    }
    int ran = 0;
    int failed = 0;
    HostLog log = o.log(err);
    for (SpiderDefinition<Object> d : chosen) {
      Object spider = newSpider(d, o.arguments);
      try (Fetcher f =
          new Fetcher(o.settings(d.info().customSettings(), log), log, d.info().name())) {
        for (Callback c : d.callbacks()) {
          for (ContractSpec contract : c.contracts()) {
            ran++;
            String url = o.rebase(contract.url());
            List<String> problems;
            try {
              CallbackRun.Produced p = runOn(f, d, spider, c, url, ran);
              List<List<String>> fields = new ArrayList<>();
              for (Object item : p.items()) {
                fields.add(fieldNames(item));
              }
              problems = contract.violations(fields, p.requests().size());
            } catch (Failed e) {
              problems = List.of(e.getMessage());
            }
            String where = d.info().name() + " " + c.id() + " <" + url + ">";
            if (problems.isEmpty()) {
              out.println("OK    " + where);
            } else {
              failed++;
              out.println("FAIL  " + where);
              problems.forEach(pr -> out.println("      " + pr));
            }
          }
        }
      }
    }
    out.println(
        "Ran "
            + ran
            + " contract"
            + (ran == 1 ? "" : "s")
            + ": "
            + (failed == 0 ? "OK" : failed + " failed"));
    return failed == 0 ? 0 : 1;
  }

  /**
   * An item as a JSON Lines feed writes it (docs/output.md); an item Jackson cannot write fails as
   * {@link ItemJson#tree} does (IllegalArgumentException).
   */
  static String itemLine(Object item) {
    try {
      return ItemJson.FEED.writeValueAsString(item);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static List<String> fieldNames(Object item) {
    JsonNode tree = ItemJson.tree(item);
    List<String> names = new ArrayList<>();
    for (Iterator<String> i = tree.fieldNames(); i.hasNext(); ) {
      names.add(i.next());
    }
    return names;
  }

  // ------------------------------------------------------------------ shared

  /** A download or a callback that failed: reported, not thrown to the user. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /** Fetches {@code url} (and submits its form for a form callback), then runs the callback. */
  private CallbackRun.Produced runOn(
      Fetcher f, SpiderDefinition<Object> d, Object spider, Callback c, String url, int n)
      throws Failed, InterruptedException {
    DownloadResult page;
    try {
      page = f.get(url);
      if (c.kind() == Callback.Kind.FORM) {
        requireOk(page);
        ResponseText.Text text = ResponseText.decode(page.headers(), page.body());
        FormSubmission s =
            FormSubmitter.fromResponse(text.text(), page.url(), c.form(), text.charset());
        page = f.fetch(s.method(), s.url(), s.headers(), s.body());
      }
    } catch (Fetcher.FetchException e) {
      throw new Failed("download failed: " + e.getMessage());
    } catch (FormException e) {
      throw new Failed("FormRequest.from_response on " + url + " failed: " + e.getMessage());
    }
    requireOk(page);
    try {
      return CallbackRun.run(d, spider, c, CallbackRun.response(c, c.id() + "#" + n, page));
    } catch (IllegalStateException e) {
      throw new Failed(e.getMessage());
    }
  }

  private static void requireOk(DownloadResult page) throws Failed {
    if (page.status() < 200 || page.status() > 299) {
      throw new Failed(
          "Ignoring non-200 response: "
              + page.status()
              + " for "
              + page.url()
              + " (HTTP status code is not handled or not allowed)");
    }
  }

  private SpiderDefinition<Object> spider(String name) throws UsageException {
    if (spiders.isEmpty()) {
      throw new UsageException("no spider on the class path (did the annotation processor run?)");
    }
    if (name == null) {
      if (spiders.size() == 1) {
        return spiders.get(0);
      }
      throw new UsageException("this jar has several spiders; name one: " + names());
    }
    for (SpiderDefinition<Object> d : spiders) {
      if (d.info().name().equals(name)) {
        return d;
      }
    }
    throw new UsageException("spider not found: " + name + " (this jar has " + names() + ")");
  }

  private static Object newSpider(SpiderDefinition<Object> d, Map<String, String> arguments)
      throws UsageException {
    for (String a : arguments.keySet()) {
      if (!d.argumentNames().contains(a)) {
        throw new UsageException(
            "unknown spider argument -a "
                + a
                + " for spider "
                + d.info().name()
                + "; it takes "
                + (d.argumentNames().isEmpty() ? "none" : d.argumentNames()));
      }
    }
    try {
      return d.newSpider(new SpiderArguments(new LinkedHashMap<>(arguments)));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The spider a command without one fetches for: the jar's only spider, else Scrapy's default. */
  private String defaultSpiderName() {
    return spiders.size() == 1 ? spiders.get(0).info().name() : "default";
  }

  private List<String> names() {
    return spiders.stream().map(d -> d.info().name()).toList();
  }

  private static List<String> ids(SpiderDefinition<Object> d) {
    return d.callbacks().stream().map(Callback::id).toList();
  }

  private static String method(Request r) {
    return r.method() == null ? "GET" : r.method();
  }

  private static String resolve(String base, String url) {
    try {
      return new URI(base).resolve(url.replace(" ", "%20")).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return url;
    }
  }

  /** The options every command shares. */
  static final class Options {
    final List<String> positional = new ArrayList<>();
    final List<String> settings = new ArrayList<>();
    final Map<String, String> arguments = new LinkedHashMap<>();
    String level;
    String spider;
    String callback;
    Path output;
    boolean headers;
    URI base;

    static Options parse(List<String> args) throws UsageException {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        String name = a;
        String inline = null;
        if (a.startsWith("--") && a.contains("=")) {
          name = a.substring(0, a.indexOf('='));
          inline = a.substring(a.indexOf('=') + 1);
        }
        switch (name) {
          case "-s", "--set" -> o.settings.add(nameValue(name, value(args, i++, name, inline)));
          case "-a" -> {
            String nv = nameValue(name, value(args, i++, name, inline));
            o.arguments.put(nv.substring(0, nv.indexOf('=')), nv.substring(nv.indexOf('=') + 1));
          }
          case "-L", "--loglevel" -> {
            o.level = value(args, i++, name, inline);
            if (HostLog.Level.parse(o.level) == null) {
              throw new UsageException(
                  name + " " + o.level + ": expected DEBUG, INFO, WARNING, ERROR or CRITICAL");
            }
          }
          case "--spider" -> o.spider = value(args, i++, name, inline);
          case "-c", "--callback" -> o.callback = value(args, i++, name, inline);
          case "-o", "--output" -> o.output = Path.of(value(args, i++, name, inline));
          case "--headers" -> o.headers = true;
          case "--base" -> {
            String b = value(args, i++, name, inline);
            try {
              o.base = new URI(b);
            } catch (URISyntaxException e) {
              throw new UsageException("--base " + b + " is not a URL");
            }
            if (o.base.getScheme() == null || o.base.getHost() == null) {
              throw new UsageException("--base " + b + " is not an absolute http(s) URL");
            }
          }
          default -> {
            if (a.startsWith("-") && a.length() > 1) {
              throw new UsageException("unknown option " + a);
            }
            o.positional.add(a);
          }
        }
        if (inline != null && (name.equals("--headers"))) {
          throw new UsageException(name + " takes no value");
        }
      }
      return o;
    }

    private static String value(List<String> args, int i, String name, String inline)
        throws UsageException {
      if (inline != null) {
        return inline;
      }
      if (i + 1 >= args.size()) {
        throw new UsageException(name + " needs a value");
      }
      return args.get(i + 1);
    }

    private static String nameValue(String option, String v) throws UsageException {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(option + " " + v + ": expected NAME=VALUE");
      }
      return v;
    }

    String onePositional(String what) throws UsageException {
      if (positional.size() != 1) {
        throw new UsageException(
            positional.isEmpty()
                ? "missing the " + what
                : "expected one " + what + ", got " + positional);
      }
      return positional.get(0);
    }

    HostLog log(PrintStream err) {
      HostLog.Level l = level == null ? HostLog.Level.INFO : HostLog.Level.parse(level);
      return new HostLog(err, l);
    }

    /** The spider's custom settings, then {@code -s}; LOG_LEVEL follows {@code -L}. */
    Settings settings(Map<String, Object> custom, HostLog log) throws UsageException {
      List<String> commandLine = new ArrayList<>();
      commandLine.add(
          "LOG_LEVEL=" + (level == null ? "INFO" : level.toUpperCase(java.util.Locale.ROOT)));
      commandLine.addAll(settings);
      try {
        return Settings.builder().spider(custom).commandLine(commandLine).build(log);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    /** A contract URL with {@code --base}'s scheme, host and port. */
    String rebase(String url) {
      if (base == null) {
        return url;
      }
      try {
        URI u = new URI(url);
        return new URI(
                base.getScheme(),
                u.getUserInfo(),
                base.getHost(),
                base.getPort(),
                u.getPath(),
                u.getQuery(),
                u.getFragment())
            .toString();
      } catch (URISyntaxException e) {
        return url;
      }
    }
  }
}
