package io.streamspider.bench.frontier;

import com.sun.net.httpserver.HttpServer;
import io.streamspider.host.internal.engine.frontier.FrontierEntry;
import io.streamspider.host.internal.engine.frontier.ScrapyRedisFingerprint;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * Whole-process benchmark of {@code -s SCHEDULER=redis} (docs/scale-out.md): the same site crawled
 * by 1, 2 and 3 workers (each an embedded host JVM with its spider process) sharing a real {@code
 * redis-server}; prints pages/s (first to last fetch, as the server saw them), Redis commands per
 * page ({@code INFO commandstats} before and after) and ratios to the 1-worker run of the same
 * invocation. Then Redis's memory per fingerprint and per queued request ({@code INFO memory}
 * around N entries of the real formats).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.streamspider.bench.frontier.FrontierWorkersBenchmark
 *     (--spider-classpath CP [--spider frontier_test] | --python-spider FILE)
 *     [--pages 3000] [--workers 1,2,3] [--delay-ms 20] [--concurrency 8] [--memory-entries 200000]
 * </pre>
 *
 * <p>The spider: the real runtime ({@code io.streamspider.runtime.StreamSpider NAME}) on {@code
 * --spider-classpath}, with the start URL as {@code -a start_urls=URL}; the host module's test
 * spider {@code TreeSpider} (name {@code frontier_test}) follows every link: {@code
 * --spider-classpath host/target/test-classes:$(cat cp.txt)}. Or {@code --python-spider
 * host/src/test/resources/spiders/frontier_spider.py}, a minimal runtime.
 *
 * <p>{@code --delay-ms} is the site's time per page (network latency stands in for it): with it, a
 * worker is bound by latency and concurrency, as a real crawl is; with 0, by the machine's CPU,
 * which more workers on one machine cannot add.
 */
