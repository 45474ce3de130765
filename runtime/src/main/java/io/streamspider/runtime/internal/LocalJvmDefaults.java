package io.streamspider.runtime.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory defaults of the two JVMs of {@code --local} (docs/engine.md, "Memory of --local"). Left to
 * itself, each JVM sizes its heap from the machine (a quarter of its memory as the limit, a 64th as
 * the start, G1), and a crawl's steady garbage makes both grow towards that limit: gigabytes for a
 * crawl that needs a few hundred megabytes. When the user's JVM options say nothing about memory,
 * the host JVM gets {@link #HOST} and the spider JVM {@link #SPIDER}; with {@code -s
 * SPIDER_JVM=same}, the one JVM that runs both gets {@link #SAME}.
 *
 * <p>The user's options win: any heap or RAM-share option ({@code -Xmx}, {@code -Xms}, {@code
 * -XX:MaxHeapSize}, {@code -XX:MaxRAMPercentage}, ...), on the command line or in {@code
 * JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS} (the JVM counts those among its input arguments),
 * turns every default off, and the spider JVM inherits the user's options as before. A collector
 * the user chose is kept; the defaults' collector is then left out.
 *
 * <p>The host runs in the JVM the user started, whose options are fixed by then; so with the
 * defaults the launcher starts the host in a JVM of its own with them (same class path, same
 * options, same arguments) and waits for it, passing SIGTERM on (Ctrl-C reaches both through the
 * terminal). It does not when the user's JVM carries something two JVMs cannot share (a debugger,
 * an agent, JMX, a recording): then the host stays in the user's JVM as started.
 *
 * <p>Public for the crawl benchmark only, which starts the two JVMs itself with these defaults when
 * it gives one of them options of its own (a flight recording).
 */
