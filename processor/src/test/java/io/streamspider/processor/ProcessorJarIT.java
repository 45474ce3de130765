package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.annotations.Spider;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The processor jar as users get it: JavaPoet, the selector grammar and Jaxen shaded under
 * io.streamspider.processor.internal, nothing of them left in the published POM (a spider's class
 * path never sees them), and the jar alone (with the runtime and annotations it reads) is a working
 * processor path.
 */
class ProcessorJarIT {
  @TempDir Path tmp;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("streamspider.processorJar"));
    assertTrue(Files.isRegularFile(jar), "the packaged processor jar: " + jar);
    return jar;
  }

  @Test
  void javaPoetIsShadedAndRelocated() throws Exception {
    List<String> outside = new ArrayList<>();
    List<String> leaks = new ArrayList<>();
    boolean shaded = false;
    boolean grammar = false;
    boolean jaxen = false;
    try (JarFile jar = new JarFile(jar().toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String name = e.getName();
        if (!name.endsWith(".class")) {
          continue;
        }
        if (!name.startsWith("io/streamspider/processor/")) {
          outside.add(name);
        }
        shaded |= name.startsWith("io/streamspider/processor/internal/shaded/javapoet/");
        grammar |= name.startsWith("io/streamspider/processor/internal/shaded/grammar/");
        jaxen |= name.startsWith("io/streamspider/processor/internal/shaded/jaxen/");
        try (InputStream in = jar.getInputStream(e)) {
          ConstantPool pool = ConstantPool.read(in.readAllBytes());
          for (String c : pool.classes) {
            if (c.startsWith("com/palantir/")
                || c.startsWith("org/jaxen/")
                || c.startsWith("io/streamspider/selector/")) {
              leaks.add(name + " -> " + c);
            }
          }
        }
      }
      assertTrue(shaded, "JavaPoet classes under io/streamspider/processor/internal/shaded");
      assertTrue(grammar, "the selector grammar under io/streamspider/processor/internal/shaded");
      assertTrue(jaxen, "Jaxen under io/streamspider/processor/internal/shaded");
      assertEquals(List.of(), outside, "classes outside the processor's package");
      assertEquals(List.of(), leaks, "references to unrelocated JavaPoet, grammar or Jaxen");
      assertEquals(
          StreamSpiderProcessor.class.getName(),
          new String(
                  jar.getInputStream(
                          jar.getEntry("META-INF/services/javax.annotation.processing.Processor"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8)
              .strip());
      assertTrue(jar.getEntry("META-INF/gradle/incremental.annotation.processors") != null);
    }
  }

  @Test
  void publishedPomDependsOnRuntimeAndAnnotationsOnly() throws Exception {
    Document pom =
        DocumentBuilderFactory.newDefaultInstance()
            .newDocumentBuilder()
            .parse(Path.of(System.getProperty("streamspider.reducedPom")).toFile());
    List<String> runtimeDependencies = new ArrayList<>();
    NodeList sections = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < sections.getLength(); i++) {
      if (!sections.item(i).getNodeName().equals("dependencies")) {
        continue;
      }
      NodeList dependencies = ((Element) sections.item(i)).getElementsByTagName("dependency");
      for (int j = 0; j < dependencies.getLength(); j++) {
        Element d = (Element) dependencies.item(j);
        String scope = text(d, "scope");
        if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
          runtimeDependencies.add(text(d, "groupId") + ":" + text(d, "artifactId"));
        }
      }
    }
    assertEquals(
        List.of("io.streamspider:streamspider-annotations", "io.streamspider:streamspider-runtime"),
        runtimeDependencies);
  }

  private static String text(Element parent, String child) {
    NodeList nodes = parent.getElementsByTagName(child);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  @Test
  void theJarAloneIsAProcessorPath() throws Exception {
    List<Path> processorPath =
        List.of(jar(), RealJavac.home(SpiderDefinition.class), RealJavac.home(Spider.class));
    RealJavac.Result r =
        RealJavac.compileResources(tmp, processorPath, "spiders/books/BooksSpider.java");
    RealJavac.assertSucceeded(r);
    assertEquals(
        List.of("books/BooksSpider_Requests.java", "books/BooksSpider_StreamSpider.java"),
        RealJavac.files(r.generatedSources()));
  }
}
