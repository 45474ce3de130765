package io.streamspider.runtime.internal.output;

import java.nio.file.Path;
import java.util.Locale;

/** A feed's format, chosen by its file extension as Scrapy's {@code -o} does. */
enum FeedFormat {
  JSON_LINES,
  JSON,
  CSV;

  static final String SUPPORTED = ".jsonl, .jl, .json or .csv";

  /** The format of {@code path}; a usage error names the option, the path and the extension. */
  static FeedFormat of(Path path, String option) {
    Path name = path.getFileName();
    String file = name == null ? "" : name.toString();
    int dot = file.lastIndexOf('.');
    if (dot <= 0 || dot == file.length() - 1) {
      throw new IllegalArgumentException(
          option
              + " "
              + path
              + ": no file extension to choose the feed format from; use "
              + SUPPORTED);
    }
    String ext = file.substring(dot + 1);
    switch (ext.toLowerCase(Locale.ROOT)) {
      case "jsonl":
      case "jl":
      case "jsonlines":
        return JSON_LINES;
      case "json":
        return JSON;
      case "csv":
        return CSV;
      default:
        throw new IllegalArgumentException(
            option + " " + path + ": unknown feed format \"." + ext + "\"; use " + SUPPORTED);
    }
  }
}
