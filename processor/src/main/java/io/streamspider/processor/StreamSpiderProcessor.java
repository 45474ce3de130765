package io.streamspider.processor;

import com.google.auto.service.AutoService;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.processor.internal.Diagnostics;
import io.streamspider.processor.internal.Message;
import io.streamspider.processor.internal.SpiderModel;
import io.streamspider.processor.internal.SpiderReader;
import io.streamspider.processor.internal.SpiderRenderer;
import io.streamspider.runtime.generated.SpiderDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates, for each {@code @Spider} class, its dispatch table ({@code <Spider>_StreamSpider}, a
 * {@link SpiderDefinition}) and typed request factories ({@code <Spider>_Requests}), and registers
 * every dispatch table in {@code META-INF/services/}{@value #SERVICES}.
 *
 * <p>For Gradle this processor is aggregating: the services file lists every spider of the
 * compilation.
 */
@AutoService(Processor.class)
public final class StreamSpiderProcessor extends AbstractProcessor {
  static final String SERVICES = "io.streamspider.runtime.generated.SpiderDefinition";

  private Diagnostics diagnostics;
  private SpiderReader reader;

  /** Spiders whose types did not resolve yet, by qualified name → the unresolved type. */
  private final Map<String, String> deferred = new LinkedHashMap<>();

  /** Spider name → qualified name of the class that has it. */
  private final Map<String, String> spiderNames = new LinkedHashMap<>();

  /** Generated dispatch table → its spider's qualified name, sorted for a stable file. */
  private final Map<String, String> definitions = new TreeMap<>();

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    diagnostics = new Diagnostics(processingEnv.getMessager());
    reader =
        new SpiderReader(
            processingEnv.getElementUtils(), processingEnv.getTypeUtils(), diagnostics);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> types = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            Spider.class,
            Parse.class,
            OnError.class,
            FormRequest.class,
            Selector.class,
            SpiderArg.class)) {
      types.add(c.getCanonicalName());
    }
    return types;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    // never let an exception escape into javac: report it on what was being processed
    try {
      List<String> spiders = new ArrayList<>(deferred.keySet());
      deferred.clear();
      for (Element e : round.getElementsAnnotatedWith(Spider.class)) {
        if (e instanceof TypeElement type && reader.checkKind(type)) {
          spiders.add(type.getQualifiedName().toString());
        }
      }
      checkOutsideSpiders(round);
      for (String name : spiders) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        if (type != null) {
          processSpider(type, round.processingOver());
        }
      }
      if (round.processingOver()) {
        writeServicesFile();
      }
    } catch (RuntimeException | Error e) {
      diagnostics.report(Message.INTERNAL_ERROR, null, "this round", e, stackTrace(e));
    }
    return false;
  }

  private void processSpider(TypeElement type, boolean lastRound) {
    try {
      SpiderModel model = reader.read(type);
      if (model == null) {
        return;
      }
      String previous = spiderNames.putIfAbsent(model.name(), type.getQualifiedName().toString());
      if (previous != null && !previous.contentEquals(type.getQualifiedName())) {
        AnnotationMirror m = Diagnostics.mirror(type, Spider.class);
        diagnostics.report(
            Message.SPIDER_NAME_DUPLICATE,
            type,
            m,
            Diagnostics.value(m, "name"),
            model.name(),
            previous);
        return;
      }
      SpiderRenderer renderer = new SpiderRenderer(model, type, generatedAvailable());
      Filer filer = processingEnv.getFiler();
      renderer.definition().writeTo(filer);
      renderer.requests().writeTo(filer);
      definitions.put(
          renderer.definitionName().reflectionName(), type.getQualifiedName().toString());
    } catch (SpiderReader.Unresolved e) {
      if (lastRound) {
        diagnostics.report(Message.TYPE_UNRESOLVED, type, type.getQualifiedName(), e.typeName());
      } else {
        deferred.put(type.getQualifiedName().toString(), e.typeName());
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.report(Message.INTERNAL_ERROR, type, type.getQualifiedName(), e, stackTrace(e));
    }
  }

  /** Callback and argument annotations are only read on a {@code @Spider} class's own members. */
  private void checkOutsideSpiders(RoundEnvironment round) {
    for (Class<? extends java.lang.annotation.Annotation> a :
        List.of(Parse.class, OnError.class, FormRequest.class, SpiderArg.class)) {
      for (Element e : round.getElementsAnnotatedWith(a)) {
        Element owner = e.getEnclosingElement();
        if (owner.getAnnotation(Spider.class) == null) {
          String what =
              e.getKind().isField() ? "field " + e.getSimpleName() : e.getSimpleName() + "()";
          diagnostics.report(
              Message.OUTSIDE_SPIDER,
              e,
              Diagnostics.mirror(e, a),
              a.getSimpleName(),
              what,
              owner.getSimpleName());
        }
      }
    }
  }

  /**
   * One services file for every spider of the compilation: why this processor aggregates. An
   * existing file in the class output (a hand-written {@code src/main/resources} file the build
   * copied there, or an earlier compilation's) is merged, not overwritten: its entries are kept and
   * the new ones added, each once, sorted.
   */
  private void writeServicesFile() {
    if (definitions.isEmpty()) {
      return;
    }
    List<Element> origins = new ArrayList<>();
    for (String spider : definitions.values()) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(spider);
      if (type != null) {
        origins.add(type);
      }
    }
    String path = "META-INF/services/" + SERVICES;
    try {
      Set<String> entries = new TreeSet<>(existingEntries(path));
      entries.addAll(definitions.keySet());
      FileObject file =
          processingEnv
              .getFiler()
              .createResource(
                  StandardLocation.CLASS_OUTPUT, "", path, origins.toArray(new Element[0]));
      try (Writer w =
          new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        for (String definition : entries) {
          w.write(definition);
          w.write('\n');
        }
      }
    } catch (IOException | RuntimeException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              Message.INTERNAL_ERROR.format("writing " + path, e, stackTrace(e)));
    }
  }

  /**
   * The class names an existing services file in the class output lists, as ServiceLoader reads
   * them: one per line, {@code #} starts a comment, blanks ignored. None when there is no file.
   */
  private List<String> existingEntries(String path) throws IOException {
    String text;
    try {
      FileObject existing =
          processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", path);
      text = existing.getCharContent(true).toString();
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (String line : text.split("\\R")) {
      int comment = line.indexOf('#');
      String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** javax.annotation.processing.Generated exists from Java 9 on, unless compiling for 8. */
  private boolean generatedAvailable() {
    return processingEnv.getSourceVersion().compareTo(SourceVersion.RELEASE_8) > 0
        && processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated")
            != null;
  }

  private static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
