package io.streamspider.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archetype as a user meets it, with real Maven child processes: this build's artifacts
 * installed into a private local repository under target/ (maven-invoker-plugin:install, never
 * ~/.m2), third-party artifacts copied from the user's repository through a {@code file:} mirror
 * (no network), a project generated from the installed archetype, built with {@code mvn -o verify}
 * (its own test on the saved page runs there), and its fat jar run: {@code --list}, {@code
 * --external-json}, and a {@code --local} crawl of a page served on 127.0.0.1.
 */
class ArchetypeIT {
  private static final String VERSION = System.getProperty("streamspider.version");
  private static final Path WORK = Path.of(System.getProperty("streamspider.work"));
  private static final Path SETTINGS = WORK.resolve("settings.xml");
  private static HttpServer site;
  private static String startUrl;
  private static Path project;

  @BeforeAll
  static void generateAndBuild() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext(
        "/",
        exchange -> {
          byte[] page =
              "<html><head><title>Served books</title></head><body></body></html>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().equals("/") ? 200 : 404, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    site.start();
    startUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/";

    deleteTree(WORK);
    Files.createDirectories(WORK);
    Files.writeString(
        SETTINGS,
        "<settings>\n"
            + "  <localRepository>"
            + System.getProperty("streamspider.itRepo")
            + "</localRepository>\n"
            + "  <mirrors><mirror>\n"
            + "    <id>user-repository</id><mirrorOf>*</mirrorOf>\n"
            + "    <url>"
            + Path.of(System.getProperty("streamspider.userRepo")).toUri()
            + "</url>\n"
            + "  </mirror></mirrors>\n"
            + "</settings>\n",
        StandardCharsets.UTF_8);

    mvn(
        WORK,
        "org.apache.maven.plugins:maven-archetype-plugin:"
            + System.getProperty("archetype.version", "3.3.1")
            + ":generate",
        "-DarchetypeCatalog=local",
        "-DarchetypeGroupId=io.streamspider",
        "-DarchetypeArtifactId=streamspider-archetype",
        "-DarchetypeVersion=" + VERSION,
        "-DgroupId=com.example.books",
        "-DartifactId=books-spider",
        "-Dversion=1.0-SNAPSHOT",
        "-Dpackage=com.example.books",
        "-DspiderName=books",
        "-DspiderClass=BooksSpider",
        "-DstartUrl=" + startUrl);
    project = WORK.resolve("books-spider");
    mvn(project, "-o", "verify");
  }

  @AfterAll
  static void stopSite() {
    if (site != null) {
      site.stop(0);
    }
  }

  @Test
  void theGeneratedProjectIsStandaloneAndImportsTheBom() throws Exception {
    String pom = Files.readString(project.resolve("pom.xml"));
    assertFalse(pom.contains("<parent>"), pom);
    assertTrue(pom.contains("<artifactId>streamspider-bom</artifactId>"), pom);
    assertTrue(pom.contains("<streamspider.version>" + VERSION + "</streamspider.version>"), pom);
    assertFalse(pom.contains("@"), "every build-time version was filled in:\n" + pom);
    assertTrue(Files.exists(project.resolve("src/main/java/com/example/books/BooksSpider.java")));
    assertTrue(Files.exists(project.resolve("src/test/resources/start-page.html")));
    String readme = Files.readString(project.resolve("README.md"));
    assertTrue(readme.contains("mvn verify"), readme);
    assertTrue(readme.contains("java -jar target/books-spider.jar --local"), readme);
    // the starter test ran in verify, on the saved page
    String report =
        Files.readString(
            project.resolve("target/surefire-reports/TEST-com.example.books.BooksSpiderTest.xml"));
    assertTrue(report.contains("tests=\"1\"") && report.contains("failures=\"0\""), report);
  }

  @Test
  void theFatJarHoldsRuntimeHostAndSpiderButNotTheProcessor() throws Exception {
    try (JarFile jar = new JarFile(project.resolve("target/books-spider.jar").toFile())) {
      assertEquals(
          "io.streamspider.runtime.StreamSpider",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getEntry("io/streamspider/host/HostMain.class") != null, "the host is in");
      assertTrue(
          jar.getEntry("io/streamspider/processor/StreamSpiderProcessor.class") == null,
          "the processor stays out");
      String services =
          new String(
              jar.getInputStream(
                      jar.getEntry(
                          "META-INF/services/io.streamspider.runtime.generated.SpiderDefinition"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertEquals("com.example.books.BooksSpider_StreamSpider", services.strip());
    }
  }

  @Test
  void theJarListsItsSpiderAndWritesExternalJson() throws Exception {
    Run list = java(project, "-jar", "target/books-spider.jar", "--list");
    assertEquals(0, list.code, list.toString());
    assertEquals("books", list.out.strip());

    Run external = java(project, "-jar", "target/books-spider.jar", "--external-json");
    assertEquals(0, external.code, external.toString());
    String jar = project.resolve("target/books-spider.jar").toAbsolutePath().toString();
    assertTrue(external.out.contains("\"name\" : \"books\""), external.out);
    assertTrue(external.out.contains("\"" + jar.replace("\\", "\\\\") + "\""), external.out);
    assertTrue(external.out.contains("\"io.streamspider.runtime.StreamSpider\""), external.out);
  }

  @Test
  void theJarCrawlsTheStartUrlOnTheEmbeddedHost() throws Exception {
    Path items = WORK.resolve("items.jsonl");
    Run crawl = java(project, "-jar", "target/books-spider.jar", "--local", "-O", items.toString());
    assertEquals(0, crawl.code, crawl.toString());
    List<String> lines = Files.readAllLines(items, StandardCharsets.UTF_8);
    assertEquals(1, lines.size(), lines + "\n" + crawl);
    // as Scrapy's JSON lines exporter writes it
    assertEquals("{\"url\": \"" + startUrl + "\", \"title\": \"Served books\"}", lines.get(0));
  }

  /**
   * The published library jars carry their module names, sources and javadoc beside them; the BOM
   * lists each.
   */
  @Test
  void libraryJarsArePublishable() throws Exception {
    Path root = Path.of(System.getProperty("streamspider.root"));
    for (String[] m :
        new String[][] {
          {"annotations", "streamspider-annotations", "io.streamspider.annotations"},
          {"runtime", "streamspider-runtime", "io.streamspider.runtime"},
          {"selector-grammar", "streamspider-selector-grammar", "io.streamspider.selector.grammar"},
          {"processor", "streamspider-processor", "io.streamspider.processor"},
          {"host", "streamspider-host", "io.streamspider.host"},
          {"slf4j", "streamspider-slf4j", "io.streamspider.slf4j"},
          {"test-kit", "streamspider-test", "io.streamspider.test"},
        }) {
      Path target = root.resolve(m[0]).resolve("target");
      String base = m[1] + "-" + VERSION;
      try (JarFile jar = new JarFile(target.resolve(base + ".jar").toFile())) {
        assertEquals(
            m[2],
            jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
            base + ".jar");
      }
      for (String attached : List.of("-sources.jar", "-javadoc.jar")) {
        assertTrue(Files.isRegularFile(target.resolve(base + attached)), base + attached);
      }
      // the BOM manages it, at the project's version
      String bom = Files.readString(root.resolve("bom/pom.xml"));
      assertTrue(
          bom.contains(
              "<artifactId>"
                  + m[1]
                  + "</artifactId>\n        <version>${project.version}</version>"),
          m[1] + " in the BOM");
    }
    assertTrue(
        Files.readString(root.resolve("bom/pom.xml"))
            .contains("<version>" + VERSION + "</version>"),
        "the BOM's version is the reactor's");
  }

  record Run(int code, String out, String err) {}

  private static void mvn(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("streamspider.mavenHome"), "bin", "mvn").toString());
    cmd.addAll(List.of("-B", "-q", "-s", SETTINGS.toString(), "-Daether.offline.protocols=file"));
    cmd.addAll(Arrays.asList(args));
    Run r = run(dir, cmd, 300);
    assertEquals(0, r.code, () -> String.join(" ", cmd) + "\n" + r);
  }

  private static Run java(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(args));
    return run(dir, cmd, 60);
  }

  private static Run run(Path dir, List<String> cmd, int seconds) throws Exception {
    Path out = Files.createTempFile(WORK, "out", ".txt");
    Path err = Files.createTempFile(WORK, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          cmd + " did not finish in " + seconds + " s\n" + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