public final class FrontierWorkersBenchmark {
  private FrontierWorkersBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = 3000;
    int delay = 20;
    int concurrency = 8;
    int memoryEntries = 200_000;
    List<Integer> workerCounts = List.of(1, 2, 3);
    String spiderClasspath = null;
    String spiderName = "frontier_test";
    Path pythonSpider = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--pages" -> pages = Integer.parseInt(args[++i]);
        case "--delay-ms" -> delay = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--memory-entries" -> memoryEntries = Integer.parseInt(args[++i]);
        case "--workers" ->
            workerCounts =
                java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--spider-classpath" -> spiderClasspath = args[++i];
        case "--spider" -> spiderName = args[++i];
        case "--python-spider" -> pythonSpider = Path.of(args[++i]).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (spiderClasspath == null && pythonSpider == null) {
      throw new IllegalArgumentException(
          "give --spider-classpath CP [--spider NAME], or --python-spider FILE");
    }
    Path work = Files.createTempDirectory("frontier-bench");
    System.out.printf(
        Locale.ROOT,
        "site: %d pages, %d ms each; CONCURRENT_REQUESTS=%d per"
            + " worker; spider: %s; %d cores%n",
        pages,
        delay,
        concurrency,
        pythonSpider != null ? pythonSpider : "runtime, spider " + spiderName,
        Runtime.getRuntime().availableProcessors());
    double basePps = 0;
    double baseCmds = 0;
    try (Site site = new Site(pages, delay)) {
      for (int workers : workerCounts) {
        Path dir = Files.createDirectories(work.resolve("w" + workers));
        try (Redis redis = new Redis(dir)) {
          site.reset();
          long before = redis.commands();
          List<Process> procs = new ArrayList<>();
          for (int w = 0; w < workers; w++) {
            procs.add(
                worker(
                    dir, w, site, redis, concurrency, spiderClasspath, spiderName, pythonSpider));
          }
          for (Process p : procs) {
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
              p.descendants().forEach(ProcessHandle::destroyForcibly);
              p.destroyForcibly();
              throw new IllegalStateException("a worker ran for 600 s; logs in " + dir);
            }
            if (p.exitValue() != 0) {
              throw new IllegalStateException(
                  "a worker exited " + p.exitValue() + "; logs in " + dir);
            }
          }
          long commands = redis.commands() - before;
          int fetched = site.unique();
          if (fetched != pages) {
            throw new IllegalStateException(fetched + " of " + pages + " pages fetched");
          }
          double seconds = (site.last.get() - site.first.get()) / 1e9;
          double pps = fetched / seconds;
          double perPage = (double) commands / fetched;
          if (basePps == 0) {
            basePps = pps;
            baseCmds = perPage;
          }
          System.out.printf(
              Locale.ROOT,
              "%d worker(s): %7.1f pages/s (%.2fx 1 worker), %5.2f Redis commands/page"
                  + " (%.2fx), %d fetches for %d pages%n",
              workers,
              pps,
              pps / basePps,
              perPage,
              perPage / baseCmds,
              site.fetches.get(),
              fetched);
        }
      }
    }
    memory(work.resolve("memory"), memoryEntries);
  }

  private static Process worker(
      Path dir,
      int n,
      Site site,
      Redis redis,
      int concurrency,
      String spiderClasspath,
      String name,
      Path python)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> settings =
        List.of(
            "SCHEDULER=redis",
            "REDIS_URL=" + redis.url(),
            "CONCURRENT_REQUESTS=" + concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN=" + concurrency,
            "MAX_IDLE_TIME_BEFORE_CLOSE=2",
            "LOG_LEVEL=INFO",
            "LOGSTATS_INTERVAL=0");
    List<String> cmd = new ArrayList<>();
    Path items = dir.resolve("items" + n + ".jsonl");
    cmd.addAll(
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "io.streamspider.host.HostMain",
            "streaming",
            "--allow-stderr"));
    settings.forEach(s -> cmd.addAll(List.of("-s", s)));
    cmd.add("--");
    if (python != null) {
      cmd.addAll(List.of("/usr/bin/python3", python.toString(), items.toString(), site.start()));
    } else {
      cmd.addAll(
          List.of(
              java,
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-cp",
              spiderClasspath,
              "io.streamspider.runtime.StreamSpider",
              name,
              "-a",
              "start_urls=" + site.start(),
              "-o",
              items.toString()));
    }
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker" + n + ".log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  /** Redis's memory per entry of the dupefilter set and of the requests sorted set. */
  private static void memory(Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    try (Redis redis = new Redis(dir);
        Jedis j = new Jedis("127.0.0.1", redis.port)) {
      long empty = usedMemory(j);
      try (Pipeline p = j.pipelined()) {
        for (int i = 0; i < n; i++) {
          p.sadd("bench:dupefilter", ScrapyRedisFingerprint.of("GET", url(i), new byte[0]));
        }
        p.sync();
      }
      long withFingerprints = usedMemory(j);
      try (Pipeline p = j.pipelined()) {
        for (int i = 0; i < n; i++) {
          p.zadd("bench:requests", 0, entry(i));
        }
        p.sync();
      }
      long withQueue = usedMemory(j);
      int sampleBytes = entry(1).length();
      System.out.printf(
          Locale.ROOT,
          "Redis memory, %d entries each: %.1f bytes per fingerprint (40 hex chars in a set);"
              + " %.1f bytes per queued request (sorted-set member of %d bytes of JSON)%n",
          n,
          (withFingerprints - empty) / (double) n,
          (withQueue - withFingerprints) / (double) n,
          sampleBytes);
    }
  }

  private static String url(int i) {
    return "https://shop.example.com/catalogue/category/books/product-" + i + "/index.html";
  }

  /** A typical stored request: a link followed to a product page, with a small meta. */
  private static String entry(int i) {
    com.fasterxml.jackson.databind.node.ObjectNode m =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    m.put("type", "request");
    m.put("id", "product#k3j9x2qa." + i);
    m.put("url", url(i));
    m.putObject("meta").put("depth", 2);
    return FrontierEntry.of(ScrapyRedisFingerprint.of("GET", url(i), new byte[0]), 0, false, m)
        .toJson();
  }

  private static long usedMemory(Jedis j) {
    for (String line : j.info("memory").split("\r\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()));
      }
    }
    throw new IllegalStateException("no used_memory in INFO memory");
  }

  /** A redis-server of its own on a free 127.0.0.1 port (append-only, as a fleet would run it). */
  private static final class Redis implements AutoCloseable {
    final int port;
    final Process process;
    final JedisPooled client;

    Redis(Path dir) throws Exception {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      process =
          new ProcessBuilder(
                  "/usr/bin/redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--dir",
                  dir.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "yes",
                  "--appendfsync",
                  "everysec",
                  "--protected-mode",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          break;
        } catch (IOException notYet) {
          if (System.nanoTime() > deadline || !process.isAlive()) {
            throw new IllegalStateException("redis-server did not start; see " + dir);
          }
          Thread.sleep(20);
        }
      }
      client = new JedisPooled("127.0.0.1", port);
    }

    String url() {
      return "redis://127.0.0.1:" + port + "/0";
    }

    /** Commands served so far, the harness's own INFO calls left out. */
    long commands() {
      long total = 0;
      String stats;
      try (Jedis j = new Jedis("127.0.0.1", port)) {
        stats = j.info("commandstats");
      }
      for (String line : stats.split("\r\n")) {
        if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
          int calls = line.indexOf("calls=");
          total += Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls)));
        }
      }
      return total;
    }

    @Override
    public void close() throws Exception {
      client.close();
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Page i links to 2i+1, 2i+2, 0 and its parent; logs every fetch. */
  private static final class Site implements AutoCloseable {
    final HttpServer server;
    final ExecutorService pool = Executors.newFixedThreadPool(32);
    final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    final AtomicLong fetches = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();

    Site(int pages, int delayMillis) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      server.setExecutor(pool);
      server.createContext(
          "/p/",
          ex -> {
            int i = Integer.parseInt(ex.getRequestURI().getPath().substring(3));
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            fetches.incrementAndGet();
            seen.add(i);
            if (delayMillis > 0) {
              try {
                Thread.sleep(delayMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            StringBuilder b = new StringBuilder("<html><body><h1>Page ").append(i).append("</h1>");
            for (int c : new int[] {2 * i + 1, 2 * i + 2, 0, (i - 1) / 2}) {
              if (c < pages) {
                b.append("<a href=\"/p/").append(c).append("\">x</a>");
              }
            }
            byte[] body = b.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
            last.set(System.nanoTime());
          });
      server.start();
    }

    String start() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/p/0";
    }

    void reset() {
      seen.clear();
      fetches.set(0);
      first.set(0);
      last.set(0);
    }

    int unique() {
      return seen.size();
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
