package io.streamspider.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoPages;
import io.streamspider.example.internal.DemoProduct;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline demo shop the example spider crawls: about a hundred products over several listing
 * pages, a login form with a session cookie, members-only pages, PNG images, a broken product link
 * and an off-site link. Serves 127.0.0.1 only, with the JDK's HTTP server.
 *
 * <pre>java -cp example-spider.jar io.streamspider.example.DemoSite [--port N] [--seed N]</pre>
 */
public final class DemoSite implements AutoCloseable {
  /** The port the demo listens on unless told otherwise (the spider's default start URL). */
  public static final int DEFAULT_PORT = 8000;

  private static final Pattern LISTING = Pattern.compile("/catalogue/page-([0-9]{1,4})\\.html");
  private static final Pattern PRODUCT = Pattern.compile("/catalogue/product-([0-9]{1,6})\\.html");
  private static final Pattern IMAGE = Pattern.compile("/media/product-([0-9]{1,6})\\.png");
  private static final String HTML = "text/html; charset=utf-8";

  private final DemoCatalogue catalogue;
  private final DemoPages pages;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  private DemoSite(DemoCatalogue catalogue, HttpServer server, ExecutorService executor) {
    this.catalogue = catalogue;
    this.pages = new DemoPages(catalogue);
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one (see {@link #port()})
   */
  public static DemoSite start(int port, long seed) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "demo-site");
              t.setDaemon(true);
              return t;
            });
    DemoSite site = new DemoSite(new DemoCatalogue(seed), server, executor);
    server.createContext("/", site::handle);
    server.setExecutor(executor);
    server.start();
    return site;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/}: the first listing page. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  public DemoCatalogue catalogue() {
    return catalogue;
  }

  /** How often {@code "METHOD /path"} was requested so far. */
  public int hits(String method, String path) {
    AtomicInteger n = hits.get(method + " " + path);
    return n == null ? 0 : n.get();
  }

  /** Every {@code "METHOD /path"} requested so far, sorted, with its count. */
  public Map<String, Integer> hits() {
    Map<String, Integer> copy = new TreeMap<>();
    hits.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      hits.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
      if (path.equals("/login") && method.equals("POST")) {
        login(exchange);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        String allow = path.equals("/login") ? "GET, HEAD, POST" : "GET, HEAD";
        exchange.getResponseHeaders().set("Allow", allow);
        send(exchange, 405, HTML, pages.notFound(path));
        return;
      }
      route(exchange, path);
    }
  }

  private void route(HttpExchange exchange, String path) throws IOException {
    if (path.equals("/")) {
      send(exchange, 200, HTML, pages.listing(1));
      return;
    }
    Matcher m = LISTING.matcher(path);
    if (m.matches()) {
      int page = Integer.parseInt(m.group(1));
      if (page >= 2 && page <= catalogue.pageCount()) {
        send(exchange, 200, HTML, pages.listing(page));
        return;
      }
    }
    m = PRODUCT.matcher(path);
    if (m.matches()) {
      DemoProduct p = catalogue.product(Integer.parseInt(m.group(1)));
      if (p != null) {
        if (p.membersOnly() && !loggedIn(exchange)) {
          send(exchange, 403, HTML, pages.forbidden());
        } else {
          send(exchange, 200, HTML, pages.product(p));
        }
        return;
      }
    }
    m = IMAGE.matcher(path);
    if (m.matches()) {
      DemoProduct p = catalogue.product(Integer.parseInt(m.group(1)));
      if (p != null) {
        send(exchange, 200, "image/png", p.image());
        return;
      }
    }
    if (path.equals("/login")) {
      send(exchange, 200, HTML, pages.login(null));
    } else if (path.equals("/members/")) {
      if (loggedIn(exchange)) {
        send(exchange, 200, HTML, pages.members());
      } else {
        send(exchange, 403, HTML, pages.forbidden());
      }
    } else {
      send(exchange, 404, HTML, pages.notFound(path));
    }
  }

  private void login(HttpExchange exchange) throws IOException {
    Map<String, String> form;
    try (InputStream in = exchange.getRequestBody()) {
      form = parseForm(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    if (!catalogue.csrfToken().equals(form.get("csrf_token"))) {
      send(exchange, 403, HTML, pages.login("The form expired (missing or wrong csrf_token)."));
    } else if (DemoCatalogue.USER.equals(form.get("username"))
        && DemoCatalogue.PASSWORD.equals(form.get("password"))) {
      exchange
          .getResponseHeaders()
          .add(
              "Set-Cookie",
              DemoCatalogue.SESSION_COOKIE + "=" + catalogue.sessionToken() + "; Path=/; HttpOnly");
      send(exchange, 200, HTML, pages.welcome(form.get("username")));
    } else {
      send(exchange, 200, HTML, pages.login("Invalid username or password."));
    }
  }

  private boolean loggedIn(HttpExchange exchange) {
    List<String> cookies = exchange.getRequestHeaders().get("Cookie");
    if (cookies == null) {
      return false;
    }
    String wanted = DemoCatalogue.SESSION_COOKIE + "=" + catalogue.sessionToken();
    for (String header : cookies) {
      for (String cookie : header.split(";")) {
        if (cookie.strip().equals(wanted)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** {@code --port N} (default 8000; 0 picks a free port), {@code --seed N}. */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    int port = DEFAULT_PORT;
    long seed = DemoCatalogue.DEFAULT_SEED;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(
            "usage: java -cp example-spider.jar io.streamspider.example.DemoSite"
                + " [--port N] [--seed N]");
        out.println(
            "  --port N  port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 picks a free one)");
        out.println("  --seed N  content seed (default " + DemoCatalogue.DEFAULT_SEED + ")");
        return 0;
      }
      if ((arg.equals("--port") || arg.equals("--seed")) && i + 1 < args.length) {
        String value = args[++i];
        try {
          if (arg.equals("--port")) {
            port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
              throw new NumberFormatException();
            }
          } else {
            seed = Long.parseLong(value);
          }
        } catch (NumberFormatException e) {
          err.println(
              "DemoSite: "
                  + arg
                  + " "
                  + value
                  + ": expected "
                  + (arg.equals("--port") ? "a port number 0-65535" : "an integer"));
          return 2;
        }
      } else {
        err.println("DemoSite: unknown or incomplete option " + arg + " (try --help)");
        return 2;
      }
    }
    DemoSite site;
    try {
      site = start(port, seed);
    } catch (java.net.BindException e) {
      err.println(
          "DemoSite: cannot listen on 127.0.0.1:"
              + port
              + ": "
              + e.getMessage()
              + " (try --port 0 for a free port)");
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(site::close, "demo-site-stop"));
    DemoCatalogue c = site.catalogue();
    out.println(
        "Demo site serving "
            + site.baseUrl()
            + " ("
            + c.products().size()
            + " products on "
            + c.pageCount()
            + " listing pages, seed "
            + c.seed()
            + "; login "
            + DemoCatalogue.USER
            + "/"
            + DemoCatalogue.PASSWORD
            + ")");
    out.flush();
    // the server's dispatcher thread keeps the JVM alive until SIGTERM / Ctrl-C
    return awaitShutdown();
  }

  private static int awaitShutdown() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
