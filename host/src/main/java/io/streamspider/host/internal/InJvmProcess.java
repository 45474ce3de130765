package io.streamspider.host.internal;

import io.streamspider.runtime.spi.InProcessSpider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A spider running in the host's own JVM, seen by the host as a process: its stdin and stdout are
 * OS pipes ({@link Pipe}), so the host reads and writes the same protocol lines, with the same
 * back-pressure, as with a child process. It has no stderr of its own: the runtime turns {@code
 * System.err} into {@code log} messages in both modes.
 */
final class InJvmProcess extends Process {
  /** The exit code a spider process has after SIGTERM (128 + 15). */
  static final int TERMINATED = 143;

  private final InProcessSpider spider;
  private final Pipe toSpider;
  private final Pipe fromSpider;
  private final Pipe stderr;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread thread;
  private volatile int exitCode = -1;
  private volatile boolean terminated;

  InJvmProcess(InProcessSpider spider, HostLog log) throws IOException {
    this.spider = spider;
    this.toSpider = Pipe.open();
    this.fromSpider = Pipe.open();
    this.stderr = Pipe.open();
    this.thread = new Thread(() -> run(log), "spider-in-this-jvm");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(HostLog log) {
    int code = 1;
    try (InputStream in = Channels.newInputStream(toSpider.source());
        OutputStream out = Channels.newOutputStream(fromSpider.sink())) {
      code = spider.run(in, out);
    } catch (IOException e) {
      log.debug("host", "The spider's pipes closed: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      // what an uncaught exception does to a spider process: it ends, with a trace
      log.error("host", "The spider failed in this JVM: " + e);
    } finally {
      exitCode = terminated ? TERMINATED : code;
      close(toSpider.source());
      close(fromSpider.sink());
      close(stderr.sink());
      done.countDown();
    }
  }

  /** SIGTERM for a spider in this JVM: it ends its callback, records the crawl as cancelled. */
  void terminate() {
    terminated = true;
    spider.cancel();
    // a spider process would exit now; this one returns once its input ends
    close(toSpider.sink());
  }

  @Override
  public OutputStream getOutputStream() {
    return Channels.newOutputStream(toSpider.sink());
  }

  @Override
  public InputStream getInputStream() {
    return Channels.newInputStream(fromSpider.source());
  }

  @Override
  public InputStream getErrorStream() {
    return Channels.newInputStream(stderr.source());
  }

  @Override
  public int waitFor() throws InterruptedException {
    done.await();
    return exitCode;
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  @Override
  public int exitValue() {
    if (done.getCount() > 0) {
      throw new IllegalThreadStateException("the spider is still running");
    }
    return exitCode;
  }

  @Override
  public boolean isAlive() {
    return done.getCount() > 0;
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  /** SIGKILL for a spider in this JVM: every pipe closes, so its reads and writes fail. */
  @Override
  public void destroy() {
    terminated = true;
    close(toSpider.sink());
    close(toSpider.source());
    close(fromSpider.sink());
    close(fromSpider.source());
    thread.interrupt();
  }

  private static void close(Channel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing a pipe end has nothing to report
    }
  }
}
