package io.streamspider.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShubJobTest {
  private static final String FIFO = "/dev/shm/job.fifo";

  @Test
  void spiderArgumentsBecomeDashAInTheirOrder() {
    Map<String, String> env = Map.of(
        "SHUB_SPIDER", "catalogue",
        "SHUB_FIFO_PATH", FIFO,
        "SHUB_JOB_DATA", "{\"key\": \"1/2/3\", \"spider\": \"catalogue\", \"spider_args\":"
            + " {\"user\": \"ana\", \"password\": \"p=w d\\\"x\", \"pages\": 3, \"fast\": true},"
            + " \"units\": 1}");
    assertEquals(
        List.of("catalogue", "--local", "-a", "user=ana", "-a", "password=p=w d\"x",
            "-a", "pages=3", "-a", "fast=true", "--fifo", FIFO, "-s", "LOG_LEVEL=INFO"),
        ShubJob.arguments(env, List.of("-s", "LOG_LEVEL=INFO")));
  }

  @Test
  void spiderNameFallsBackToTheJobData() {
    Map<String, String> env = Map.of(
        "SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{\"spider\": \"catalogue\"}");
    assertEquals(
        List.of("catalogue", "--local", "--fifo", FIFO), ShubJob.arguments(env, List.of()));
  }

  @Test
  void badEnvironmentNamesWhatIsWrong() {
    assertMessage("SHUB_JOB_DATA is not valid JSON",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{\"spider_args\": {"));
    assertMessage("SHUB_JOB_DATA must be a JSON object",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "[1]"));
    assertMessage("spider_args must be an object",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO,
            "SHUB_JOB_DATA", "{\"spider_args\": [\"a\"]}"));
    assertMessage("spider_args.user must be a string, number or boolean",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO,
            "SHUB_JOB_DATA", "{\"spider_args\": {\"user\": {\"x\": 1}}}"));
    assertMessage("argument name \"a=b\"",
        Map.of("SHUB_SPIDER", "s", "SHUB_FIFO_PATH", FIFO,
            "SHUB_JOB_DATA", "{\"spider_args\": {\"a=b\": \"c\"}}"));
    assertMessage("SHUB_SPIDER is not set",
        Map.of("SHUB_FIFO_PATH", FIFO, "SHUB_JOB_DATA", "{}"));
    assertMessage("SHUB_FIFO_PATH is not set",
        Map.of("SHUB_SPIDER", "s", "SHUB_JOB_DATA", "{}"));
  }

  @Test
  void mainPrintsNulTerminatedArgumentsOrAnErrorWithStatus2() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Map<String, String> env = Map.of("SHUB_SPIDER", "catalogue", "SHUB_FIFO_PATH", FIFO,
        "SHUB_JOB_DATA", "{\"spider_args\": {\"category\": \"Küche\"}}");
    assertEquals(0, ShubJob.run(env, List.of(), out, errStream));
    assertEquals("catalogue\0--local\0-a\0category=Küche\0--fifo\0" + FIFO + "\0",
        out.toString(StandardCharsets.UTF_8));
    assertEquals(0, err.size());

    out.reset();
    assertEquals(2, ShubJob.run(Map.of("SHUB_SPIDER", "s"), List.of(), out, errStream));
    assertEquals(0, out.size());
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("start-crawl: SHUB_FIFO_PATH"));
  }

  private static void assertMessage(String expected, Map<String, String> env) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShubJob.arguments(env, List.of()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
