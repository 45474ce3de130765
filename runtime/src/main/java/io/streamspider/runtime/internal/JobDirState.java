package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.streamspider.runtime.SpiderState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The spider's {@link SpiderState} in {@code JOBDIR/spider.state.json}: read before the spider is
 * created, written when the crawl ends. The file is {@code {"format": 1, "spider": NAME, "state":
 * {...}}}; it is replaced atomically (written next to it, synced, then renamed), so a crash while
 * saving leaves the previous state.
 */
final class JobDirState {
  static final String JOBDIR = "JOBDIR";
  static final String FILE = "spider.state.json";
  private static final int FORMAT = 1;
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final String spider;
  private final SpiderState state;

  private JobDirState(Path file, String spider, SpiderState state) {
    this.file = file;
    this.spider = spider;
    this.state = state;
  }

  /**
   * The JOBDIR of this crawl as Scrapy reads it: {@code -s JOBDIR} wins over the spider's {@code
   * custom_settings}; null or empty: none.
   */
  static String jobDir(Map<String, String> commandLine, Map<String, Object> customSettings) {
    Object v =
        commandLine.containsKey(JOBDIR) ? commandLine.get(JOBDIR) : customSettings.get(JOBDIR);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  /**
   * Loads the state of {@code spider} from {@code jobDir}; an empty state when the directory or the
   * file does not exist yet.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static JobDirState load(String jobDir, String spider) {
    Path file = Path.of(jobDir).resolve(FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new JobDirState(file, spider, new SpiderState());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the spider state " + file + ": " + e);
    }
    try (JsonParser p = JSON.createParser(bytes)) {
      JsonToken t = p.nextToken();
      Object doc = t == null ? null : HostMessageReader.readValue(p, t);
      if (p.nextToken() != null) {
        throw new IOException("more than one JSON value");
      }
      if (!(doc instanceof Map<?, ?> m)) {
        throw new IOException("expected a JSON object");
      }
      if (!Long.valueOf(FORMAT).equals(asLong(m.get("format")))) {
        throw new IOException(
            "unknown format " + m.get("format") + " (this runtime reads " + FORMAT + ")");
      }
      if (!spider.equals(m.get("spider"))) {
        throw new IOException(
            "it belongs to spider "
                + m.get("spider")
                + ", not "
                + spider
                + " (use a JOBDIR of its own for each spider)");
      }
      if (!(m.get("state") instanceof Map<?, ?> values)) {
        throw new IOException("field state must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) values;
      return new JobDirState(file, spider, new SpiderState(typed));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot read the spider state "
              + file
              + ": invalid JSON: "
              + HostMessageReader.describe(e, "file"));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the spider state " + file + ": " + e.getMessage());
    }
  }

  private static Long asLong(Object v) {
    return v instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : null;
  }

  SpiderState state() {
    return state;
  }

  Path file() {
    return file;
  }

  /** Writes the state, replacing the file atomically; creates the directory if needed. */
  void save() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("format", FORMAT);
      g.writeStringField("spider", spider);
      g.writeFieldName("state");
      write(g, state.asMap());
      g.writeEndObject();
    }
    buf.write('\n');
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(buf.toByteArray());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else {
      throw new IllegalStateException("not a JSON value in the spider state: " + v.getClass());
    }
  }
}
