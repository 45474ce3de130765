package io.streamspider.runtime.internal;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a Scrapy Cloud custom image asks of any spider jar, so that the image's two scripts need
 * nothing but the jar: {@code --shub-image-info} prints {@code {"project_type": "other", "spiders":
 * [...]}}, and {@code --shub-start-crawl [OPTION]...} runs the job described by the environment
 * (spider in {@code SHUB_SPIDER}, else the job data's {@code spider}; one {@code -a} per entry of
 * {@code spider_args} in the JSON of {@code SHUB_JOB_DATA}; the named pipe of {@code
 * SHUB_FIFO_PATH}) on the embedded host, with the OPTIONs appended.
 */
public final class ScrapyCloudJob {
  static final String IMAGE_INFO = "--shub-image-info";
  static final String START_CRAWL = "--shub-start-crawl";

  /**
   * Reads the job data; writes the image info as {@code json.dumps(info, ensure_ascii=False)}
   * ({@link PythonJson}): a spider name is printed in UTF-8, as it always was.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper(PythonJson.utf8(new JsonFactoryBuilder()).build());

  private ScrapyCloudJob() {}

  /**
   * Runs {@code argv}, whose first element is one of the two commands.
   *
   * @param crawl runs the crawl's own command line (the jar's usual options), returns its exit code
   */
  static int run(
      String[] argv,
      Map<String, String> env,
      List<SpiderDefinition<Object>> spiders,
      PrintStream out,
      PrintStream err,
      Function<String[], Integer> crawl) {
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    if (IMAGE_INFO.equals(argv[0])) {
      if (!rest.isEmpty()) {
        err.println("shub-image-info: takes no arguments, got " + rest);
        return 2;
      }
      if (spiders.isEmpty()) {
        err.println(
            "shub-image-info: no spider in this jar (is the annotation processor configured?)");
        return 2;
      }
      List<String> names = new ArrayList<>();
      for (SpiderDefinition<Object> d : spiders) {
        names.add(d.info().name());
      }
      out.println(imageInfo(names));
      out.flush();
      return 0;
    }
    List<String> arguments;
    try {
      arguments = arguments(env, rest);
    } catch (IllegalArgumentException e) {
      err.println("start-crawl: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.println("start-crawl: " + String.join(" ", arguments));
    out.flush();
    return crawl.apply(arguments.toArray(new String[0]));
  }

  /** {@code {"project_type": "other", "spiders": ["a", "b"]}}, spaced as Python's json.dumps. */
  static String imageInfo(List<String> names) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("project_type", "other");
    info.put("spiders", names);
    try {
      return JSON.writer(PythonJson.SPACED).writeValueAsString(info);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The jar's command line for the job: {@code SPIDER --local [-a NAME=VALUE]... --fifo PATH}, then
   * {@code extra} as given.
   *
   * @throws IllegalArgumentException naming the variable or field that is missing or malformed
   */
  static List<String> arguments(Map<String, String> env, List<String> extra) {
    String data = env.get("SHUB_JOB_DATA");
    JsonNode job = JSON.createObjectNode();
    if (data != null && !data.isBlank()) {
      try {
        job = JSON.readTree(data);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA is not valid JSON: "
                + e.getOriginalMessage()
                + " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ")");
      }
      if (!job.isObject()) {
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA must be a JSON object, got " + job.getNodeType());
      }
    }
    String spider = env.get("SHUB_SPIDER");
    String from = "SHUB_SPIDER";
    if (spider == null || spider.isBlank()) {
      JsonNode named = job.get("spider");
      if (named == null || !named.isTextual() || named.asText().isBlank()) {
        throw new IllegalArgumentException(
            "no spider name: SHUB_SPIDER is not set and SHUB_JOB_DATA has no \"spider\" string");
      }
      spider = named.asText();
      from = "SHUB_JOB_DATA field spider";
    }
    spider = spider.strip();
    if (spider.startsWith("-")) {
      // it would be read as an option of the jar
      throw new IllegalArgumentException(from + " \"" + spider + "\" is not a spider name");
    }
    String fifo = env.get("SHUB_FIFO_PATH");
    if (fifo == null || fifo.isBlank()) {
      throw new IllegalArgumentException(
          "SHUB_FIFO_PATH is not set: start-crawl runs inside a Scrapy Cloud job, which provides"
              + " the named pipe for items (run the jar with -o FILE elsewhere)");
    }
    List<String> args = new ArrayList<>();
    args.add(spider);
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
          "SHUB_JOB_DATA spider_args: argument name \""
              + name
              + "\" must be non-empty and"
              + " contain no '='");
    }
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      String text = value.asText();
      if (text.indexOf('\0') >= 0) {
        // no process can receive it on its command line
        throw new IllegalArgumentException(
            "SHUB_JOB_DATA spider_args." + name + " contains a NUL character");
      }
      return text;
    }
    throw new IllegalArgumentException(
        "SHUB_JOB_DATA spider_args."
            + name
            + " must be a string, number or boolean, got "
            + value.getNodeType());
  }
}
