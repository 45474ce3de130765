package io.streamspider.host.internal.engine.frontier;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A site of {@code pages} tiny pages on 127.0.0.1 that logs every fetch: page i links to 2i+1 and
 * 2i+2 (a tree reaching every page), to page 0 and to its parent (duplicates for the filter). Each
 * fetch is recorded with the "segment" (run) it happened in.
 */
final class FrontierSite implements AutoCloseable {
  /** One fetch: the page number and the segment it was made in. */
  record Fetch(int page, int segment) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  final int pages;
  final List<Fetch> fetches = new CopyOnWriteArrayList<>();
  final Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
  volatile int segment;

  FrontierSite(int pages, int delayMillis) throws IOException {
    this.pages = pages;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(pool);
    server.createContext(
        "/p/",
        ex -> {
          int i;
          try {
            i = Integer.parseInt(ex.getRequestURI().getPath().substring(3));
          } catch (NumberFormatException e) {
            i = -1;
          }
          if (i < 0 || i >= pages) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          fetches.add(new Fetch(i, segment));
          counts.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
          if (delayMillis > 0) {
            try {
              Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          StringBuilder b = new StringBuilder("<html><body><h1>Page ").append(i).append("</h1>");
          for (int child : new int[] {2 * i + 1, 2 * i + 2, 0, (i - 1) / 2}) {
            if (child < pages) {
              b.append("<a href=\"/p/").append(child).append("\">x</a>");
            }
          }
          byte[] body = b.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  String start() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/p/0";
  }

  int fetched() {
    return fetches.size();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
