package io.streamspider.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another processor that generates {@code test.LaterItem} in its first round, so that a spider
 * using it sees an unresolved type first.
 */
final class GeneratesLaterItem extends AbstractProcessor {
  private boolean done;

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
    try (Writer w = processingEnv.getFiler().createSourceFile("test.LaterItem").openWriter()) {
      w.write(
          "package test;\n"
              + "public record LaterItem(\n"
              + "    @io.streamspider.annotations.Selector(css = \"h1::text\") String title) {}\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return false;
  }
}
