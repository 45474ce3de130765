package io.streamspider.bench.crawl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fallback when nginx is absent: the JDK's HttpServer with its own thread pool, pages held in
 * memory.
 */
final class JdkSiteServer implements SiteServer {
  private HttpServer server;
  private ExecutorService pool;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  @Override
  public String start(Path root, Path workDir) throws IOException {
    Map<String, byte[]> pages = new HashMap<>();
    try (var files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        pages.put("/" + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
    pool = Executors.newFixedThreadPool(4);
    server.setExecutor(pool);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body = pages.get(path);
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            if (body == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public Map<String, Integer> hits() {
    Map<String, Integer> out = new HashMap<>();
    hits.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public String describe() {
    return "the JDK HttpServer (4 threads) on 127.0.0.1 (nginx not found)";
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
