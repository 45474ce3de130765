package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamspider.example.DemoSite;
import io.streamspider.example.internal.DemoCatalogue;
import io.streamspider.example.internal.DemoProduct;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Scrapy Cloud image's scripts as the platform runs them, without Docker: start-crawl with the
 * job's environment and a real named pipe drained by a real reader process.
 */
class ScrapyCloudIT {
  private static final Path CLOUD = ChildProcess.REPO.resolve("cloud");

  /** A spider jar that is not the example (module quotes-spider): spiders quotes and authors. */
  private static final Path QUOTES_JAR =
      Path.of(System.getProperty("quotes.jar", "../quotes-spider/target/quotes-spider.jar"))
          .toAbsolutePath()
          .normalize();

  private static final int MAX_LINE = 1024 * 1024;

  @TempDir Path dir;

  /** The pipe readers this test started; one still blocked on a failed job's pipe is ended. */
  private final List<Process> readers = new ArrayList<>();

  @AfterEach
  void endReaders() {
    readers.forEach(Process::destroyForcibly);
  }

  @Test
  void startCrawlWritesTheJobsItemsToTheFifo() throws Exception {
    try (DemoSite site = DemoSite.start(0, DemoCatalogue.DEFAULT_SEED)) {
      Path fifo = dir.resolve("job.fifo");
      Path received = dir.resolve("received.bin");
      Process reader = drainedFifo(fifo, received);
      Map<String, String> env =
          jobEnv(
              fifo,
              "{\"spider\": \"catalogue\", \"key\": \"1/2/3\", \"spider_args\":"
                  + " {\"start_urls\": \""
                  + site.baseUrl()
                  + "\", \"category\": \"Garden\"}}");
      ChildProcess job =
          ChildProcess.run(dir, env, 180, List.of(CLOUD.resolve("start-crawl").toString()));
      assertEquals(0, job.exitCode(), job.output());
      assertTrue(reader.waitFor(30, TimeUnit.SECONDS), "the reader saw the end of the pipe");

      Map<String, List<JsonNode>> byCommand = readPipe(Files.readAllBytes(received));
      assertEquals(1, byCommand.get("FIN").size(), "one FIN");
      assertEquals("finished", byCommand.get("FIN").get(0).get("outcome").asText());
      assertTrue(
          !byCommand.get("LOG").isEmpty()
              && !byCommand.get("STA").isEmpty()
              && !byCommand.get("REQ").isEmpty(),
          byCommand.keySet().toString());

      Map<String, DemoProduct> expected = ExpectedItems.expected(site.catalogue(), "Garden", true);
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
      Map<String, String> env =
          jobEnv(
              fifo,
              "{\"spider\": \"catalogue\", \"spider_args\": {\"start_urls\": \""
                  + site.baseUrl()
                  + "\"}}");
      Path log = dir.resolve("job.log");
      // a download delay keeps the crawl going long enough to be stopped in the middle
      ProcessBuilder pb =
          new ProcessBuilder(CLOUD.resolve("start-crawl").toString(), "-s", "DOWNLOAD_DELAY=0.2")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process job = pb.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!new String(Files.readAllBytes(received), StandardCharsets.US_ASCII)
            .contains("ITM ")) {
          assertTrue(job.isAlive(), () -> "the job ended before its first item: " + read(log));
          assertTrue(System.nanoTime() < deadline, () -> "no item within 90 s: " + read(log));
          Thread.sleep(50);
        }
        // the platform stops a job with SIGTERM to the image's process (start-crawl execs java)
        assertEquals(
            0, new ProcessBuilder("kill", "-TERM", Long.toString(job.pid())).start().waitFor());
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
      assertTrue(
          items >= 1 && items < site.catalogue().products().size(),
          "stopped part way: " + items + " items\n" + text);
      assertTrue(text.contains("Passing SIGTERM on to the spider"), text);
      assertTrue(text.contains("Spider closed (shutdown)"), text);
    }
  }

  /** The quotes site the quotes jar's spiders crawl: author and text of each quote, per page. */
  private static final List<List<String[]>> QUOTES =
      List.of(
          List.of(
              new String[] {"Ana", "The caf\u00e9 opens at eight."},
              new String[] {"Bo", "Bread & butter, every day."},
              new String[] {"Ana", "\u201cQuoted\u201d twice is a rule."}),
          List.of(
              new String[] {"Cy", "Pages end; quotes do not."},
              new String[] {"Ana", "Last page, last word."}));

  @Test
  void anySpiderJarListsItsSpidersForTheImage() throws Exception {
    Path bin = imageBin(QUOTES_JAR);
    ChildProcess info =
        ChildProcess.run(dir, imageEnv(), 60, List.of(bin.resolve("shub-image-info").toString()));
    assertEquals(0, info.exitCode(), info.output());
    assertTrue(
        info.stdout().startsWith("{\"project_type\": \"other\", \"spiders\": [")
            && info.stdout().endsWith("]}\n"),
        info.output());
    JsonNode parsed = new ObjectMapper().readTree(info.stdout());
    assertEquals("other", parsed.get("project_type").asText());
    Set<String> names = new LinkedHashSet<>();
    parsed.get("spiders").forEach(n -> names.add(n.asText()));
    assertEquals(Set.of("quotes", "authors"), names, info.stdout());
    assertEquals(2, parsed.get("spiders").size(), info.stdout());
  }

  @Test
  void anySpiderJarRunsTheJobOfShubSpiderWithItsArguments() throws Exception {
    Path bin = imageBin(QUOTES_JAR);
    try (QuotesSite site = QuotesSite.start()) {
      String base = site.baseUrl();
      Path fifo = dir.resolve("job.fifo");
      Path received = dir.resolve("received.bin");
      Process reader = drainedFifo(fifo, received);
      Map<String, String> env = imageEnv();
      env.put("SHUB_SPIDER", "quotes");
      env.put("SHUB_FIFO_PATH", fifo.toString());
      env.put(
          "SHUB_JOB_DATA",
          "{\"key\": \"1/2/3\", \"spider\": \"quotes\", \"spider_args\":"
              + " {\"start_urls\": \""
              + base
              + "\", \"author\": \"Ana\"}}");
      ChildProcess job =
          ChildProcess.run(dir, env, 120, List.of(bin.resolve("start-crawl").toString()));
      assertEquals(0, job.exitCode(), job.output());
      assertTrue(reader.waitFor(30, TimeUnit.SECONDS), "the reader saw the end of the pipe");

      Map<String, List<JsonNode>> byCommand = readPipe(Files.readAllBytes(received));
      assertEquals(1, byCommand.get("FIN").size(), "one FIN");
      assertEquals("finished", byCommand.get("FIN").get(0).get("outcome").asText());
      Set<String> expected = new LinkedHashSet<>();
      for (int page = 0; page < QUOTES.size(); page++) {
        for (String[] q : QUOTES.get(page)) {
          if (q[0].equals("Ana")) {
            expected.add(q[0] + "|" + q[1] + "|" + base + (page == 0 ? "" : "page/2/"));
          }
        }
      }
      Set<String> items = new LinkedHashSet<>();
      for (JsonNode item : byCommand.get("ITM")) {
        assertEquals(3, item.size(), item.toString());
        items.add(
            item.get("author").asText()
                + "|"
                + item.get("text").asText()
                + "|"
                + item.get("page").asText());
      }
      assertEquals(expected, items);
      assertEquals(expected.size(), byCommand.get("ITM").size(), "no item twice");
      assertTrue(
          job.stdout()
              .contains(
                  "start-crawl: quotes --local -a start_urls="
                      + base
                      + " -a author=Ana --fifo "
                      + fifo),
          job.output());

      // the jar's other spider, chosen by SHUB_SPIDER alone
      Path fifo2 = dir.resolve("job2.fifo");
      Path received2 = dir.resolve("received2.bin");
      Process reader2 = drainedFifo(fifo2, received2);
      env.put("SHUB_SPIDER", "authors");
      env.put("SHUB_FIFO_PATH", fifo2.toString());
      env.put("SHUB_JOB_DATA", "{\"spider_args\": {\"start_urls\": \"" + base + "\"}}");
      job = ChildProcess.run(dir, env, 120, List.of(bin.resolve("start-crawl").toString()));
      assertEquals(0, job.exitCode(), job.output());
      assertTrue(reader2.waitFor(30, TimeUnit.SECONDS), "the reader saw the end of the pipe");
      byCommand = readPipe(Files.readAllBytes(received2));
      assertEquals(1, byCommand.get("FIN").size(), "one FIN");
      List<String> authors = new ArrayList<>();
      byCommand.get("ITM").forEach(i -> authors.add(i.get("author").asText()));
      authors.sort(null);
      assertEquals(List.of("Ana", "Ana", "Bo", "Cy"), authors, "distinct authors per page");
    }
  }

  @Test
  void anySpiderJarRejectsABadJobNamingWhatIsWrong() throws Exception {
    Path bin = imageBin(QUOTES_JAR);
    Map<String, String> env = imageEnv();
    Path fifo = dir.resolve("job.fifo");
    Path received = dir.resolve("received.bin");
    Process reader = drainedFifo(fifo, received);
    env.put("SHUB_FIFO_PATH", fifo.toString());
    env.put("SHUB_SPIDER", "catalogue");
    env.put("SHUB_JOB_DATA", "{}");
    ChildProcess job =
        ChildProcess.run(dir, env, 60, List.of(bin.resolve("start-crawl").toString()));
    assertEquals(2, job.exitCode(), job.output());
    assertTrue(job.stderr().contains("no spider named catalogue; this jar holds ["), job.output());
    // the job stopped before opening the pipe: its reader still waits, nothing was written
    assertTrue(reader.isAlive(), "the pipe was opened");
    assertEquals(0, Files.size(received));

    env.put("SHUB_SPIDER", "quotes");
    env.put("SHUB_JOB_DATA", "{\"spider_args\": {\"author\": [\"Ana\"]}}");
    job = ChildProcess.run(dir, env, 60, List.of(bin.resolve("start-crawl").toString()));
    assertEquals(2, job.exitCode(), job.output());
    assertTrue(
        job.stderr()
            .contains(
                "start-crawl: SHUB_JOB_DATA spider_args.author must be a string, number or"
                    + " boolean"),
        job.output());

    env.put("SHUB_JOB_DATA", "{\"spider_args\": {\"category\": \"Garden\"}}");
    job = ChildProcess.run(dir, env, 60, List.of(bin.resolve("start-crawl").toString()));
    assertEquals(2, job.exitCode(), job.output());
    assertTrue(
        job.stderr().contains("unknown spider argument -a category for spider quotes"),
        job.output());
  }

  /** The image's /usr/local/bin: the jar as spider.jar and the two scripts, nothing else. */
  private Path imageBin(Path jar) throws Exception {
    assertTrue(Files.isRegularFile(jar), "built by module quotes-spider: " + jar);
    Path bin = Files.createDirectories(dir.resolve("usr-local-bin"));
    Files.copy(jar, bin.resolve("spider.jar"), StandardCopyOption.REPLACE_EXISTING);
    for (String script : List.of("start-crawl", "shub-image-info")) {
      Files.copy(
          CLOUD.resolve(script),
          bin.resolve(script),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    return bin;
  }

  /** The environment the image gives every process: a JDK, no SPIDER_JAR override. */
  private static Map<String, String> imageEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPIDER_JAR", "");
    return env;
  }

  /**
   * Serves {@link #QUOTES} on 127.0.0.1: {@code /} and {@code /page/2/}, linked by {@code li.next}.
   */
  private record QuotesSite(HttpServer server, String baseUrl) implements AutoCloseable {
    static QuotesSite start() throws Exception {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.createContext(
          "/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            int page = path.equals("/") ? 0 : path.equals("/page/2/") ? 1 : -1;
            byte[] body;
            if (page < 0) {
              body = "not found".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(404, body.length);
            } else {
              StringBuilder html =
                  new StringBuilder(
                      "<!DOCTYPE html><html><head><title>Quotes</title></head><body>");
              for (String[] q : QUOTES.get(page)) {
                html.append("<div class=\"quote\"><span class=\"text\">")
                    .append(q[1].replace("&", "&amp;"))
                    .append("</span> by <small class=\"author\">")
                    .append(q[0])
                    .append("</small></div>");
              }
              if (page == 0) {
                html.append("<ul><li class=\"next\"><a href=\"page/2/\">Next</a></li></ul>");
              }
              body = html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
              exchange.sendResponseHeaders(200, body.length);
            }
            try (java.io.OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return new QuotesSite(server, "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
      server.stop(0);
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
    ChildProcess job =
        ChildProcess.run(dir, env, 60, List.of(CLOUD.resolve("start-crawl").toString()));
    assertEquals(2, job.exitCode(), job.output());
    assertTrue(job.stderr().contains("SHUB_JOB_DATA is not valid JSON"), job.output());
  }

  @Test
  void shubImageInfoListsTheSpiders() throws Exception {
    ChildProcess info =
        ChildProcess.run(
            dir,
            jobEnv(dir.resolve("unused"), "{}"),
            60,
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
  private Process drainedFifo(Path fifo, Path received) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Process reader =
        new ProcessBuilder("cat", fifo.toString()).redirectOutput(received.toFile()).start();
    readers.add(reader);
    return reader;
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
