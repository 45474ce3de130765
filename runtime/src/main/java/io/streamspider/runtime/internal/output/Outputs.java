package io.streamspider.runtime.internal.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
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
   * The output for these targets: each feed file, plus the Scrapy Cloud FIFO when {@code
   * fifoPath} (or else {@code SHUB_FIFO_PATH}) is set; a composite when there are several; when
   * there are none, items are logged at DEBUG and one WARNING says how to write them.
   *
   * <p>Feed files are opened here (created, truncated for {@code -O}, parent directories made),
   * so a bad target is a usage error before the crawl. The FIFO is only checked here: opening it
   * can block, so {@link CrawlOutput#open} does that in the background.
   *
   * @param log sends a record to the host ({@code level}, {@code message}); the runtime mirrors
   *     what it sends to {@link CrawlOutput#log}, which is how the FIFO gets its LOG lines
   * @throws IllegalArgumentException a usage error naming the option, the path and the problem
   */
  public static CrawlOutput create(List<FeedTarget> feeds, String fifoPath, BiConsumer<String, String> log) {
    return create(feeds, fifoPath, System.getenv(), log);
  }

  static CrawlOutput create(
      List<FeedTarget> feeds, String fifoPath, Map<String, String> env, BiConsumer<String, String> log) {
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
        throw new IllegalArgumentException(option + " " + t.path() + ": the same feed file is given twice");
      }
    }
    Path fifoFile = null;
    if (fifo != null) {
      if (fifo.isBlank()) {
        throw new IllegalArgumentException("--fifo needs a path (SHUB_FIFO_PATH is empty?)");
      }
      fifoFile = Path.of(fifo);
      FifoWriter.check(fifoFile);
    }
    List<CrawlOutput> outputs = new ArrayList<>();
    try {
      for (int i = 0; i < feeds.size(); i++) {
        FeedTarget t = feeds.get(i);
        try {
          outputs.add(FeedOutput.open(t, formats.get(i), log));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              (t.overwrite() ? "-O " : "-o ") + t.path() + ": cannot open for writing (" + reason(e) + ")", e);
        }
      }
    } catch (RuntimeException e) {
      for (CrawlOutput o : outputs) {
        try {
          o.close();
        } catch (IOException ignored) {
          // already failing with the usage error
        }
      }
      throw e;
    }
    if (fifoFile != null) {
      outputs.add(new FifoWriter(fifoFile, log));
    }
    if (outputs.isEmpty()) {
      return new LogOutput(log);
    }
    return outputs.size() == 1 ? outputs.get(0) : new CompositeOutput(outputs, log);
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
