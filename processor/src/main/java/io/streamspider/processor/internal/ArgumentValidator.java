package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.mirror;
import static io.streamspider.processor.internal.Diagnostics.value;

import io.streamspider.annotations.SpiderArg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Checks the {@code @SpiderArg} fields of one spider: fields the generated code can set, of a type
 * it can convert to, each argument name once. Use one instance per spider.
 */
final class ArgumentValidator {
  private final TypeSupport typeSupport;
  private final Diagnostics diagnostics;
  private final Map<String, String> fieldsByName = new LinkedHashMap<>();

  ArgumentValidator(TypeSupport typeSupport, Diagnostics diagnostics) {
    this.typeSupport = typeSupport;
    this.diagnostics = diagnostics;
  }

  /** The argument's name: the annotation's value, else the field's name. */
  static String argumentName(VariableElement field) {
    String value = field.getAnnotation(SpiderArg.class).value();
    return value.isEmpty() ? field.getSimpleName().toString() : value;
  }

  /** Whether {@code field} (annotated {@code @SpiderArg}) is a usable argument; reports why not. */
  boolean check(VariableElement field) {
    AnnotationMirror m = mirror(field, SpiderArg.class);
    String fieldName = field.getSimpleName().toString();
    boolean ok = true;
    for (Modifier bad : List.of(Modifier.PRIVATE, Modifier.FINAL, Modifier.STATIC)) {
      if (field.getModifiers().contains(bad)) {
        diagnostics.report(Message.SPIDER_ARG_FIELD_INVALID, field, m, fieldName, bad.toString());
        ok = false;
      }
    }
    if (typeSupport.argumentType(field.asType()) == null) {
      diagnostics.report(Message.SPIDER_ARG_TYPE_UNSUPPORTED, field, m, fieldName, field.asType());
      ok = false;
    }
    String name = argumentName(field);
    String previous = fieldsByName.putIfAbsent(name, fieldName);
    if (previous != null) {
      diagnostics.report(Message.SPIDER_ARG_DUPLICATE, field, m, value(m, "value"), name, previous);
      ok = false;
    }
    return ok;
  }
}
