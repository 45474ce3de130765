package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.mirror;
import static io.streamspider.processor.internal.Diagnostics.value;

import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.runtime.Failure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Checks the callback methods of one spider: which annotations go together, modifiers, ids, error
 * handlers and what a callback returns. Use one instance per spider (it remembers the ids and
 * handlers it has seen).
 */
final class CallbackValidator {
  /** What a method is to the dispatch table. */
  enum Role {
    PARSE,
    ON_ERROR
  }

  private static final Set<String> NOT_ITEMS =
      Set.of(
          "java.lang.String",
          "java.lang.CharSequence",
          "java.lang.Character",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.lang.Void");

  private final TypeSupport typeSupport;
  private final Diagnostics diagnostics;
  private final Map<String, ExecutableElement> byId = new LinkedHashMap<>();
  private final Map<String, ExecutableElement> handlers = new LinkedHashMap<>();

  CallbackValidator(TypeSupport typeSupport, Diagnostics diagnostics) {
    this.typeSupport = typeSupport;
    this.diagnostics = diagnostics;
  }

  /**
   * The method's role, or null when it has none or its annotations and modifiers are wrong
   * (reported).
   */
  Role role(ExecutableElement method) {
    boolean parse = method.getAnnotation(Parse.class) != null;
    boolean onError = method.getAnnotation(OnError.class) != null;
    if (method.getAnnotation(FormRequest.class) != null && !parse) {
      diagnostics.report(
          Message.FORM_WITHOUT_PARSE,
          method,
          mirror(method, FormRequest.class),
          method.getSimpleName());
    }
    if (parse && onError) {
      diagnostics.report(
          Message.PARSE_AND_ON_ERROR,
          method,
          mirror(method, OnError.class),
          method.getSimpleName());
      return null;
    }
    if (!parse) {
      ContractReader.reportOutsideParse(diagnostics, method);
    }
    if (!parse && !onError) {
      return null;
    }
    Class<?> annotation = parse ? Parse.class : OnError.class;
    if (!checkModifiers(method, parse ? "@Parse" : "@OnError", mirror(method, annotation))) {
      return null;
    }
    return parse ? Role.PARSE : Role.ON_ERROR;
  }

  private boolean checkModifiers(ExecutableElement method, String what, AnnotationMirror m) {
    boolean ok = true;
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      diagnostics.report(Message.CALLBACK_NOT_PUBLIC, method, m, method.getSimpleName(), what);
      ok = false;
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.report(Message.CALLBACK_STATIC, method, m, method.getSimpleName(), what);
      ok = false;
    }
    return ok;
  }

  /** Whether the {@code @Parse} id of {@code method} is not empty and not taken; reports. */
  boolean checkId(ExecutableElement method) {
    AnnotationMirror parseMirror = mirror(method, Parse.class);
    String id = method.getAnnotation(Parse.class).value();
    if (id.isEmpty()) {
      diagnostics.report(
          Message.CALLBACK_ID_EMPTY, method, parseMirror, value(parseMirror, "value"));
      return false;
    }
    ExecutableElement previous = byId.putIfAbsent(id, method);
    if (previous != null) {
      diagnostics.report(
          Message.CALLBACK_ID_DUPLICATE,
          method,
          parseMirror,
          value(parseMirror, "value"),
          id,
          previous.getSimpleName());
      return false;
    }
    return true;
  }

  /**
   * Whether the {@code @OnError} {@code method} names a callback checked by {@link #checkId} and is
   * its only handler; reports.
   */
  boolean checkHandlerTarget(ExecutableElement method) {
    AnnotationMirror m = mirror(method, OnError.class);
    String id = method.getAnnotation(OnError.class).value();
    if (!byId.containsKey(id)) {
      diagnostics.report(
          Message.ON_ERROR_UNKNOWN_ID,
          method,
          m,
          value(m, "value"),
          id,
          byId.isEmpty() ? "it has none" : String.join(", ", byId.keySet()));
      return false;
    }
    ExecutableElement previous = handlers.putIfAbsent(id, method);
    if (previous != null) {
      diagnostics.report(
          Message.ON_ERROR_DUPLICATE, method, m, value(m, "value"), id, previous.getSimpleName());
      return false;
    }
    return true;
  }

