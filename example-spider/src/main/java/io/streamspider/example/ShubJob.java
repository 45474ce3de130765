package io.streamspider.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a Scrapy Cloud job's environment into this jar's command line, for {@code start-crawl}:
 * the spider from {@code SHUB_SPIDER} (or the job data's {@code spider}), one {@code -a} per
 * entry of {@code spider_args} in the JSON of {@code SHUB_JOB_DATA}, the embedded host
 * ({@code --local}) and the job's named pipe ({@code --fifo $SHUB_FIFO_PATH}).
 *
 * <p>Prints the arguments NUL-terminated on stdout (so no value can break the shell's
 * quoting); a bad environment is an error on stderr naming the variable, exit status 2.
 */
public final class ShubJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShubJob() {}

  /**
   * The command-line arguments for the job.
   *
   * @param env the job's environment
   * @param extra arguments given to start-crawl itself, appended as they are
   * @throws IllegalArgumentException naming the variable or field that is missing or malformed
   */
  public static List<String> arguments(Map<String, String> env, List<String> extra) {
    String data = env.get("SHUB_JOB_DATA");
    JsonNode job = JSON.createObjectNode();
    if (data != null && !data.isBlank()) {
      try {
        job = JSON.readTree(data);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA is not valid JSON: " + e.getOriginalMessage()
                + " (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")");
      }
      if (!job.isObject()) {
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA must be a JSON object, got " + job.getNodeType());
      }
    }
    String spider = env.get("SHUB_SPIDER");
    if (spider == null || spider.isBlank()) {
      JsonNode named = job.get("spider");
      if (named == null || !named.isTextual() || named.asText().isBlank()) {
        throw new IllegalArgumentException(
            "no spider name: SHUB_SPIDER is not set and SHUB_JOB_DATA has no \"spider\" string");
      }
      spider = named.asText();
    }
    String fifo = env.get("SHUB_FIFO_PATH");
    if (fifo == null || fifo.isBlank()) {
      throw new IllegalArgumentException(
          "SHUB_FIFO_PATH is not set: start-crawl runs inside a Scrapy Cloud job, which provides"
              + " the named pipe for items (run the jar with -o FILE elsewhere)");
    }
    List<String> args = new ArrayList<>();
    args.add(spider.strip());
    args.add("--local");
    JsonNode spiderArgs = job.get("spider_args");
    if (spiderArgs != null && !spiderArgs.isNull()) {
      if (!spiderArgs.isObject()) {
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA field spider_args must be an object of name: value, got "
                + spiderArgs.getNodeType());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = spiderArgs.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        args.add("-a");
        args.add(e.getKey() + "=" + argumentValue(e.getKey(), e.getValue()));
      }
    }
    args.add("--fifo");
    args.add(fifo);
    args.addAll(extra);
    return args;
  }

  private static String argumentValue(String name, JsonNode value) {
    if (name.isEmpty() || name.contains("=")) {
      throw new IllegalArgumentException(
          "SHUB_JOB_DATA spider_args: argument name \"" + name + "\" must be non-empty and"
              + " contain no '='");
    }
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      String text = value.asText();
      if (text.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA spider_args." + name + " contains a NUL character");
      }
      return text;
    }
    throw new IllegalArgumentException(
        "SHUB_JOB_DATA spider_args." + name + " must be a string, number or boolean, got "
            + value.getNodeType());
  }

  /** Prints {@link #arguments} NUL-terminated; exit status 2 with a message on bad input. */
  public static void main(String[] args) throws IOException {
    System.exit(run(System.getenv(), Arrays.asList(args), System.out, System.err));
  }

  static int run(Map<String, String> env, List<String> extra, OutputStream out, PrintStream err)
      throws IOException {
    List<String> arguments;
    try {
      arguments = arguments(env, extra);
    } catch (IllegalArgumentException e) {
      err.println("start-crawl: " + e.getMessage());
      return 2;
    }
    for (String a : arguments) {
      out.write(a.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    out.flush();
    return 0;
  }
}
