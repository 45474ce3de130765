package io.streamspider.bench.crawl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Serves a generated site on 127.0.0.1 and counts the requests it answered. */
interface SiteServer extends AutoCloseable {
  /** Starts serving {@code root}; returns the base URL ({@code http://127.0.0.1:PORT}). */
  String start(Path root, Path workDir) throws IOException, InterruptedException;

  /** Requests answered since start, by path. */
  Map<String, Integer> hits() throws IOException;

  /** What serves, for the report. */
  String describe();

  @Override
  void close() throws IOException, InterruptedException;
}
