package io.streamspider.runtime.internal.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Creates the crawl's item output from the command line's {@code -o}/{@code -O}/{@code --fifo}. */
public final class Outputs {
  /** Scrapy Cloud's variable naming the job's pipe. */
  public static final String SHUB_FIFO_PATH = "SHUB_FIFO_PATH";

  private Outputs() {}

  /**
   * The output for these targets: each feed file, plus the Scrapy Cloud FIFO when {@code fifoPath}
   * (or else {@code SHUB_FIFO_PATH}) is set; a composite when there are several; when there are
   * none, items are logged at DEBUG and one WARNING says how to write them.
   *
   * <p>Feed files are opened here (created, truncated for {@code -O}, parent directories made), so
   * a bad target is a usage error before the crawl. The FIFO is only checked here: opening it can
   * block, so {@link CrawlOutput#open} does that in the background.
   *
   * @param log sends a record to the host ({@code level}, {@code message}); the runtime mirrors
   *     what it sends to {@link CrawlOutput#log}, which is how the FIFO gets its LOG lines
   * @throws IllegalArgumentException a usage error naming the option, the path and the problem
   */
  public static CrawlOutput create(
      List<FeedTarget> feeds, String fifoPath, BiConsumer<String, String> log) {
    return create(feeds, fifoPath, System.getenv(), log, FifoWriter.DEFAULT_OPEN_TIMEOUT_MILLIS);
  }

  /**
   * As above; {@code fifoOpenTimeoutMillis}: how long the FIFO waits for a reader
   * (FIFO_OPEN_TIMEOUT).
   */
  public static CrawlOutput create(
      List<FeedTarget> feeds,
      String fifoPath,
      BiConsumer<String, String> log,
      long fifoOpenTimeoutMillis) {
    return create(feeds, fifoPath, System.getenv(), log, fifoOpenTimeoutMillis);
  }

  static CrawlOutput create(
      List<FeedTarget> feeds,
      String fifoPath,
      Map<String, String> env,
      BiConsumer<String, String> log) {
    return create(feeds, fifoPath, env, log, FifoWriter.DEFAULT_OPEN_TIMEOUT_MILLIS);
  }

  static CrawlOutput create(
      List<FeedTarget> feeds,
      String fifoPath,
      Map<String, String> env,
      BiConsumer<String, String> log,
      long fifoOpenTimeoutMillis) {
    List<FeedFormat> formats = formats(feeds, fifoPath, env);
    String fifo = fifoPath != null ? fifoPath : env.get(SHUB_FIFO_PATH);
    // every file is opened before any -O file is emptied: a target that fails leaves the others as
    // they were
    List<FileChannel> channels = new ArrayList<>();
    List<Path> created = new ArrayList<>();
    List<CrawlOutput> outputs = new ArrayList<>();
    try {
      for (FeedTarget t : feeds) {
        boolean existed = Files.exists(t.path());
        try {
          channels.add(FeedOutput.openChannel(t));
        } catch (IOException e) {
          throw cannotOpen(t, e);
        }
        if (!existed) {
          created.add(t.path());
        }
      }
      for (int i = 0; i < feeds.size(); i++) {
        FeedTarget t = feeds.get(i);
        try {
          outputs.add(FeedOutput.of(t, formats.get(i), channels.get(i), log));
        } catch (IOException e) {
          throw cannotOpen(t, e);
        }
      }
    } catch (RuntimeException e) {
      for (FileChannel c : channels) {
        try {
          c.close();
        } catch (IOException ignored) {
          // already failing with the usage error
        }
      }
      for (Path p : created) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // an empty file left behind
        }
      }
      throw e;
    }
    if (fifo != null) {
      outputs.add(new FifoWriter(Path.of(fifo), log, fifoOpenTimeoutMillis));
    }
    if (outputs.isEmpty()) {
      return new LogOutput(log);
    }
    return outputs.size() == 1 ? outputs.get(0) : new CompositeOutput(outputs, log);
  }

  /**
   * Checks every target without touching any: formats, the same file given twice, a FIFO path that
   * cannot be one, a feed that cannot be written (a directory, no permission, a parent that is a
   * file).
   *
   * @throws IllegalArgumentException a usage error naming the option, the path and the problem
   */
  public static void check(List<FeedTarget> feeds, String fifoPath, Map<String, String> env) {
    formats(feeds, fifoPath, env);
  }

  /** {@link #check}, giving each feed's format. */
  static List<FeedFormat> formats(
      List<FeedTarget> feeds, String fifoPath, Map<String, String> env) {
    String fifo = fifoPath != null ? fifoPath : env.get(SHUB_FIFO_PATH);
    List<FeedFormat> formats = new ArrayList<>(feeds.size());
    Set<Path> seen = new HashSet<>();
    for (FeedTarget t : feeds) {
      String option = t.overwrite() ? "-O" : "-o";
      if (t.path() == null || t.path().toString().isEmpty()) {
        throw new IllegalArgumentException(option + " needs a file name");
      }
      formats.add(FeedFormat.of(t.path(), option));
      if (!seen.add(t.path().toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(
            option + " " + t.path() + ": the same feed file is given twice");
      }
    }
    if (fifo != null) {
      if (fifo.isBlank()) {
        throw new IllegalArgumentException("--fifo needs a path (SHUB_FIFO_PATH is empty?)");
      }
      FifoWriter.check(Path.of(fifo));
    }
    for (FeedTarget t : feeds) {
      String problem = writeProblem(t.path());
      if (problem != null) {
        throw new IllegalArgumentException(
            (t.overwrite() ? "-O " : "-o ")
                + t.path()
                + ": cannot open for writing ("
                + problem
                + ")");
      }
    }
    return formats;
  }

  /** Why {@code path} could not be opened for writing (created if missing), or null. */
  private static String writeProblem(Path path) {
    Path p = path.toAbsolutePath();
    if (Files.exists(p)) {
      if (Files.isDirectory(p)) {
        return "Is a directory";
      }
      return Files.isWritable(p) ? null : "permission denied";
    }
    Path ancestor = p.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null) {
      return null;
    }
    if (!Files.isDirectory(ancestor)) {
      return ancestor + " exists and is not a directory";
    }
    return Files.isWritable(ancestor) ? null : "permission denied";
  }

  private static IllegalArgumentException cannotOpen(FeedTarget t, IOException e) {
    return new IllegalArgumentException(
        (t.overwrite() ? "-O " : "-o ")
            + t.path()
            + ": cannot open for writing ("
            + reason(e)
            + ")",
        e);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " exists and is not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
