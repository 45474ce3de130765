package io.streamspider.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Test spiders written inline, and compiling them with the processor. */
final class Sources {
  static final String IMPORTS =
      """
      import io.streamspider.annotations.*;
      import io.streamspider.runtime.*;
      import java.math.BigDecimal;
      import java.util.*;
      import java.util.stream.Stream;
      """;

  private Sources() {}

  /** A source file {@code test/<name>.java} with the usual imports. */
  static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString(
        "test." + name, "package test;\n\n" + IMPORTS + "\n" + body);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(new StreamSpiderProcessor(), sources);
  }

  static Compilation compile(Processor processor, JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(processor)
        .withOptions("-Xlint:all", "-Xlint:-processing")
        .compile(sources);
  }
}
