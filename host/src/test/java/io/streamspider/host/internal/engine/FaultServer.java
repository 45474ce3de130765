package io.streamspider.host.internal.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 whose handlers write whatever bytes they like:
 * well-formed responses, truncated ones, garbage, or nothing. Records every request it reads.
 */
final class FaultServer implements AutoCloseable {
  /** What arrived. */
  record Received(String method, String target, List<String[]> headers, byte[] body) {
    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }
  }

  /** Writes a response; returns whether the connection stays open. */
  interface Handler {
    boolean handle(Received request, OutputStream out, FaultServer server) throws Exception;
  }

  private final ServerSocket socket;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final AtomicInteger current = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();
  final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean closed;

  FaultServer() throws IOException {
    socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(this::acceptLoop, "fault-server-accept");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  FaultServer on(String path, Handler h) {
    handlers.put(path, h);
    return this;
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "fault-server-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      while (true) {
        Received r = read(in);
        if (r == null) {
          return;
        }
        received.add(r);
        String path = r.target().split("\\?", 2)[0];
        hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        int now = current.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        boolean keep;
        try {
          Handler h = handlers.get(path);
          if (h == null) {
            respond(out, 404, "Not Found", List.of(), new byte[0]);
            keep = true;
          } else {
            keep = h.handle(r, out, this);
          }
          out.flush();
        } finally {
          current.decrementAndGet();
        }
        if (!keep) {
          return;
        }
      }
    } catch (Exception e) {
      // the client went away: nothing to do
    } finally {
      open.remove(s);
    }
  }

  private static Received read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : (c == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] first = lines[0].split(" ", 3);
    List<String[]> headers = new ArrayList<>();
    int length = 0;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        String name = lines[i].substring(0, colon).strip();
        String value = lines[i].substring(colon + 1).strip();
        headers.add(new String[] {name, value});
        if (name.equalsIgnoreCase("content-length")) {
          length = Integer.parseInt(value);
        }
      }
    }
    byte[] body = in.readNBytes(length);
    return new Received(first[0], first[1], headers, body);
  }

  /** Writes a complete response with Content-Length. */
  static void respond(
      OutputStream out, int status, String reason, List<String[]> headers, byte[] body)
      throws IOException {
    StringBuilder b =
        new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    boolean hasLength = false;
    for (String[] h : headers) {
      b.append(h[0]).append(": ").append(h[1]).append("\r\n");
      hasLength |= h[0].equalsIgnoreCase("content-length");
    }
    if (!hasLength) {
      b.append("Content-Length: ").append(body.length).append("\r\n");
    }
    b.append("\r\n");
    out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  static Handler html(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (r, out, s) -> {
      respond(out, 200, "OK", List.<String[]>of(new String[] {"Content-Type", "text/html"}), bytes);
      return true;
    };
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    synchronized (open) {
      for (Socket s : open) {
        try {
          s.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }
}
