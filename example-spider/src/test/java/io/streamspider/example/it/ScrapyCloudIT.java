package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamspider.example.DemoSite;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Scrapy Cloud image's scripts as the platform runs them, without Docker: start-crawl with
 * the job's environment and a real named pipe drained by a real reader process.
 */
class ScrapyCloudIT {
  private static final Path CLOUD = ChildProcess.REPO.resolve("cloud");
  private static final int MAX_LINE = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void startCrawlWritesTheJobsItemsToTheFifo() throws Exception {
    try (DemoSite site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED)) {
      Path fifo = dir.resolve("job.fifo");
      Path received = dir.resolve("received.bin");
      Process reader = drainedFifo(fifo, received);
      Map<String, String> env = jobEnv(fifo,
          "{\"spider\": \"catalogue\", \"key\": \"1/2/3\", \"spider_args\":"
              + " {\"start_urls\": \"" + site.baseUrl() + "\", \"category\": \"Garden\"}}");
      ChildProcess job = ChildProcess.run(dir, env, 180,
          List.of(CLOUD.resolve("start-crawl").toString()));
      assertEquals(0, job.exitCode(), job.output());
      assertTrue(reader.waitFor(30, TimeUnit.SECONDS), "the reader saw the end of the pipe");

      Map<String, List<JsonNode>> byCommand = readPipe(Files.readAllBytes(received));
      assertEquals(1, byCommand.get("FIN").size(), "one FIN");
      assertEquals("finished", byCommand.get("FIN").get(0).get("outcome").asText());
      assertTrue(!byCommand.get("LOG").isEmpty() && !byCommand.get("STA").isEmpty()
          && !byCommand.get("REQ").isEmpty(), byCommand.keySet().toString());

      Map<String, DemoProduct> expected =
          ExpectedItems.expected(site.catalogue(), "Garden", true);
      List<String> items = new ArrayList<>();
      for (JsonNode item : byCommand.get("ITM")) {
        items.add(item.toString());
      }
      ExpectedItems.assertItems(expected, ExpectedItems.parse(items), site.baseUrl());
      assertTrue(job.stdout().contains("start-crawl: "), job.output());
    }
  }

  @Test
  void sigtermToStartCrawlEndsThePipeWithFinCancelled() throws Exception {
    try (DemoSite site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED)) {
      Path fifo = dir.resolve("job.fifo");
      Path received = dir.resolve("received.bin");
      Process reader = drainedFifo(fifo, received);
      Map<String, String> env = jobEnv(fifo,
          "{\"spider\": \"catalogue\", \"spider_args\": {\"start_urls\": \"" + site.baseUrl() + "\"}}");
      Path log = dir.resolve("job.log");
      // a download delay keeps the crawl going long enough to be stopped in the middle
      ProcessBuilder pb = new ProcessBuilder(CLOUD.resolve("start-crawl").toString(),
          "-s", "DOWNLOAD_DELAY=0.2")
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process job = pb.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!new String(Files.readAllBytes(received), StandardCharsets.US_ASCII).contains("ITM ")) {
          assertTrue(job.isAlive(), () -> "the job ended before its first item: " + read(log));
          assertTrue(System.nanoTime() < deadline, () -> "no item within 90 s: " + read(log));
          Thread.sleep(50);
        }
        // the platform stops a job with SIGTERM to the image's process (start-crawl execs java)
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(job.pid())).start().waitFor());
        assertTrue(job.waitFor(60, TimeUnit.SECONDS), () -> "still running: " + read(log));
      } finally {
        job.descendants().forEach(ProcessHandle::destroyForcibly);
        job.destroyForcibly();
      }
      String text = read(log);
      assertEquals(143, job.exitValue(), text);
      assertTrue(reader.waitFor(30, TimeUnit.SECONDS), "the reader saw the end of the pipe");
      Map<String, List<JsonNode>> byCommand = readPipe(Files.readAllBytes(received));
      assertEquals(1, byCommand.get("FIN").size(), "one FIN: " + text);
      assertEquals("cancelled", byCommand.get("FIN").get(0).get("outcome").asText(), text);
      int items = byCommand.get("ITM").size();
      assertTrue(items >= 1 && items < site.catalogue().products().size(),
          "stopped part way: " + items + " items\n" + text);
      assertTrue(text.contains("Passing SIGTERM on to the spider"), text);
      assertTrue(text.contains("Spider closed (shutdown)"), text);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Test
  void startCrawlRejectsBadJobDataNamingIt() throws Exception {
    Map<String, String> env = jobEnv(dir.resolve("never-opened.fifo"), "{\"spider_args\": [");
    ChildProcess job = ChildProcess.run(dir, env, 60,
        List.of(CLOUD.resolve("start-crawl").toString()));
    assertEquals(2, job.exitCode(), job.output());
    assertTrue(job.stderr().contains("SHUB_JOB_DATA is not valid JSON"), job.output());
  }

  @Test
  void shubImageInfoListsTheSpiders() throws Exception {
    ChildProcess info = ChildProcess.run(dir, jobEnv(dir.resolve("unused"), "{}"), 60,
        List.of(CLOUD.resolve("shub-image-info").toString()));
    assertEquals(0, info.exitCode(), info.output());
    assertEquals("{\"project_type\": \"other\", \"spiders\": [\"catalogue\"]}\n", info.stdout());
    JsonNode parsed = new ObjectMapper().readTree(info.stdout());
    assertEquals("other", parsed.get("project_type").asText());
  }

  @Test
  void dockerfileCopiesFilesThatExist() throws Exception {
    Pattern copy = Pattern.compile("^COPY\\s+(.+)\\s+(\\S+)$", Pattern.MULTILINE);
    Matcher m = copy.matcher(Files.readString(CLOUD.resolve("Dockerfile")));
    int copies = 0;
    while (m.find()) {
      for (String source : m.group(1).trim().split("\\s+")) {
        assertTrue(Files.exists(ChildProcess.REPO.resolve(source)), source);
      }
      copies++;
    }
    assertEquals(2, copies);
    for (String script : List.of("start-crawl", "shub-image-info")) {
      assertTrue(Files.isExecutable(CLOUD.resolve(script)), script);
    }
  }

  /**
   * The platform's side of the pipe: {@code mkfifo} at {@code fifo} and a reader process ({@code
   * cat}) that drains it into {@code received} until the writer closes it.
   */
  private static Process drainedFifo(Path fifo, Path received) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    return new ProcessBuilder("cat", fifo.toString()).redirectOutput(received.toFile()).start();
  }

  private static Map<String, String> jobEnv(Path fifo, String jobData) {
    Map<String, String> env = new HashMap<>();
    env.put("SHUB_SPIDER", "catalogue");
    env.put("SHUB_JOB_DATA", jobData);
    env.put("SHUB_FIFO_PATH", fifo.toString());
    env.put("SPIDER_JAR", ChildProcess.JAR.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return env;
  }

  /** Checks every line as the platform would: command, ASCII, one JSON object, under 1 MiB. */
  private static Map<String, List<JsonNode>> readPipe(byte[] bytes) throws Exception {
    Map<String, List<JsonNode>> byCommand = new HashMap<>();
    for (String cmd : List.of("ITM", "LOG", "REQ", "STA", "FIN")) {
      byCommand.put(cmd, new ArrayList<>());
    }
    assertTrue(bytes.length > 0 && bytes[bytes.length - 1] == '\n', "ends with a newline");
    int start = 0;
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x80 || bytes[i] < 0) {
        throw new AssertionError("non-ASCII byte at " + i);
      }
      if (bytes[i] == '\n') {
        assertTrue(i - start + 1 <= MAX_LINE, "a line over 1 MiB");
        String line = new String(bytes, start, i - start, StandardCharsets.US_ASCII);
        String cmd = line.substring(0, 3);
        assertTrue(byCommand.containsKey(cmd) && line.charAt(3) == ' ', line);
        JsonNode payload = json.readTree(line.substring(4));
        assertTrue(payload.isObject(), line);
        byCommand.get(cmd).add(payload);
        start = i + 1;
      }
    }
    return byCommand;
  }
}
