package io.streamspider.host.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A site on 127.0.0.1 for the host's tests: the pages of the reference transcripts ({@code
 * host/src/test/resources/fixtures}), a binary image, a 404, forms, encodings, a slow page and an
 * echo.
 */
public final class TestSite implements AutoCloseable {
  /**
   * The pages of {@code host/src/test/resources/fixtures/reference-host-session.txt}, byte for
   * byte.
   */
  public static final String INDEX =
      "<html><head><title>Home \u00e9</title></head><body><a href=\"/p1.html\">one</a><a"
          + " href=\"/p2.html\">two</a>\n"
          + "<form name=\"login\" action=\"/login\" method=\"post\"><input name=\"user\""
          + " value=\"x\"><input type=\"submit\" name=\"go\" value=\"Go\"></form></body></html>\n";

  public static final String P1 =
      "<html><body><h1>Page 1</h1><span class=\"price\">10</span></body></html>\n";
  public static final String P2 =
      "<html><body><h1>Page 2</h1><span class=\"price\">20</span></body></html>\n";
  public static final byte[] IMAGE = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUv/+");

  /** Served as application/rss+xml: Scrapy makes it an XmlResponse, so selectors parse XML. */
  public static final String FEED =
      "<?xml version=\"1.0\"?>\n"
          + "<rss version=\"2.0\""
          + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><Title>Feed</Title><item><title>One</title><dc:creator>Ann</dc:creator></item><item><title>Two</title><dc:creator>Bob</dc:creator></item></channel></rss>\n";

  public static final String SEARCH_RESULTS = "<html><body>results</body></html>\n";
  public static final String FORM =
      "<html><body><form name=\"login\" action=\"/login\" method=\"post\"><input name=\"user\""
          + " value=\"x\"></form>\n"
          + "<form name=\"search\" action=\"/search.html\" method=\"get\"><select"
          + " name=\"cat\"><option value=\"a\">A</option><option value=\"b\""
          + " selected>B</option></select><input type=\"text\" name=\"q\" value=\"\"><input"
          + " type=\"submit\" name=\"go\" value=\"Search\"></form></body></html>\n";

  /** Python's http.server error page, as in {@code reference-host-non200.txt}. */
  public static final String NOT_FOUND =
      "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
          + "        <title>Error response</title>\n    </head>\n    <body>\n"
          + "        <h1>Error response</h1>\n        <p>Error code: 404</p>\n"
          + "        <p>Message: File not found.</p>\n"
          + "        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n"
          + "    </body>\n</html>\n";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();

  public TestSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String path = ex.getRequestURI().getPath();
    byte[] requestBody = ex.getRequestBody().readAllBytes();
    switch (path) {
      case "/index.html" -> send(ex, 200, "text/html", INDEX.getBytes(StandardCharsets.UTF_8));
      case "/p1.html" -> send(ex, 200, "text/html", P1.getBytes(StandardCharsets.UTF_8));
      case "/p2.html" -> send(ex, 200, "text/html", P2.getBytes(StandardCharsets.UTF_8));
      case "/img.png" -> send(ex, 200, "image/png", IMAGE);
      case "/feed.rss" ->
          send(ex, 200, "application/rss+xml", FEED.getBytes(StandardCharsets.UTF_8));
      case "/form.html" -> send(ex, 200, "text/html", FORM.getBytes(StandardCharsets.UTF_8));
      case "/form-to-nowhere.html" ->
          send(
              ex,
              200,
              "text/html",
              "<form action=\"/nowhere\" method=\"get\"><input name=\"a\" value=\"1\"></form>"
                  .getBytes(StandardCharsets.UTF_8));
      case "/search.html" ->
          send(ex, 200, "text/html", SEARCH_RESULTS.getBytes(StandardCharsets.UTF_8));
      case "/latin1.html" ->
          send(
              ex,
              200,
              "text/html; charset=iso-8859-1",
              "<p>caf\u00e9 \u20ac</p>".getBytes(Charset.forName("windows-1252")));
      case "/cyrillic.html" ->
          send(
              ex,
              200,
              "text/html",
              "<html><head><meta charset=\"windows-1251\"></head><body>\u041f\u0440\u0438\u0432\u0435\u0442</body></html>"
                  .getBytes(Charset.forName("windows-1251")));
      case "/binary" -> send(ex, 200, "application/octet-stream", new byte[] {1, 2, 3, 0, 27, 127});
      case "/server-error" -> send(ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8));
      case "/redirect" -> {
        ex.getResponseHeaders().add("Location", "/p1.html");
        send(ex, 302, "text/html", new byte[0]);
      }
      case "/slow" -> {
        String q = ex.getRequestURI().getQuery();
        long ms = q != null && q.startsWith("ms=") ? Long.parseLong(q.substring(3)) : 1000;
        try {
          Thread.sleep(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(ex, 200, "text/html", ("<p>slept " + ms + "</p>").getBytes(StandardCharsets.UTF_8));
      }
      case "/echo", "/login" -> {
        StringBuilder sb = new StringBuilder();
        sb.append(ex.getRequestMethod()).append(' ').append(ex.getRequestURI()).append('\n');
        for (Map.Entry<String, List<String>> h :
            new java.util.TreeMap<>(ex.getRequestHeaders()).entrySet()) {
          if (h.getKey().equals("Cookie") || h.getKey().startsWith("X-")) {
            sb.append(h.getKey()).append(": ").append(String.join(",", h.getValue())).append('\n');
          }
        }
        sb.append(new String(requestBody, StandardCharsets.ISO_8859_1));
        ex.getResponseHeaders().add("Set-Cookie", "a=1");
        ex.getResponseHeaders().add("Set-Cookie", "b=2");
        ex.getResponseHeaders().add("x-custom-header", "yes");
        send(ex, 200, "text/plain; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
      }
      default ->
          send(ex, 404, "text/html;charset=utf-8", NOT_FOUND.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
