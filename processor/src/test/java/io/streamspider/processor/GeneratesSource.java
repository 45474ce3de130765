package io.streamspider.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another processor that generates one source file in its first round: a type a spider uses (so
 * that the spider sees it unresolved first), or a second spider (processed in round two).
 */
final class GeneratesSource extends AbstractProcessor {
  /** {@code test.LaterItem}, a record with a {@code @Selector} component. */
  static GeneratesSource laterItem() {
    return new GeneratesSource(
        "test.LaterItem",
        "package test;\n"
            + "public record LaterItem(\n"
            + "    @io.streamspider.annotations.Selector(css = \"h1::text\") String title) {}\n");
  }

  /** {@code test.Second}, a spider named "second". */
  static GeneratesSource secondSpider() {
    return new GeneratesSource(
        "test.Second",
        "package test;\n"
            + "@io.streamspider.annotations.Spider(name = \"second\","
            + " startUrls = \"http://127.0.0.1/\")\n"
            + "public class Second {\n"
            + "  @io.streamspider.annotations.Parse\n"
            + "  public void parse(io.streamspider.runtime.Response r) {}\n"
            + "}\n");
  }

  private final String name;
  private final String source;
  private boolean done;

  private GeneratesSource(String name, String source) {
    this.name = name;
    this.source = source;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done) {
      return false;
    }
    done = true;
    try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
      w.write(source);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return false;
  }
}
