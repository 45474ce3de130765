package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory defaults of {@code --local}'s two JVMs, and that the user's own options win. */
class LocalJvmDefaultsTest {
  private static final List<String> JAVA =
      List.of("/jdk/bin/java", "-cp", "/s.jar", "io.streamspider.runtime.StreamSpider");
  private static final List<String> ARGV = List.of("shop", "--local", "-o", "items.jsonl");

  /**
   * A JVM warning about its options goes to stdout, which is the spider's protocol channel (a -Xmn
   * larger than -Xms did: "NewSize was set larger than initial heap size" ended the crawl with a
   * protocol error). Both sets of defaults start a real JVM without a byte on stdout.
   */
  @Test
  void theDefaultsStartAJvmThatWritesNothingOnStdout() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (List<String> defaults :
        List.of(LocalJvmDefaults.HOST, LocalJvmDefaults.SPIDER, LocalJvmDefaults.SAME)) {
      List<String> cmd = new ArrayList<>(List.of(java));
      cmd.addAll(defaults);
      cmd.add("-version");
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), cmd.toString());
      assertEquals("", out, cmd.toString());
    }
  }

  @Test
  void withoutMemoryOptionsBothJvmsGetTheDefaults() {
    List<String> user = List.of("-Dcategory=books");
    assertEquals(LocalJvmDefaults.SPIDER, LocalJvmDefaults.defaults(user, LocalJvmDefaults.SPIDER));
    List<String> expected = new ArrayList<>(List.of("/jdk/bin/java", "-Dcategory=books"));
    expected.addAll(LocalJvmDefaults.HOST);
    expected.addAll(JAVA.subList(1, JAVA.size()));
    expected.addAll(ARGV);
    assertEquals(
        expected,
        LocalJvmDefaults.relaunchCommand(user, user, JAVA, ARGV, null, LocalJvmDefaults.HOST));
  }

  @Test
  void withTheSpiderInTheHostJvmThatOneJvmGetsTheOneJvmDefaults() {
    List<String> user = List.of("-Dcategory=books");
    List<String> argv = List.of("shop", "--local", "-s", "SPIDER_JVM=same");
    List<String> expected = new ArrayList<>(List.of("/jdk/bin/java", "-Dcategory=books"));
    expected.addAll(LocalJvmDefaults.SAME);
    expected.addAll(JAVA.subList(1, JAVA.size()));
    expected.addAll(argv);
    assertEquals(
        expected,
        LocalJvmDefaults.relaunchCommand(user, user, JAVA, argv, null, LocalJvmDefaults.SAME));
    assertNull(
        LocalJvmDefaults.relaunchCommand(
            List.of("-Xmx1g"), List.of("-Xmx1g"), JAVA, argv, null, LocalJvmDefaults.SAME));
  }

  @Test
  void anyHeapOrRamShareOptionOfTheUserTurnsTheDefaultsOff() {
    for (String o :
        List.of(
            "-Xmx2g",
            "-Xms1g",
            "-Xmn100m",
            "-XX:MaxHeapSize=1g",
            "-XX:MaxRAMPercentage=25",
            "-XX:InitialRAMPercentage=5",
            "-XX:MinRAMPercentage=50",
            "-XX:MaxRAM=4g",
            "-XX:MaxRAMFraction=4")) {
      List<String> user = List.of("-Dx=y", o);
      assertEquals(List.of(), LocalJvmDefaults.defaults(user, LocalJvmDefaults.SPIDER), o);
      assertNull(
          LocalJvmDefaults.relaunchCommand(user, user, JAVA, ARGV, null, LocalJvmDefaults.HOST), o);
    }
  }

  @Test
  void aCollectorTheUserChoseIsKeptAndTheHeapStillSized() {
    List<String> user = List.of("-XX:+UseParallelGC");
    List<String> spider = LocalJvmDefaults.defaults(user, LocalJvmDefaults.SPIDER);
    assertEquals(LocalJvmDefaults.SPIDER.size() - 1, spider.size(), spider.toString());
    assertEquals(false, spider.contains("-XX:+UseSerialGC"), spider.toString());
    assertEquals(true, spider.stream().anyMatch(o -> o.startsWith("-Xmx")), spider.toString());
  }

  @Test
  void aSettingTheUserGaveIsNotGivenAgain() {
    List<String> user = List.of("-XX:-TieredCompilation", "-XX:ReservedCodeCacheSize=128m");
    List<String> spider = LocalJvmDefaults.defaults(user, LocalJvmDefaults.SPIDER);
    assertEquals(
        false,
        spider.stream().anyMatch(o -> o.startsWith("-XX:TieredStopAtLevel")),
        spider.toString());
    assertEquals(
        false,
        spider.stream().anyMatch(o -> o.startsWith("-XX:ReservedCodeCacheSize")),
        spider.toString());
    assertEquals(true, spider.stream().anyMatch(o -> o.startsWith("-Xmx")), spider.toString());
    List<String> c2 =
        LocalJvmDefaults.defaults(List.of("-XX:TieredStopAtLevel=4"), LocalJvmDefaults.HOST);
    assertEquals(false, c2.contains("-XX:TieredStopAtLevel=1"), c2.toString());
  }

  @Test
  void noRelaunchFromARelaunchedHostNorWithOptionsTwoJvmsCannotShare() {
    List<String> user = List.of("-Dx=y");
    assertNull(
        LocalJvmDefaults.relaunchCommand(user, user, JAVA, ARGV, "1", LocalJvmDefaults.HOST));
    List<String> debugged = List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005");
    assertNull(
        LocalJvmDefaults.relaunchCommand(
            debugged,
            Launcher.inheritedJvmOptions(debugged),
            JAVA,
            ARGV,
            null,
            LocalJvmDefaults.HOST));
  }
}