public final class LocalJvmDefaults {
  /** The host JVM: downloads, parses every page for the selectors, schedules. */
  public static final List<String> HOST =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms64m",
          "-Xmx384m",
          "-Xmn48m",
          "-XX:TieredStopAtLevel=1",
          "-XX:ReservedCodeCacheSize=64m",
          "-XX:MaxMetaspaceSize=128m");

  /**
   * The spider JVM: the spider's callbacks and the protocol; keeps little, but must hold one page
   * up to Scrapy's DOWNLOAD_WARNSIZE (32 MiB: its line, its text, the callback's copy). A small
   * -Xms keeps the resident memory of ordinary crawls small: the heap grows only for big pages.
   */
  public static final List<String> SPIDER =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms32m",
          "-Xmx256m",
          "-Xmn24m",
          "-XX:TieredStopAtLevel=1",
          "-XX:ReservedCodeCacheSize=48m",
          "-XX:MaxMetaspaceSize=96m");

  /**
   * The one JVM of {@code -s SPIDER_JVM=same}: host and spider together. The host's young
   * generation and code cache; a heap that holds the host's state and one page up to
   * DOWNLOAD_WARNSIZE in both parts, with the whole process still under 400 MB on ordinary crawls
   * (without it the JDK's own sizing let it grow past 2 GB on the crawl benchmark).
   */
  static final List<String> SAME =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms64m",
          "-Xmx448m",
          "-Xmn48m",
          "-XX:TieredStopAtLevel=1",
          "-XX:ReservedCodeCacheSize=64m",
          "-XX:MaxMetaspaceSize=128m");

  /** Set in the relaunched host JVM's environment: it never relaunches again. */
  static final String RELAUNCHED = "STREAMSPIDER_LOCAL_HOST_JVM";

  private LocalJvmDefaults() {}

  /** True when {@code option} sizes the heap or the JVM's share of the machine's memory. */
  static boolean sizesMemory(String option) {
    return option.startsWith("-Xmx")
        || option.startsWith("-Xms")
        || option.startsWith("-Xmn")
        || option.startsWith("-XX:MaxHeapSize=")
        || option.startsWith("-XX:InitialHeapSize=")
        || option.startsWith("-XX:MaxRAMPercentage=")
        || option.startsWith("-XX:MinRAMPercentage=")
        || option.startsWith("-XX:InitialRAMPercentage=")
        || option.startsWith("-XX:MaxRAMFraction=")
        || option.startsWith("-XX:MinRAMFraction=")
        || option.startsWith("-XX:InitialRAMFraction=")
        || option.startsWith("-XX:MaxRAM=")
        || option.startsWith("-XX:MaxNewSize=")
        || option.startsWith("-XX:NewSize=");
  }

  private static boolean choosesCollector(String option) {
    return option.startsWith("-XX:+Use") && option.endsWith("GC");
  }

  /**
   * The defaults to add to a JVM whose user gave {@code userOptions}: none if the user sized
   * memory; otherwise each default whose setting the user did not give (a collector counts as one
   * setting; {@code -XX:TieredStopAtLevel} and {@code -XX:+/-TieredCompilation} too).
   */
  public static List<String> defaults(List<String> userOptions, List<String> defaults) {
    for (String o : userOptions) {
      if (sizesMemory(o)) {
        return List.of();
      }
    }
    boolean collector = userOptions.stream().anyMatch(LocalJvmDefaults::choosesCollector);
    List<String> userKeys = userOptions.stream().map(LocalJvmDefaults::key).toList();
    List<String> out = new ArrayList<>();
    for (String d : defaults) {
      boolean given = choosesCollector(d) ? collector : userKeys.contains(key(d));
      if (!given) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * What an option sets: {@code -XX:Name} for {@code -XX:Name=v} and {@code -XX:+/-Name}; the
   * option otherwise.
   */
  private static String key(String option) {
    if (!option.startsWith("-XX:")) {
      return option;
    }
    String k =
        option.contains("=")
            ? option.substring(0, option.indexOf('='))
            : "-XX:"
                + option.substring(
                    option.startsWith("-XX:+") || option.startsWith("-XX:-") ? 5 : 4);
    // one setting, two spellings: the compiler tiers
    return k.equals("-XX:TieredCompilation") ? "-XX:TieredStopAtLevel" : k;
  }

  /**
   * The command that starts the host in a JVM of its own with the defaults, or null when the host
   * stays in this JVM: the user sized memory, this JVM was relaunched already, or it carries
   * options two JVMs cannot share ({@code sharable} is what {@link Launcher} keeps). {@code
   * hostDefaults} is {@link #HOST}, or {@link #SAME} when the spider runs in that JVM too.
   */
  static List<String> relaunchCommand(
      List<String> userOptions,
      List<String> sharable,
      List<String> javaCommand,
      List<String> argv,
      String relaunchedMarker,
      List<String> hostDefaults) {
    if (relaunchedMarker != null || sharable.size() != userOptions.size()) {
      return null;
    }
    List<String> add = defaults(userOptions, hostDefaults);
    if (add.isEmpty()) {
      return null;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand.get(0));
    cmd.addAll(userOptions);
    cmd.addAll(add);
    cmd.addAll(javaCommand.subList(1, javaCommand.size()));
    cmd.addAll(argv);
    return cmd;
  }

  /**
   * Runs {@code command} (the host JVM) with this process's stdin, stdout and stderr, and returns
   * its exit code. SIGTERM is passed on; SIGINT is left to the terminal, which sends it to both
   * processes (passing it on too would count as a second Ctrl-C).
   */
  static int runHost(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put(RELAUNCHED, "1");
    Process host = pb.start();
    Object previousInt = handle("INT", () -> {});
    Object previousTerm = handle("TERM", host::destroy);
    try {
      return host.waitFor();
    } finally {
      restore("INT", previousInt);
      restore("TERM", previousTerm);
    }
  }

  /**
   * Routes signal {@code name} to {@code action}; returns the previous handler, or null when this
   * JVM does not let us (-Xrs). {@code sun.misc.Signal} (module jdk.unsupported) is called
   * directly: the runtime looks nothing up by reflection (NoReflectionTest).
   */
  @SuppressWarnings("removal")
  static Object handle(String name, Runnable action) {
    try {
      return sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  @SuppressWarnings("removal")
  private static void restore(String name, Object previous) {
    if (previous instanceof sun.misc.SignalHandler handler) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
      } catch (IllegalArgumentException | LinkageError e) {
        // the process ends right after; nothing to restore for
      }
    }
  }
}
