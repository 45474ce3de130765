package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.palantir.javapoet.JavaFile;
import io.streamspider.annotations.Spider;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The real {@code javac} tool, run as a build runs it: the processor found on {@code
 * -processorpath} (through its META-INF/services entry), the spider compiled against the runtime
 * and annotations only.
 */
final class RealJavac {
  private RealJavac() {}

  /** Where a class was loaded from: a jar or a classes directory. */
  static Path home(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The processor (its classes and its JavaPoet) plus what it reads: runtime, annotations. */
  static List<Path> processorPath() {
    return List.of(
        home(StreamSpiderProcessor.class),
        home(JavaFile.class),
        home(SpiderDefinition.class),
        home(Spider.class));
  }

  /** What a spider needs to compile: the runtime and the annotations, nothing of the processor. */
  static List<Path> compileClassPath() {
    return List.of(home(SpiderDefinition.class), home(Spider.class));
  }

  /** What a spider needs to run: its classes, the runtime, the annotations and Jackson. */
  static List<Path> runClassPath(Path classes) {
    return List.of(
        classes,
        home(SpiderDefinition.class),
        home(Spider.class),
        home(ObjectMapper.class),
        home(JsonFactory.class),
        home(JsonProperty.class),
        home(JavaTimeModule.class),
        home(com.fasterxml.jackson.datatype.jdk8.Jdk8Module.class));
  }

  static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /** A compilation's outcome: javac's exit code and everything it printed. */
  record Result(int exitCode, String output, Path classes, Path generatedSources) {}

  /** Compiles test resources {@code spiders/...} into {@code dir} with the processor. */
  static Result compileResources(Path dir, List<Path> processorPath, String... resources)
      throws IOException {
    Path src = dir.resolve("src");
    List<Path> files = new ArrayList<>();
    for (String r : resources) {
      Path target = src.resolve(r.substring(r.indexOf('/') + 1));
      Files.createDirectories(target.getParent());
      try (InputStream in = RealJavac.class.getClassLoader().getResourceAsStream(r)) {
        Files.copy(in, target);
      }
      files.add(target);
    }
    return compile(dir, processorPath, files);
  }

  static Result compile(Path dir, List<Path> processorPath, List<Path> sources) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--release", "17", "-Xlint:all", "-Xlint:-processing", "-Werror"));
    args.addAll(List.of("-processorpath", join(processorPath)));
    args.addAll(List.of("-classpath", join(compileClassPath())));
    args.addAll(List.of("-d", classes.toString(), "-s", generated.toString()));
    for (Path s : sources) {
      args.add(s.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = javac.run(null, out, out, args.toArray(new String[0]));
    return new Result(code, out.toString(StandardCharsets.UTF_8), classes, generated);
  }

  /** Every regular file under {@code root}, relative, with '/' separators. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  static void assertSucceeded(Result r) {
    assertEquals(0, r.exitCode(), () -> "javac failed:\n" + r.output());
    assertEquals("", r.output().strip(), "javac printed nothing (no warning, no note)");
  }
}
