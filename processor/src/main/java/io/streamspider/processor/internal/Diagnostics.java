package io.streamspider.processor.internal;

import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reports {@link Message}s on the element, annotation and annotation value that caused them. */
public final class Diagnostics {
  private final Messager messager;
  private int errors;

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  /** How many errors were reported so far. */
  public int errors() {
    return errors;
  }

  public void report(Message message, Element element, Object... args) {
    errors++;
    messager.printMessage(message.kind(), message.format(args), element);
  }

  /** Reports on {@code annotation} as it is written on {@code element}. */
  public void report(
      Message message, Element element, AnnotationMirror annotation, Object... args) {
    if (annotation == null) {
      report(message, element, args);
      return;
    }
    errors++;
    messager.printMessage(message.kind(), message.format(args), element, annotation);
  }

  /** Reports on one value of {@code annotation}, so that the error points at that value. */
  public void report(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    if (annotation == null || value == null) {
      report(message, element, annotation, args);
      return;
    }
    errors++;
    messager.printMessage(message.kind(), message.format(args), element, annotation, value);
  }

  /** The mirror of the annotation {@code type} on {@code element}, or null. */
  public static AnnotationMirror mirror(Element element, Class<?> type) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      TypeElement t = (TypeElement) m.getAnnotationType().asElement();
      if (t.getQualifiedName().contentEquals(type.getCanonicalName())) {
        return m;
      }
    }
    return null;
  }

  /** The value of {@code name} as written in {@code annotation}, or null if left at default. */
  public static AnnotationValue value(AnnotationMirror annotation, String name) {
    if (annotation == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Element {@code index} of an array value (or the value itself when written without braces). */
  public static AnnotationValue element(AnnotationValue array, int index) {
    if (array != null && array.getValue() instanceof List<?> list && index < list.size()) {
      return (AnnotationValue) list.get(index);
    }
    return array;
  }
}
