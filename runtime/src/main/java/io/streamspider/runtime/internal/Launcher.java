package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.SpiderState;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.internal.output.CrawlOutput;
import io.streamspider.runtime.internal.output.Outputs;
import io.streamspider.runtime.spi.EmbeddedHost;
import io.streamspider.runtime.spi.InProcessSpider;
import io.streamspider.runtime.spi.LocalSelectors;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** Parses the command line and runs what it asks for; returns the exit code. */
public final class Launcher {
  private static final String NO_EMBEDDED_HOST =
      "--local needs the embedded host (io.streamspider:streamspider-host) in the spider jar";

  private Launcher() {}

  public static int run(String[] argv) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    if (HostCommands.requested(argv)) { // java -jar spider.jar crawl NAME, list, streaming
      return HostCommands.run(argv, System.in, stdout, stderr);
    }
    if (argv.length > 0 && EmbeddedHost.COMMANDS.contains(argv[0])) {
      Iterator<EmbeddedHost> host = ServiceLoader.load(EmbeddedHost.class).iterator();
      if (!host.hasNext()) {
        return usage(
            stderr,
            argv[0]
                + " needs the embedded host (io.streamspider:streamspider-host) in the spider jar");
      }
      return host.next().command(Arrays.asList(argv), stdout, stderr);
    }
    if (argv.length > 0 && scrapyCloudCommand(argv[0])) {
      return ScrapyCloudJob.run(
          argv, System.getenv(), loadSpiders(), stdout, stderr, Launcher::run);
    }
    CommandLine cmd;
    try {
      cmd = CommandLine.parse(Arrays.asList(argv));
    } catch (CommandLine.UsageException e) {
      return usage(stderr, e.getMessage());
    }
    if (cmd.help()) {
      stdout.print(CommandLine.USAGE);
      stdout.flush();
      return 0;
    }
    if (cmd.version()) {
      stdout.println("streamspider " + version());
      stdout.flush();
      return 0;
    }
    List<SpiderDefinition<Object>> all = loadSpiders();
    if (cmd.list()) {
      for (SpiderDefinition<Object> d : all) {
        stdout.println(d.info().name());
      }
      stdout.flush();
      return 0;
    }
    if (cmd.externalJson()) {
      return externalJson(cmd, all, stdout, stderr);
    }
    SpiderDefinition<Object> definition;
    JobDirState jobState;
    Map<String, String> spiderArguments = new LinkedHashMap<>(cmd.arguments());
    try {
      definition = select(cmd.spider(), all);
      RuntimeSettings.check(cmd.settings());
      definition = StartOverrides.apply(definition, spiderArguments);
      for (String a : spiderArguments.keySet()) {
        if (!definition.argumentNames().contains(a)) {
          throw new CommandLine.UsageException(
              "unknown spider argument -a "
                  + a
                  + " for spider "
                  + definition.info().name()
                  + "; it takes "
                  + (definition.argumentNames().isEmpty()
                      ? "none"
                      : new java.util.TreeSet<>(definition.argumentNames())));
        }
      }
      // every check before any output is touched: a mistake leaves an existing -O file as it was
      if (cmd.local() && !ServiceLoader.load(EmbeddedHost.class).iterator().hasNext()) {
        throw new CommandLine.UsageException(NO_EMBEDDED_HOST);
      }
      if ((!cmd.local() || sameJvm(cmd))
          && localSelectorsWanted(cmd)
          && !ServiceLoader.load(LocalSelectors.class).iterator().hasNext()) {
        throw new CommandLine.UsageException(
            "-s SELECTORS=local needs the embedded host (io.streamspider:streamspider-host) in the"
                + " spider jar");
      }
      // a spider JVM of its own gets --fifo but not this environment
      Outputs.check(
          cmd.feeds(), cmd.fifo(), cmd.local() && !sameJvm(cmd) ? Map.of() : System.getenv());
      jobState = jobState(cmd, definition);
    } catch (CommandLine.UsageException | IllegalArgumentException e) {
      return usage(stderr, e.getMessage());
    }
    if (cmd.local()) {
      return runLocal(cmd, definition, spiderArguments, jobState, stderr, argv);
    }
    return crawl(
        cmd,
        definition,
        spiderArguments,
        jobState,
        StdioCapture.install(),
        new FileInputStream(FileDescriptor.in),
        null);
  }

  /**
   * The spider's state in JOBDIR ({@code -s JOBDIR}, else the spider's custom setting), or null
   * without one.
   *
   * @throws IllegalArgumentException naming the state file that cannot be read
   */
  private static JobDirState jobState(CommandLine cmd, SpiderDefinition<Object> definition) {
    String dir = JobDirState.jobDir(cmd.settings(), definition.info().customSettings());
    return dir == null ? null : JobDirState.load(dir, definition.info().name());
  }

  /**
   * The crawl loop of a spider.
   *
   * @param stdin the protocol's input (the process's stdin, or a pipe from a host in this JVM)
   * @param inProcess null in a spider process of its own (SIGTERM and the idle watchdog end the
   *     process); else told the loop, for the host's cancel, and nothing calls System.exit
   */
  private static int crawl(
      CommandLine cmd,
      SpiderDefinition<Object> definition,
      Map<String, String> spiderArguments,
      JobDirState jobState,
      StdioCapture capture,
      InputStream stdin,
      java.util.function.Consumer<CrawlLoop> inProcess) {
    LogSink.setLevel(cmd.settings().getOrDefault("LOG_LEVEL", "DEBUG")); // before spider code runs
    PrintStream err = capture.realErr();
    Object spider;
    try {
      spider =
          definition.newSpider(
              new SpiderArguments(
                  spiderArguments, jobState == null ? new SpiderState() : jobState.state()));
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return usage(
          err, "cannot create spider " + definition.info().name() + ": " + StdioCapture.trace(e));
    }
    JsonFactory json = new JsonFactory();
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    Supplier<ObjectMapper> mapper =
        new Supplier<>() {
          private ObjectMapper m;

          @Override
          public synchronized ObjectMapper get() {
            if (m == null) {
              m =
                  new ObjectMapper()
                      .registerModule(new JavaTimeModule())
                      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            }
            return m;
          }
        };
    Stats stats = new Stats();
    ProtocolWriter writer =
        new ProtocolWriter(new BufferedOutputStream(capture.protocolOut(), 1 << 16), json, mapper);
    Map<String, String> s = cmd.settings();
    RuntimeLog log = new RuntimeLog(writer, stats, s.getOrDefault("LOG_LEVEL", "DEBUG"));
    capture.connect(log);

    String fifo = cmd.fifo();
    if (fifo == null) {
      fifo = System.getenv("SHUB_FIFO_PATH");
    }
    LocalSelectors local = null;
    if (localSelectorsWanted(cmd)) {
      local = ServiceLoader.load(LocalSelectors.class).iterator().next(); // checked in run()
    }
    CrawlOutput output;
    try {
      output =
          Outputs.create(
              cmd.feeds(),
              fifo,
              log,
              (long)
                  (RuntimeSettings.seconds(
                          s,
                          RuntimeSettings.FIFO_OPEN_TIMEOUT,
                          RuntimeSettings.DEFAULT_FIFO_OPEN_TIMEOUT)
                      * 1000));
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    Map<String, Object> extra = customSettings(s);
    try {
      output.open(stats);
    } catch (IOException e) {
      return usage(err, "cannot open the item output: " + e.getMessage());
    }
    final CrawlOutput out = output;
    log.setMirror(
        new java.util.function.BiConsumer<String, String>() {
          @Override
          public void accept(String level, String message) {
            out.log(level, message);
          }
        });
    CrawlLoop loop =
        new CrawlLoop(
            definition,
            spider,
            new LineReader(stdin),
            new HostMessageReader(json),
            writer,
            output,
            log,
            stats,
            local,
            extra,
            json,
            jobState);
    Thread hook =
        new Thread("streamspider-sigterm") {
          @Override
          public void run() {
            loop.cancel();
          }
        };
    if (inProcess == null) {
      Runtime.getRuntime().addShutdownHook(hook);
      // frontier mode: the first SIGINT/SIGTERM lets the host drain and close stdin
      loop.onFrontierMode(
          () -> {
            stopOnSecondSignal(loop, "INT", 130);
            stopOnSecondSignal(loop, "TERM", 143);
          });
    } else {
      inProcess.accept(loop);
    }
    long idleNanos =
        (long)
            (RuntimeSettings.seconds(
                    s, RuntimeSettings.IDLE_TIMEOUT, RuntimeSettings.DEFAULT_IDLE_TIMEOUT)
                * 1e9);
    Watchdog.start(loop, idleNanos, inProcess == null);
    Outcome outcome;
    try {
      outcome = loop.run();
    } catch (IOException | RuntimeException | Error e) {
      // not a signal: the outcome is failed, never cancelled
      outcome = loop.fail(e);
    }
    return outcome.exitCode;
  }

  private static void stopOnSecondSignal(CrawlLoop loop, String signal, int exitCode) {
    LocalJvmDefaults.handle(
        signal,
        () -> {
          if (!loop.stopRequested("SIG" + signal)) {
            System.exit(exitCode); // the shutdown hook finds the crawl ended
          }
        });
  }

  private static boolean localSelectorsWanted(CommandLine cmd) {
    return "local".equalsIgnoreCase(cmd.settings().getOrDefault(RuntimeSettings.SELECTORS, "host"));
  }

  /** The {@code -s} settings the spider sends in its custom_settings: all but the runtime's own. */
  private static Map<String, Object> customSettings(Map<String, String> settings) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (!RuntimeSettings.OWN.contains(e.getKey())) {
        extra.put(e.getKey(), settingValue(e.getValue()));
      }
    }
    return extra;
  }

  /** A setting's text as JSON would carry it: number, boolean, or string. */
  static Object settingValue(String v) {
    String t = v.strip();
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      // not an integer
    }
    try {
      double d = Double.parseDouble(t);
      if (!Double.isNaN(d) && !Double.isInfinite(d) && !t.endsWith("d") && !t.endsWith("f")) {
        return d;
      }
    } catch (NumberFormatException e) {
      // not a number
    }
    return v;
  }

  private static SpiderDefinition<Object> select(String name, List<SpiderDefinition<Object>> all)
      throws CommandLine.UsageException {
    if (all.isEmpty()) {
      throw new CommandLine.UsageException(
          "no spider in this jar (is the annotation processor configured?)");
    }
    if (name == null) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new CommandLine.UsageException(
          "this jar holds several spiders; name one of " + names(all));
    }
    for (SpiderDefinition<Object> d : all) {
      if (d.info().name().equals(name)) {
        return d;
      }
    }
    throw new CommandLine.UsageException(
        "no spider named " + name + "; this jar holds " + names(all));
  }

  private static List<String> names(List<SpiderDefinition<Object>> all) {
    List<String> n = new ArrayList<>();
    for (SpiderDefinition<Object> d : all) {
      n.add(d.info().name());
    }
    return n;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<SpiderDefinition<Object>> loadSpiders() {
    List<SpiderDefinition<Object>> all = new ArrayList<>();
    for (SpiderDefinition d : ServiceLoader.load(SpiderDefinition.class)) {
      all.add(d);
    }
    return all;
  }

  private static int runLocal(
      CommandLine cmd,
      SpiderDefinition<Object> definition,
      Map<String, String> spiderArguments,
      JobDirState jobState,
      PrintStream err,
      String[] argv) {
    Iterator<EmbeddedHost> it = ServiceLoader.load(EmbeddedHost.class).iterator();
    if (!it.hasNext()) {
      return usage(err, NO_EMBEDDED_HOST);
    }
    // the user's JVM options; in a host JVM the launcher started, without the defaults it added
    String relaunched = System.getenv(LocalJvmDefaults.RELAUNCHED);
    List<String> userOptions = new ArrayList<>(jvmInputArguments());
    List<String> hostDefaults = sameJvm(cmd) ? LocalJvmDefaults.SAME : LocalJvmDefaults.HOST;
    if (relaunched != null) {
      for (String d : hostDefaults) {
        userOptions.remove(d);
      }
    }
    List<String> sharable = inheritedJvmOptions(userOptions);
    // without memory options from the user, the host runs in a JVM of its own with sized defaults
    // (with SPIDER_JVM=same, the spider runs in that sized JVM too)
    List<String> relaunch =
        LocalJvmDefaults.relaunchCommand(
            userOptions, sharable, javaCommand(), Arrays.asList(argv), relaunched, hostDefaults);
    if (relaunch != null) {
      try {
        return LocalJvmDefaults.runHost(relaunch);
      } catch (IOException e) {
        err.println("streamspider: cannot start the host JVM " + relaunch + ": " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    List<String> hostArgs = new ArrayList<>();
    for (Map.Entry<String, String> e : cmd.settings().entrySet()) {
      hostArgs.add("-s");
      hostArgs.add(e.getKey() + "=" + e.getValue());
    }
    hostArgs.addAll(cmd.hostOptions());
    EmbeddedHost host = it.next();
    // the settings the host will check when the spider's message arrives, checked now: the spider
    // opens its outputs (-O empties a file) before that
    Map<String, Object> custom = new LinkedHashMap<>(definition.info().customSettings());
    custom.putAll(customSettings(cmd.settings()));
    try {
      host.check(hostArgs, custom);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (sameJvm(cmd)) {
      try {
        return host.run(
            new SameJvmSpider(cmd, definition, spiderArguments, jobState, err), hostArgs);
      } catch (Exception e) {
        err.println("streamspider: the embedded host failed: " + e);
        return 1;
      }
    }
    // the spider JVM gets this JVM's options (java -Xmx2g -jar spider.jar --local), or the defaults
    List<String> base = javaCommand();
    List<String> spiderCommand = new ArrayList<>();
    spiderCommand.add(base.get(0));
    spiderCommand.addAll(sharable);
    spiderCommand.addAll(LocalJvmDefaults.defaults(userOptions, LocalJvmDefaults.SPIDER));
    spiderCommand.addAll(base.subList(1, base.size()));
    spiderCommand.add(definition.info().name());
    spiderCommand.addAll(cmd.forwarded());
    try {
      return host.run(spiderCommand, hostArgs);
    } catch (Exception e) {
      err.println("streamspider: the embedded host failed: " + e);
      return 1;
    }
  }

  /**
   * Whether the first argument asks for a Scrapy Cloud command. The names are constants, compared
   * here: calling into ScrapyCloudJob would initialise it, and its ObjectMapper cost every spider's
   * start-up about 500 classes (runtime start 1.86x a bare JVM instead of 3.5x).
   */
  static boolean scrapyCloudCommand(String first) {
    return ScrapyCloudJob.IMAGE_INFO.equals(first) || ScrapyCloudJob.START_CRAWL.equals(first);
  }

  /** Whether {@code --local} runs the spider in the host's JVM ({@code -s SPIDER_JVM=same}). */
  static boolean sameJvm(CommandLine cmd) {
    return "same".equalsIgnoreCase(cmd.settings().getOrDefault("SPIDER_JVM", "separate"));
  }

  /** The spider of {@code --local -s SPIDER_JVM=same}: this crawl loop on the host's pipes. */
  private static final class SameJvmSpider implements InProcessSpider {
    private final CommandLine cmd;
    private final SpiderDefinition<Object> definition;
    private final Map<String, String> spiderArguments;
    private final JobDirState jobState;
    private final PrintStream err;
    private final Object lock = new Object();
    private CrawlLoop loop;
    private boolean cancelled;

    SameJvmSpider(
        CommandLine cmd,
        SpiderDefinition<Object> definition,
        Map<String, String> spiderArguments,
        JobDirState jobState,
        PrintStream err) {
      this.cmd = cmd;
      this.definition = definition;
      this.spiderArguments = spiderArguments;
      this.jobState = jobState;
      this.err = err;
    }

    @Override
    public int run(InputStream fromHost, OutputStream toHost) {
      StdioCapture capture = StdioCapture.install(toHost, err);
      return crawl(
          cmd,
          definition,
          spiderArguments,
          jobState,
          capture,
          fromHost,
          l -> {
            synchronized (lock) {
              loop = l;
              if (cancelled) {
                l.cancel();
              }
            }
          });
    }

    @Override
    public void cancel() {
      CrawlLoop l;
      synchronized (lock) {
        cancelled = true;
        l = loop;
      }
      if (l != null) {
        l.stopRequested("SIGTERM"); // in frontier mode the host then closes stdin
      }
    }
  }

  /** This JVM's options, or none where the JDK has no java.management module. */
  private static List<String> jvmInputArguments() {
    try {
      return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    } catch (LinkageError | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * The options of this JVM that the spider JVM of {@code --local} gets too: all but those two JVMs
   * cannot share (a debugger or JMX port, an agent, a log or recording file) and the class path,
   * which {@link #javaCommand()} gives.
   */
  static List<String> inheritedJvmOptions(List<String> options) {
    List<String> kept = new ArrayList<>();
    for (String o : options) {
      boolean shared =
          o.startsWith("-agentlib:")
              || o.startsWith("-agentpath:")
              || o.startsWith("-javaagent:")
              || o.startsWith("-Xrunjdwp")
              || o.equals("-Xdebug")
              || o.startsWith("-Xlog:") && o.contains("file=")
              || o.startsWith("-Xloggc:")
              || o.startsWith("-XX:StartFlightRecording")
              || o.startsWith("-XX:FlightRecorderOptions")
              || o.startsWith("-Dcom.sun.management.jmxremote")
              || o.startsWith("-XX:Flags=")
              || o.startsWith("-Djava.class.path=");
      if (!shared) {
        kept.add(o);
      }
    }
    return kept;
  }

  /** The absolute command that starts this runtime again: java, class path, main class. */
  static List<String> javaCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cp = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!p.isEmpty()) {
        cp.add(Path.of(p).toAbsolutePath().toString());
      }
    }
    return List.of(
        java, "-cp", String.join(File.pathSeparator, cp), "io.streamspider.runtime.StreamSpider");
  }

  private static int externalJson(
      CommandLine cmd, List<SpiderDefinition<Object>> all, PrintStream out, PrintStream err) {
    List<SpiderDefinition<Object>> chosen;
    try {
      chosen = cmd.spider() == null ? all : List.of(select(cmd.spider(), all));
    } catch (CommandLine.UsageException e) {
      return usage(err, e.getMessage());
    }
    List<String> base = javaCommand();
    try {
      StringWriter w = new StringWriter();
      JsonGenerator g = new JsonFactory().createGenerator(w);
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (SpiderDefinition<Object> d : chosen) {
        g.writeStartObject();
        g.writeStringField("name", d.info().name());
        g.writeStringField("command", base.get(0));
        g.writeArrayFieldStart("args");
        for (String a : base.subList(1, base.size())) {
          g.writeString(a);
        }
        g.writeString(d.info().name());
        for (String a : cmd.forwarded()) {
          g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.close();
      out.println(w);
      out.flush();
      return 0;
    } catch (IOException e) {
      return usage(err, e.getMessage());
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("streamspider: " + message);
    err.println("Try --help for the options.");
    err.flush();
    return 2;
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        Launcher.class.getResourceAsStream("/io/streamspider/runtime/version.properties")) {
      if (in != null) {
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
