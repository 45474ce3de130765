package io.streamspider.runtime.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** Real named pipes and real readers for tests. */
final class Fifos {
  private Fifos() {}

  static Path mkfifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "mkfifo: " + out);
    assertTrue(
        Files.readAttributes(path, BasicFileAttributes.class).isOther(), "a FIFO at " + path);
    return path;
  }

  /** {@code cat FIFO > out}: a child process reading as fast as it can. */
  static Process cat(Path fifo, Path out) throws IOException {
    return new ProcessBuilder("cat", fifo.toString())
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * A child shell reading one line at a time (dash reads byte by byte) and pausing every 10 lines.
   */
  static Process slowReader(Path fifo, Path out) throws IOException {
    String script =
        "n=0; while IFS= read -r l; do printf '%s\\n' \"$l\"; n=$((n+1));"
            + " case $n in *0) sleep 0.02;; esac; done < \"$1\"";
    return new ProcessBuilder("sh", "-c", script, "sh", fifo.toString())
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  static void awaitExit(Process p) throws InterruptedException {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the reader ends when the writer closes the pipe");
    assertEquals(0, p.exitValue(), "reader exit status");
  }

  /** A reader thread in this JVM, for tests that look at the bytes while the writer still runs. */
  static final class ThreadReader {
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile IOException error;

    ThreadReader(Path fifo) {
      thread =
          new Thread(
              () -> {
                try (InputStream in = new FileInputStream(fifo.toFile())) {
                  byte[] b = new byte[65536];
                  int n;
                  while ((n = in.read(b)) >= 0) {
                    synchronized (got) {
                      got.write(b, 0, n);
                    }
                  }
                } catch (IOException e) {
                  error = e;
                }
              },
              "test-fifo-reader");
      thread.setDaemon(true);
      thread.start();
    }

    byte[] bytes() {
      synchronized (got) {
        return got.toByteArray();
      }
    }

    /** Waits until {@code count} lines arrived (the writer may still be running). */
    byte[] awaitLines(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        byte[] b = bytes();
        int lines = 0;
        for (byte x : b) {
          if (x == '\n') {
            lines++;
          }
        }
        if (lines >= count) {
          return b;
        }
        Thread.sleep(5);
      }
      throw new AssertionError("fewer than " + count + " lines arrived: " + new String(bytes()));
    }

    /** Waits for the writer to close the pipe, then returns everything read. */
    byte[] awaitEnd() throws InterruptedException, IOException {
      thread.join(30_000);
      assertTrue(!thread.isAlive(), "the reader saw end of file");
      if (error != null) {
        throw error;
      }
      return bytes();
    }
  }
}
