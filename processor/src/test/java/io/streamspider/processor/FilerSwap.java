package io.streamspider.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/** Runs a processor with its Filer replaced: to record what it writes, or to make it fail. */
final class FilerSwap {
  private FilerSwap() {}

  static Processor wrap(Processor processor, UnaryOperator<Filer> swap) {
    return new Processor() {
      @Override
      public Set<String> getSupportedOptions() {
        return processor.getSupportedOptions();
      }

      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return processor.getSupportedAnnotationTypes();
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return processor.getSupportedSourceVersion();
      }

      @Override
      public void init(ProcessingEnvironment env) {
        Filer filer = swap.apply(env.getFiler());
        processor.init(
            new ProcessingEnvironment() {
              @Override
              public Map<String, String> getOptions() {
                return env.getOptions();
              }

              @Override
              public Messager getMessager() {
                return env.getMessager();
              }

              @Override
              public Filer getFiler() {
                return filer;
              }

              @Override
              public Elements getElementUtils() {
                return env.getElementUtils();
              }

              @Override
              public Types getTypeUtils() {
                return env.getTypeUtils();
              }

              @Override
              public SourceVersion getSourceVersion() {
                return env.getSourceVersion();
              }

              @Override
              public Locale getLocale() {
                return env.getLocale();
              }
            });
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return processor.process(annotations, round);
      }

      @Override
      public Iterable<? extends Completion> getCompletions(
          Element element, AnnotationMirror annotation, ExecutableElement member, String text) {
        return processor.getCompletions(element, annotation, member, text);
      }
    };
  }

  /** One file a processor created, with the elements it said the file comes from. */
  record Created(String kind, String name, List<String> origins) {}

  /** Passes everything to javac's Filer and records each file created. */
  static final class Recording implements Filer {
    private final Filer filer;
    final List<Created> created = new ArrayList<>();

    Recording(Filer filer) {
      this.filer = filer;
    }

    private void record(String kind, String name, Element... origins) {
      List<String> names = new ArrayList<>();
      for (Element e : origins) {
        names.add(e instanceof TypeElement t ? t.getQualifiedName().toString() : e.toString());
      }
      created.add(new Created(kind, name, names));
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... origins)
        throws IOException {
      record("source", name.toString(), origins);
      return filer.createSourceFile(name, origins);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... origins)
        throws IOException {
      record("class", name.toString(), origins);
      return filer.createClassFile(name, origins);
    }

    @Override
    public FileObject createResource(
        JavaFileManager.Location location,
        CharSequence moduleAndPkg,
        CharSequence relativeName,
        Element... origins)
        throws IOException {
      record("resource", relativeName.toString(), origins);
      return filer.createResource(location, moduleAndPkg, relativeName, origins);
    }

    @Override
    public FileObject getResource(
        JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName)
        throws IOException {
      record("read", relativeName.toString());
      return filer.getResource(location, moduleAndPkg, relativeName);
    }
  }

  /** A Filer that throws on every write. */
  static final class Failing implements Filer {
    private final Filer filer;
    private final RuntimeException failure;

    Failing(Filer filer, RuntimeException failure) {
      this.filer = filer;
      this.failure = failure;
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... origins) {
      throw failure;
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... origins) {
      throw failure;
    }

    @Override
    public FileObject createResource(
        JavaFileManager.Location location,
        CharSequence moduleAndPkg,
        CharSequence relativeName,
        Element... origins) {
      throw failure;
    }

    @Override
    public FileObject getResource(
        JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName)
        throws IOException {
      return filer.getResource(location, moduleAndPkg, relativeName);
    }
  }
}