  /** Whether an error handler takes at most one {@code Failure} and returns what it may. */
  boolean checkErrorHandler(ExecutableElement method) {
    int errorsBefore = diagnostics.errors();
    boolean takesFailure = false;
    for (VariableElement p : method.getParameters()) {
      if (typeSupport.is(p.asType(), Failure.class)
          && !takesFailure
          && mirror(p, Selector.class) == null) {
        takesFailure = true;
      } else {
        diagnostics.report(
            Message.ON_ERROR_PARAMETER_UNSUPPORTED,
            p,
            p.getSimpleName(),
            method.getSimpleName(),
            p.asType());
      }
    }
    checkReturn(method);
    return diagnostics.errors() == errorsBefore;
  }

  /** Reports a {@code Failure} parameter of a {@code @Parse} method. */
  void reportFailureParameter(VariableElement p, ExecutableElement method, String id) {
    diagnostics.report(
        Message.FAILURE_OUTSIDE_ON_ERROR, p, p.getSimpleName(), method.getSimpleName(), id);
  }

  /**
   * Reports a callback that mixes what one protocol message cannot carry: a form with selectors, or
   * the raw body ({@code body}, null if none) with selector values.
   */
  void checkShape(
      ExecutableElement method,
      AnnotationMirror formMirror,
      boolean hasSelectors,
      VariableElement body) {
    if (formMirror != null && hasSelectors) {
      diagnostics.report(Message.FORM_AND_SELECTOR, method, formMirror, method.getSimpleName());
    }
    if (body != null && hasSelectors) {
      diagnostics.report(
          Message.BODY_ON_SELECTOR_CALLBACK, body, body.getSimpleName(), method.getSimpleName());
    }
  }

  /** Reports a return type the runtime cannot turn into items and requests. */
  void checkReturn(ExecutableElement method) {
    TypeMirror type = method.getReturnType();
    String problem = returnProblem(type);
    if (problem != null) {
      diagnostics.report(Message.RETURN_UNSUPPORTED, method, method.getSimpleName(), type, problem);
    }
  }

  /**
   * Why a callback may not return {@code type}, or null. The runtime flattens what a callback
   * returns: Requests are sent, Iterables, Streams, arrays and Optionals are walked (nested ones
   * too), and anything else is an item, serialised as a JSON object.
   */
  private String returnProblem(TypeMirror type) {
    switch (type.getKind()) {
      case VOID:
        return null;
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE:
        return "a primitive value, which is not an item";
      case ARRAY:
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind().isPrimitive()) {
          return "an array of primitive values, which are not items";
        }
        return returnProblem(component);
      case TYPEVAR:
        return returnProblem(((TypeVariable) type).getUpperBound());
      case WILDCARD:
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? null : returnProblem(bound);
      case DECLARED:
        break;
      default:
        return "a type that is not supported";
    }
    TypeElement element = (TypeElement) typeSupport.types().asElement(type);
    String name = element.getQualifiedName().toString();
    if (NOT_ITEMS.contains(name)) {
      return "a plain value, not an item (an item is a record, a class or a Map)";
    }
    if (element.getKind() == ElementKind.ENUM) {
      return "an enum constant, not an item (an item is a record, a class or a Map)";
    }
    if (name.startsWith("java.util.Optional") && !name.equals("java.util.Optional")) {
      return "a primitive value, which is not an item";
    }
    if (isSubtypeOfErasure(type, "java.util.concurrent.Future")
        || isSubtypeOfErasure(type, "java.util.concurrent.CompletionStage")) {
      return "which the runtime does not wait for: return the result itself (callbacks run one"
          + " at a time)";
    }
    if (isSubtypeOfErasure(type, "java.util.Iterator")
        || isSubtypeOfErasure(type, "java.util.Spliterator")
        || isSubtypeOfErasure(type, "java.util.Enumeration")) {
      return "which the runtime does not read: return an Iterable or a Stream";
    }
    if (isSubtypeOfErasure(type, "java.lang.Iterable")
        || isSubtypeOfErasure(type, "java.util.stream.BaseStream")
        || name.equals("java.util.Optional")) {
      if (isSubtypeOfErasure(type, "java.util.stream.IntStream")
          || isSubtypeOfErasure(type, "java.util.stream.LongStream")
          || isSubtypeOfErasure(type, "java.util.stream.DoubleStream")) {
        return "a stream of primitive values, which are not items";
      }
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      return arguments.size() == 1 ? returnProblem(arguments.get(0)) : null;
    }
    return null;
  }

  private boolean isSubtypeOfErasure(TypeMirror type, String qualifiedName) {
    return typeSupport.isSubtypeOfErasure(type, qualifiedName);
  }
}
