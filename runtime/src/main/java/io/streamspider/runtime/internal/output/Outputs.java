package io.streamspider.runtime.internal.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamspider.runtime.Response;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** Creates the crawl's item output from the command line's targets. */
public final class Outputs {
  private Outputs() {}

  public static CrawlOutput create(
      List<FeedTarget> feeds, String fifoPath, BiConsumer<String, String> log) {
    if (fifoPath != null || feeds.size() > 1) {
      throw new IllegalArgumentException("--fifo and several feeds land with the item output work");
    }
    Supplier<ObjectMapper> mapper = new Supplier<>() {
      private ObjectMapper m;

      @Override
      public synchronized ObjectMapper get() {
        if (m == null) {
          m = new ObjectMapper()
              .registerModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        }
        return m;
      }
    };
    if (feeds.isEmpty()) {
      return new CrawlOutput() {
        @Override
        public void open(Supplier<Map<String, Object>> stats) {
          log.accept("WARNING", "no item output given: items are only logged; write them with -o items.jsonl");
        }

        @Override
        public boolean item(Object item, Response from) throws IOException {
          log.accept("DEBUG", "Scraped from " + from + "\n" + mapper.get().writeValueAsString(item));
          return true;
        }

        @Override
        public void close() {}
      };
    }
    FeedTarget feed = feeds.get(0);
    String name = feed.path().getFileName().toString();
    if (!name.endsWith(".jsonl") && !name.endsWith(".jl")) {
      throw new IllegalArgumentException("-o " + feed.path() + ": unsupported feed extension");
    }
    return new CrawlOutput() {
      private OutputStream out;

      @Override
      public void open(Supplier<Map<String, Object>> stats) throws IOException {
        out =
            new BufferedOutputStream(
                Files.newOutputStream(
                    feed.path(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    feed.overwrite() ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND));
      }

      @Override
      public boolean item(Object item, Response from) throws IOException {
        out.write(mapper.get().writeValueAsBytes(item));
        out.write('\n');
        out.flush();
        return true;
      }

      @Override
      public void close() throws IOException {
        if (out != null) {
          out.close();
        }
      }
    };
  }
}
