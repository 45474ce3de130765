package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import io.streamspider.example.CatalogueSpider;
import io.streamspider.example.DemoSite;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --local -s SPIDER_JVM=same}: the host and the spider share one JVM. The fat jar crawls the
 * demo site in one JVM (the launcher's sized one, or the user's own with memory options), gives the
 * same items, and a debugger attached to that one JVM stops in a callback (with a separate spider
 * JVM, it never does).
 */
class OneJvmCrawlIT {
  @TempDir Path dir;
  private DemoSite site;

  @BeforeEach
  void startSite() throws Exception {
    site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED);
  }

  @AfterEach
  void stopSite() {
    site.close();
  }

  /** A crawl whose process tree is watched while it runs. */
  private record Watched(int exitCode, String log, int mostDescendants, Set<String> commands) {}

  private Watched crawl(List<String> jvmOptions, String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ChildProcess.JAVA.toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", ChildProcess.JAR.toString(), "catalogue", "--local"));
    command.addAll(List.of(options));
    Path out = dir.resolve("crawl.log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    int most = 0;
    Set<String> commands = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (p.isAlive() && System.nanoTime() < deadline) {
      List<ProcessHandle> now = p.descendants().toList();
      most = Math.max(most, now.size());
      for (ProcessHandle d : now) {
        // a child is the JDK's jspawnhelper for a moment before it becomes the JVM it starts
        boolean spawnHelper = d.info().command().map(c -> c.endsWith("jspawnhelper")).orElse(false);
        if (!spawnHelper) {
          d.info().arguments().ifPresent(a -> commands.add(String.join(" ", a)));
        }
      }
      Thread.sleep(10);
    }
    if (p.isAlive()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      throw new AssertionError("still running after 180 s: " + Files.readString(out));
    }
    return new Watched(
        p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), most, commands);
  }

  @Test
  void crawlsTheDemoInOneProcessWithTheSameItems() throws Exception {
    Path items = dir.resolve("items.jsonl");
    Watched one =
        crawl(
            List.of(),
            "-a",
            "start_urls=" + site.baseUrl(),
            "-s",
            "SPIDER_JVM=same",
            "-O",
            items.toString());
    assertEquals(0, one.exitCode(), one.log());
    // without memory options, the launcher starts one sized JVM, and it runs host and spider
    assertEquals(1, one.mostDescendants(), "one JVM for host and spider: " + one.log());
    assertTrue(
        one.commands().stream().allMatch(c -> c.contains("-Xmx448m")), one.commands()::toString);
    assertTrue(one.log().contains("Starting the spider in this JVM"), one.log());
    Map<String, DemoProduct> expected = ExpectedItems.expected(site.catalogue(), null, true);
    ExpectedItems.assertItems(
        expected,
        ExpectedItems.parse(Files.readAllLines(items, StandardCharsets.UTF_8)),
        site.baseUrl());
    assertTrue(one.log().contains("Spider closed (finished)"), one.log());

    // the probe sees a child where there is one
    Watched two =
        crawl(
            List.of(),
            "-a",
            "start_urls=" + site.baseUrl(),
            "-O",
            dir.resolve("two.jsonl").toString());
    assertEquals(0, two.exitCode(), two.log());
    assertEquals(
        2, two.mostDescendants(), "the default starts a host and a spider JVM: " + two.log());

    // memory options of the user's: no relaunch, the spider runs in the user's JVM itself
    Watched own =
        crawl(
            List.of("-Xmx300m"),
            "-a",
            "start_urls=" + site.baseUrl(),
            "-s",
            "SPIDER_JVM=same",
            "-O",
            dir.resolve("own.jsonl").toString());
    assertEquals(0, own.exitCode(), own.log());
    assertEquals(0, own.mostDescendants(), "no child process: " + own.log());
  }

  @Test
  void aDebuggerStopsInACallbackOnlyWhenTheSpiderSharesTheJvm() throws Exception {
    assertEquals(105, breakpointHits("same"), "one stop per product page");
    assertEquals(0, breakpointHits("separate"), "debugger options do not reach a spider JVM");
  }

  /** Crawls under a JDWP debugger with a breakpoint on CatalogueSpider.product; counts stops. */
  private int breakpointHits(String spiderJvm) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> jdwp =
        List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + port);
    AtomicInteger hits = new AtomicInteger();
    Thread debugger = new Thread(() -> debug(port, hits), "jdi-debugger");
    debugger.setDaemon(true);
    debugger.start();
    Watched w =
        crawl(
            jdwp,
            "-a",
            "start_urls=" + site.baseUrl(),
            "-s",
            "SPIDER_JVM=" + spiderJvm,
            "-O",
            dir.resolve(spiderJvm + ".jsonl").toString());
    debugger.join(10_000);
    assertEquals(0, w.exitCode(), w.log());
    return hits.get();
  }

  private static void debug(int port, AtomicInteger hits) {
    AttachingConnector socket =
        Bootstrap.virtualMachineManager().attachingConnectors().stream()
            .filter(c -> c.name().equals("com.sun.jdi.SocketAttach"))
            .findFirst()
            .orElseThrow();
    Map<String, Connector.Argument> args = socket.defaultArguments();
    args.get("hostname").setValue("127.0.0.1");
    args.get("port").setValue(Integer.toString(port));
    VirtualMachine vm = null;
    for (int i = 0; i < 200 && vm == null; i++) {
      try {
        vm = socket.attach(args);
      } catch (Exception notListeningYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
    if (vm == null) {
      throw new AssertionError("could not attach to 127.0.0.1:" + port);
    }
    ClassPrepareRequest prepare = vm.eventRequestManager().createClassPrepareRequest();
    prepare.addClassFilter(CatalogueSpider.class.getName());
    prepare.enable();
    vm.resume();
    try {
      while (true) {
        EventSet set = vm.eventQueue().remove();
        for (Event e : set) {
          if (e instanceof ClassPrepareEvent cp) {
            ReferenceType type = cp.referenceType();
            BreakpointRequest bp =
                vm.eventRequestManager()
                    .createBreakpointRequest(type.methodsByName("product").get(0).location());
            bp.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            bp.enable();
          } else if (e instanceof BreakpointEvent) {
            hits.incrementAndGet();
          } else if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
            return;
          }
        }
        set.resume();
      }
    } catch (InterruptedException | com.sun.jdi.VMDisconnectedException done) {
      // the crawl ended
    }
  }
}
