package io.streamspider.host.internal.engine.frontier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link Frontier} of {@code -s JOBDIR=DIR}: the scheduler's pending requests and the seen
 * fingerprints on disk, so that the same command continues a crawl that was stopped, even by
 * SIGKILL. In DIR:
 *
 * <ul>
 *   <li>{@code job.json}: the spider the directory belongs to;
 *   <li>{@code requests.seen}: one fingerprint a line (Scrapy's file of the same name);
 *   <li>{@code requests.journal}: {@code +<entry JSON>} when a request is added and {@code -<uid>}
 *       when it is acknowledged, one line each, written before the call returns (a SIGKILL loses no
 *       written line; the page cache outlives the process).
 * </ul>
 *
 * <p>On opening, the requests added and not acknowledged are the queue again, leased ones included:
 * requests that were in flight when the crawl stopped are fetched again, and nothing else is. A
 * line cut short by a kill is dropped with a warning. The journal is then rewritten with only the
 * pending requests.
 */
public final class DiskFrontier implements Frontier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<Queued> ORDER =
      Comparator.comparingInt((Queued q) -> -q.entry.priority()).thenComparingLong(q -> q.seq);

  private record Queued(FrontierEntry entry, long seq) {}

  private final Path dir;
  private final FileChannel journal;
  private final FileChannel seenFile;
  private final Set<String> seen = new HashSet<>();
  private final PriorityQueue<Queued> queue = new PriorityQueue<>(ORDER);
  private final Map<String, FrontierEntry> leases = new LinkedHashMap<>();
  private long seq;
  private final int resumed;

  private DiskFrontier(Path dir, FileChannel journal, FileChannel seenFile, int resumed) {
    this.dir = dir;
    this.journal = journal;
    this.seenFile = seenFile;
    this.resumed = resumed;
  }

  /**
   * Opens (or creates) DIR for {@code spider}.
   *
   * @throws IllegalArgumentException if DIR belongs to another spider, is not a directory, or
   *     cannot be written; the message names it
   */
  public static DiskFrontier open(Path dir, String spider, Consumer<String> warn) {
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new IllegalArgumentException("JOBDIR " + dir + " exists and is not a directory");
      }
      Files.createDirectories(dir);
      checkOwner(dir, spider);
      Set<String> seen = new HashSet<>();
      Path seenPath = dir.resolve("requests.seen");
      for (String line : readLines(seenPath, warn)) {
        if (!line.isBlank()) {
          seen.add(line.strip());
        }
      }
      Map<String, FrontierEntry> pending = new LinkedHashMap<>();
      Path journalPath = dir.resolve("requests.journal");
      int lineNo = 0;
      for (String line : readLines(journalPath, warn)) {
        lineNo++;
        if (line.startsWith("+")) {
          FrontierEntry e;
          try {
            e = FrontierEntry.fromJson(line.substring(1));
          } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(
                "JOBDIR "
                    + dir
                    + ": line "
                    + lineNo
                    + " of requests.journal is not a request ("
                    + bad.getMessage()
                    + "); the directory was not written by this version",
                bad);
          }
          pending.put(e.uid(), e);
          if (!e.dontFilter()) {
            seen.add(e.fingerprint());
          }
        } else if (line.startsWith("-")) {
          pending.remove(line.substring(1));
        } else if (!line.isEmpty()) {
          throw new IllegalArgumentException(
              "JOBDIR "
                  + dir
                  + ": line "
                  + lineNo
                  + " of requests.journal is neither an added"
                  + " (+) nor an acknowledged (-) request");
        }
      }
      // compact: the union of fingerprints first, so that no acknowledged one is forgotten
      rewrite(seenPath, seen.stream().map(fp -> fp + "\n").toList());
      rewrite(journalPath, pending.values().stream().map(e -> "+" + e.toJson() + "\n").toList());
      FileChannel journal =
          FileChannel.open(journalPath, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      FileChannel seenFile =
          FileChannel.open(seenPath, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      DiskFrontier f = new DiskFrontier(dir, journal, seenFile, pending.size());
      f.seen.addAll(seen);
      pending.values().forEach(e -> f.queue.add(new Queued(e, f.seq++)));
      return f;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "JOBDIR "
              + dir
              + " cannot be used: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static void checkOwner(Path dir, String spider) throws IOException {
    Path job = dir.resolve("job.json");
    if (Files.exists(job)) {
      String owner;
      try {
        JsonNode o = JSON.readTree(Files.readString(job));
        owner = o == null || o.get("spider") == null ? null : o.get("spider").asText();
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("JOBDIR " + dir + ": job.json is not JSON", e);
      }
      if (!spider.equals(owner)) {
        throw new IllegalArgumentException(
            "JOBDIR "
                + dir
                + " belongs to spider '"
                + owner
                + "', not '"
                + spider
                + "': give each spider (and each crawl) its own JOBDIR");
      }
      return;
    }
    rewrite(job, List.of(JSON.writeValueAsString(Map.of("spider", spider, "format", 1)) + "\n"));
  }

  /** The complete lines of a file; a last line without its newline was cut by a kill. */
  private static List<String> readLines(Path p, Consumer<String> warn) throws IOException {
    if (!Files.exists(p)) {
      return List.of();
    }
    String text = Files.readString(p, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String last = lines.remove(lines.size() - 1);
    if (!last.isEmpty()) {
      warn.accept(
          p
              + ": dropped its last line, cut short when the crawl was killed ("
              + last.length()
              + " characters)");
    }
    return lines;
  }

  private static void rewrite(Path p, List<String> lines) throws IOException {
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    try (FileChannel c =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (String line : lines) {
        writeFully(c, line);
      }
      c.force(true);
    }
    try {
      Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void writeFully(FileChannel c, String s) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  /** How many requests the directory held when it was opened (0 for a new crawl). */
  public int resumed() {
    return resumed;
  }

  public Path directory() {
    return dir;
  }

  @Override
  public synchronized boolean push(FrontierEntry entry) {
    if (!entry.dontFilter() && seen.contains(entry.fingerprint())) {
      return false;
    }
    append(journal, "+" + entry.toJson() + "\n");
    if (!entry.dontFilter()) {
      seen.add(entry.fingerprint());
      append(seenFile, entry.fingerprint() + "\n");
    }
    queue.add(new Queued(entry, seq++));
    return true;
  }

  @Override
  public synchronized List<FrontierEntry> take(int max) {
    List<FrontierEntry> out = new ArrayList<>();
    while (out.size() < max && !queue.isEmpty()) {
      FrontierEntry e = queue.poll().entry;
      leases.put(e.uid(), e);
      out.add(e);
    }
    return out;
  }

  @Override
  public synchronized void ack(FrontierEntry entry) {
    if (leases.remove(entry.uid()) != null) {
      append(journal, "-" + entry.uid() + "\n");
    }
  }

  @Override
  public synchronized void release(FrontierEntry entry) {
    if (leases.remove(entry.uid()) != null) {
      queue.add(new Queued(entry, seq++));
    }
  }

  @Override
  public synchronized long queued() {
    return queue.size();
  }

  @Override
  public synchronized long leased() {
    return leases.size();
  }

  private void append(FileChannel c, String line) {
    try {
      writeFully(c, line);
    } catch (IOException e) {
      throw new UncheckedIOException("JOBDIR " + dir + ": writing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      journal.force(true);
      seenFile.force(true);
    } catch (IOException ignored) {
      // closing anyway; every line was written when it was made
    }
    try {
      journal.close();
      seenFile.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
