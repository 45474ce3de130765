package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.TypeSupport.accessible;
import static io.streamspider.processor.internal.TypeSupport.packageOf;

import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks item parameters (a record or class whose components carry {@code @Selector}s): that the
 * generated code in the spider's package can create the item and fill each component. The selectors
 * themselves are {@link SelectorValidator}'s.
 */
final class ItemValidator {
  private final Diagnostics diagnostics;

  ItemValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Whether parameter {@code p} of {@code method} is an item ({@code item}, null when its type is
   * not a class, with {@code hasSelectors} components) that generated code in {@code spider}'s
   * package can create; reports why not.
   */
  boolean checkItem(
      TypeElement spider,
      ExecutableElement method,
      VariableElement p,
      TypeElement item,
      boolean hasSelectors) {
    if (item == null || !hasSelectors) {
      diagnostics.report(
          Message.PARAMETER_UNSUPPORTED, p, p.getSimpleName(), method.getSimpleName(), p.asType());
      return false;
    }
    String problem = constructibleProblem(spider, item);
    if (problem != null) {
      diagnostics.report(Message.ITEM_NOT_CONSTRUCTIBLE, p, item.getQualifiedName(), problem);
      return false;
    }
    return true;
  }

  /**
   * Whether component {@code e} of {@code item} has a {@code @Selector} ({@code m}, null if none)
   * and, in a class, is a field the generated code can write; reports why not.
   */
  boolean checkComponent(TypeElement spider, TypeElement item, Element e, AnnotationMirror m) {
    String component = e.getSimpleName().toString();
    if (m == null) {
      diagnostics.report(
          Message.ITEM_COMPONENT_WITHOUT_SELECTOR, e, component, item.getSimpleName());
      return false;
    }
    if (item.getKind() != ElementKind.RECORD) {
      String notWritable = fieldProblem(spider, item, (VariableElement) e);
      if (notWritable != null) {
        diagnostics.report(
            Message.ITEM_FIELD_NOT_WRITABLE, e, m, component, item.getSimpleName(), notWritable);
        return false;
      }
    }
    return true;
  }

  /** Why generated code in the spider's package cannot create {@code item}, or null. */
  private static String constructibleProblem(TypeElement spider, TypeElement item) {
    if (!item.getTypeParameters().isEmpty()) {
      return "it has type parameters";
    }
    if (item.getKind() != ElementKind.CLASS && item.getKind() != ElementKind.RECORD) {
      return "it is an " + item.getKind().toString().toLowerCase(Locale.ROOT);
    }
    if (item.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is abstract";
    }
    boolean samePackage = packageOf(item).equals(packageOf(spider));
    for (Element e = item; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!accessible(t.getModifiers(), samePackage)) {
        return (t == item ? "it" : "its enclosing " + t.getSimpleName()) + " is not public";
      }
      if (t.getNestingKind() == NestingKind.MEMBER
          && !t.getModifiers().contains(Modifier.STATIC)
          && t.getKind() == ElementKind.CLASS) {
        return "it is an inner (non-static) class";
      }
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        return "it is a local class";
      }
    }
    if (item.getKind() == ElementKind.RECORD) {
      return null;
    }
    for (ExecutableElement c : ElementFilter.constructorsIn(item.getEnclosedElements())) {
      if (c.getParameters().isEmpty() && accessible(c.getModifiers(), samePackage)) {
        return null;
      }
    }
    return "it has no accessible no-argument constructor";
  }

  private static String fieldProblem(TypeElement spider, TypeElement item, VariableElement f) {
    Set<Modifier> modifiers = f.getModifiers();
    if (modifiers.contains(Modifier.FINAL)) {
      return "final";
    }
    if (modifiers.contains(Modifier.STATIC)) {
      return "static";
    }
    boolean samePackage = packageOf(item).equals(packageOf(spider));
    if (!accessible(modifiers, samePackage)) {
      return samePackage ? "private" : "not public (the item is in another package)";
    }
    return null;
  }
}
