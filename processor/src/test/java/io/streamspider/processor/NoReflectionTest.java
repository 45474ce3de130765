package io.streamspider.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.runtime.generated.SpiderDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No reflective lookup on the way from a response to a spider method: neither the runtime's own
 * classes nor generated dispatch tables refer to Method, Class.forName, getMethod(s),
 * getDeclaredMethod(s) or MethodHandles.Lookup.find*. (Jackson, which serialises items after the
 * call, is not on that way and is not scanned.)
 */
class NoReflectionTest {
  private static final Set<String> CLASS_LOOKUPS =
      Set.of(
          "forName",
          "getMethod",
          "getMethods",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getConstructor",
          "getConstructors",
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "newInstance");

  @TempDir Path tmp;

  /** Every reflective reference in the class files, as "Class: reference". */
  static List<String> reflectiveReferences(Map<String, byte[]> classFiles) throws IOException {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : classFiles.entrySet()) {
      ConstantPool pool = ConstantPool.read(e.getValue());
      for (String c : pool.classes) {
        if (c.startsWith("java/lang/reflect/Method") || c.equals("java/lang/reflect/Constructor")) {
          found.add(e.getKey() + ": " + c);
        }
      }
      for (ConstantPool.Ref m : pool.methods) {
        boolean lookup =
            (m.owner().equals("java/lang/Class") && CLASS_LOOKUPS.contains(m.name()))
                || (m.owner().equals("java/lang/invoke/MethodHandles$Lookup")
                    && (m.name().startsWith("find") || m.name().startsWith("unreflect")))
                || m.owner().startsWith("java/lang/reflect/");
        if (lookup) {
          found.add(e.getKey() + ": " + m);
        }
      }
    }
    return found;
  }

  /** The runtime's classes, from its classes directory or its jar, whichever the build used. */
  static Map<String, byte[]> runtimeClasses() throws IOException {
    Path home = RealJavac.home(SpiderDefinition.class);
    Map<String, byte[]> classes = new LinkedHashMap<>();
    if (Files.isDirectory(home)) {
      classes.putAll(classFiles(home));
    } else {
      try (JarFile jar = new JarFile(home.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (e.getName().endsWith(".class")) {
            try (InputStream in = jar.getInputStream(e)) {
              classes.put(e.getName(), in.readAllBytes());
            }
          }
        }
      }
    }
    return classes;
  }

  static Map<String, byte[]> classFiles(Path dir) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        classes.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return classes;
  }

  @Test
  void runtimeDispatchesWithoutReflection() throws IOException {
    Map<String, byte[]> classes = runtimeClasses();
    assertTrue(
        classes.keySet().stream().anyMatch(n -> n.endsWith("CrawlLoop.class")),
        "the runtime's loop is among the scanned classes: " + classes.keySet());
    assertEquals(List.of(), reflectiveReferences(classes));
  }

  @Test
  void generatedDispatchTablesCallMethodsDirectly() throws IOException {
    RealJavac.Result r =
        RealJavac.compileResources(
            tmp,
            RealJavac.processorPath(),
            "spiders/books/BooksSpider.java",
            "spiders/shop/spiders/CatalogSpider.java");
    RealJavac.assertSucceeded(r);
    Map<String, byte[]> generated = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : classFiles(r.classes()).entrySet()) {
      if (e.getKey().contains("_StreamSpider") || e.getKey().contains("_Requests")) {
        generated.put(e.getKey(), e.getValue());
      }
    }
    assertEquals(4, generated.size(), generated.keySet().toString());
    assertEquals(List.of(), reflectiveReferences(generated));
    // and the calls are there, as plain method references to the spider
    ConstantPool books =
        ConstantPool.read(
            generated.get(Path.of("books", "BooksSpider_StreamSpider.class").toString()));
    assertTrue(
        books.methods.contains(new ConstantPool.Ref("books/BooksSpider", "book")),
        books.methods.toString());
    assertTrue(books.methods.contains(new ConstantPool.Ref("books/BooksSpider", "bookFailed")));
  }

  @Test
  void theScanFindsReflectionWhereThereIsSome() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/r"));
    Files.writeString(
        src.resolve("Reflective.java"),
        """
        package r;
        public class Reflective {
          public Object call(Object target, String name) throws Exception {
            return target.getClass().getMethod(name).invoke(target);
          }
          public Object load(String name) throws Exception {
            return Class.forName(name);
          }
          public Object find() throws Exception {
            return java.lang.invoke.MethodHandles.lookup()
                .findVirtual(Object.class, "toString",
                    java.lang.invoke.MethodType.methodType(String.class));
          }
        }
        """);
    RealJavac.Result r =
        RealJavac.compile(tmp, RealJavac.processorPath(), List.of(src.resolve("Reflective.java")));
    RealJavac.assertSucceeded(r);
    List<String> found = reflectiveReferences(classFiles(r.classes()));
    String all = String.join("\n", found);
    assertTrue(all.contains("java/lang/Class.getMethod"), all);
    assertTrue(all.contains("java/lang/reflect/Method.invoke"), all);
    assertTrue(all.contains("java/lang/Class.forName"), all);
    assertTrue(all.contains("java/lang/invoke/MethodHandles$Lookup.findVirtual"), all);
  }
}
