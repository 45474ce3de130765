package io.streamspider.example.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar: what it holds, what it leaves out, and how a host starts it. */
class FatJarIT {
  @TempDir Path dir;

  @Test
  void manifestNamesTheRuntimesEntryPoint() throws Exception {
    try (JarFile jar = new JarFile(ChildProcess.JAR.toFile())) {
      Manifest m = jar.getManifest();
      assertEquals(
          "io.streamspider.runtime.StreamSpider", m.getMainAttributes().getValue("Main-Class"));
    }
  }

  @Test
  void holdsRuntimeHostAndSpiderButNothingOfTheProcessor() throws Exception {
    List<String> names = entries();
    assertTrue(names.contains("io/streamspider/runtime/StreamSpider.class"));
    assertTrue(names.contains("io/streamspider/example/CatalogueSpider.class"));
    assertTrue(
        names.contains("io/streamspider/example/CatalogueSpider_StreamSpider.class"),
        "the generated dispatch table");
    assertTrue(names.stream().anyMatch(n -> n.startsWith("io/streamspider/host/")), "the host");
    for (String n : names) {
      assertFalse(n.startsWith("com/palantir/"), n);
      assertFalse(n.startsWith("com/squareup/javapoet/"), n);
      assertFalse(n.startsWith("io/streamspider/processor/"), n);
      assertFalse(n.startsWith("com/google/auto/"), n);
      assertFalse(n.equals("META-INF/services/javax.annotation.processing.Processor"), n);
      assertFalse(n.startsWith("META-INF/gradle/"), n);
    }
  }

  @Test
  void serviceFilesAreMergedAndEveryProviderIsInTheJar() throws Exception {
    try (JarFile jar = new JarFile(ChildProcess.JAR.toFile())) {
      List<String> spiders = providers(jar, "io.streamspider.runtime.generated.SpiderDefinition");
      assertEquals(List.of("io.streamspider.example.CatalogueSpider_StreamSpider"), spiders);
      assertFalse(
          providers(jar, "io.streamspider.runtime.spi.EmbeddedHost").isEmpty(),
          "the embedded host's provider");
      for (JarEntry e : Collections.list(jar.entries())) {
        if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
          String service = e.getName().substring("META-INF/services/".length());
          for (String provider : providers(jar, service)) {
            assertNotNull(
                jar.getEntry(provider.replace('.', '/') + ".class"),
                provider + " listed for " + service);
          }
        }
      }
    }
  }

  @Test
  void listsItsSpider() throws Exception {
    ChildProcess list =
        ChildProcess.run(
            dir,
            Map.of(),
            60,
            List.of(ChildProcess.JAVA.toString(), "-jar", ChildProcess.JAR.toString(), "--list"));
    assertEquals(0, list.exitCode(), list.output());
    assertEquals("catalogue\n", list.stdout());
  }

  /**
   * The external.json entry runs as is the way Scrapy Streaming starts it: absolute command, an
   * empty environment, the protocol on stdin/stdout and not one byte on stderr.
   */
  @Test
  void externalJsonEntryStartsTheSpiderWithAnEmptyEnvironment() throws Exception {
    ChildProcess ext =
        ChildProcess.run(
            dir,
            Map.of(),
            60,
            List.of(
                ChildProcess.JAVA.toString(),
                "-jar",
                ChildProcess.JAR.toString(),
                "--external-json"));
    assertEquals(0, ext.exitCode(), ext.output());
    JsonNode entries = new ObjectMapper().readTree(ext.stdout());
    assertEquals(1, entries.size(), ext.stdout());
    JsonNode entry = entries.get(0);
    assertEquals("catalogue", entry.get("name").asText());
    List<String> command = new ArrayList<>();
    command.add(entry.get("command").asText());
    entry.get("args").forEach(a -> command.add(a.asText()));
    assertTrue(Path.of(command.get(0)).isAbsolute(), command.toString());
    assertTrue(command.contains(ChildProcess.JAR.toString()), command.toString());

    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("LC_CTYPE", "C.UTF-8"); // all the real host passes (docs/real-host.md)
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream();
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        InputStream err = p.getErrorStream()) {
      in.write("{\"type\": \"ready\", \"status\": \"ready\"}\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      JsonNode spider = nextNonLog(out);
      assertEquals("spider", spider.get("type").asText(), spider.toString());
      assertEquals("catalogue", spider.get("name").asText());
      assertEquals("[\"127.0.0.1\"]", spider.get("allowed_domains").toString());
      JsonNode start = nextNonLog(out);
      // parse declares selectors: its start URL goes out as the runtime's own selector_request
      assertEquals("selector_request", start.get("type").asText(), start.toString());
      assertEquals("http://127.0.0.1:8000/", start.get("url").asText());
      in.close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, err.readAllBytes().length, "bytes on stderr");
    } finally {
      p.destroyForcibly();
    }
  }

  /** The next protocol line that is not a {@code log} message (allowed before {@code spider}). */
  private static JsonNode nextNonLog(BufferedReader out) throws Exception {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      JsonNode m = new ObjectMapper().readTree(line);
      if (!"log".equals(m.get("type").asText())) {
        return m;
      }
    }
    throw new AssertionError("stdout ended before the message");
  }

  private static List<String> entries() throws Exception {
    try (JarFile jar = new JarFile(ChildProcess.JAR.toFile())) {
      return jar.stream().map(JarEntry::getName).toList();
    }
  }

  private static List<String> providers(JarFile jar, String service) throws Exception {
    JarEntry e = jar.getJarEntry("META-INF/services/" + service);
    if (e == null) {
      return List.of();
    }
    List<String> providers = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(jar.getInputStream(e), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String p = line.replaceAll("#.*", "").strip();
        if (!p.isEmpty()) {
          providers.add(p);
        }
      }
    }
    return providers;
  }
}
