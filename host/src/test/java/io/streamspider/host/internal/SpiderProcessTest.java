package io.streamspider.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The threads that read a real spider process's output. */
@Timeout(60)
class SpiderProcessTest {

  /** Records what a listener is told; throws on the line {@code boom}, as a host bug would. */
  static final class Recorder implements SpiderProcess.Listener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void onLine(String line, boolean utf8) {
      if (line.equals("boom")) {
        throw new IllegalStateException("a bug in the host");
      }
      lines.add(line + (utf8 ? "" : " (not UTF-8)"));
    }

    @Override
    public void onStdoutClosed() {
      closed.countDown();
    }

    @Override
    public void onStderr(String text) {}

    @Override
    public void onLineFailed(String line, Throwable e) {
      failed.add(line + ": " + e.getMessage());
    }

    @Override
    public void onHostThreadFailed(String thread, Throwable e) {
      failed.add(thread + ": " + e);
    }
  }

  @Test
  void aListenerThatThrowsIsToldAndTheLinesAfterItStillArrive() throws Exception {
    Recorder r = new Recorder();
    HostLog log =
        new HostLog(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            HostLog.Level.DEBUG);
    SpiderProcess p =
        SpiderProcess.start(
            List.of("printf", "first\\nboom\\nthird\\n\\377\\n"),
            Map.of("PATH", System.getenv("PATH")),
            log,
            r);
    assertTrue(r.closed.await(30, TimeUnit.SECONDS), "stdout reached its end");
    assertTrue(p.waitFor(30_000));
    assertEquals(List.of("boom: a bug in the host"), r.failed);
    assertEquals(List.of("first", "third", "\ufffd (not UTF-8)"), r.lines);
  }
}
