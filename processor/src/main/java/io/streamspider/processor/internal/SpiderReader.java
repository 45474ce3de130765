package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.mirror;

import com.palantir.javapoet.ClassName;
import io.streamspider.annotations.Field;
import io.streamspider.annotations.FormRequest;
import io.streamspider.annotations.OnError;
import io.streamspider.annotations.Parse;
import io.streamspider.annotations.Selector;
import io.streamspider.annotations.Setting;
import io.streamspider.annotations.Spider;
import io.streamspider.annotations.SpiderArg;
import io.streamspider.processor.internal.SpiderModel.Argument;
import io.streamspider.processor.internal.SpiderModel.BodyParameter;
import io.streamspider.processor.internal.SpiderModel.CallbackModel;
import io.streamspider.processor.internal.SpiderModel.ErrorHandler;
import io.streamspider.processor.internal.SpiderModel.FormModel;
import io.streamspider.processor.internal.SpiderModel.ItemComponent;
import io.streamspider.processor.internal.SpiderModel.ItemParameter;
import io.streamspider.processor.internal.SpiderModel.NameValue;
import io.streamspider.processor.internal.SpiderModel.Parameter;
import io.streamspider.processor.internal.SpiderModel.ResponseParameter;
import io.streamspider.processor.internal.SpiderModel.SelectorField;
import io.streamspider.processor.internal.SpiderModel.ValueParameter;
import io.streamspider.processor.internal.SpiderModel.ValueType;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.ContractSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Spider} class into a {@link SpiderModel}. The checks are the validators' ({@link
 * SpiderValidator}, {@link ArgumentValidator}, {@link CallbackValidator}, {@link
 * SelectorValidator}, {@link ItemValidator}, {@link FormValidator}), which report every mistake on
 * the element or annotation value that causes it; this class walks the spider in source order, asks
 * them, and builds the model from what passed.
 */
public final class SpiderReader {
  /** A type the spider uses does not exist (yet): try again in the next round. */
  public static final class Unresolved extends Exception {
    private static final long serialVersionUID = 1L;
    private final String typeName;

    Unresolved(String typeName) {
      super(typeName, null, false, false);
      this.typeName = typeName;
    }

    public String typeName() {
      return typeName;
    }
  }

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final TypeSupport typeSupport;
  private final SpiderValidator spiderValidator;
  private final SelectorValidator selectorValidator;
  private final ItemValidator itemValidator;
  private final FormValidator formValidator;

  public SpiderReader(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.typeSupport = new TypeSupport(elements, types);
    this.spiderValidator = new SpiderValidator(typeSupport, diagnostics);
    this.selectorValidator = new SelectorValidator(typeSupport, diagnostics);
    this.itemValidator = new ItemValidator(diagnostics);
    this.formValidator = new FormValidator(diagnostics);
  }

  /** Whether {@code @Spider} may be on {@code type}; reports why not. */
  public boolean checkKind(TypeElement type) {
    return spiderValidator.checkKind(type);
  }

  /**
   * The spider's model, or null when an error was reported.
   *
   * @throws Unresolved when a type the spider uses is not resolvable (yet)
   */
  public SpiderModel read(TypeElement type) throws Unresolved {
    requireResolved(type);
    int errorsBefore = diagnostics.errors();
    AnnotationMirror spiderMirror = mirror(type, Spider.class);
    Spider spider = type.getAnnotation(Spider.class);

    spiderValidator.checkDeclaration(type, spider, spiderMirror);
    List<SpiderModel.Setting> settings = new ArrayList<>();
    for (Setting s : spider.customSettings()) {
      settings.add(new SpiderModel.Setting(s.name(), settingValue(s.value())));
    }
    spiderValidator.checkConstructor(type, spiderMirror);
    boolean argumentsConstructor =
        !type.getModifiers().contains(Modifier.ABSTRACT)
            && spiderValidator.hasConstructor(type, true);
    List<Argument> arguments = readArguments(type);
    List<CallbackModel> callbacks = readCallbacks(type);
    if (callbacks != null) {
      Set<String> ids = new HashSet<>();
      callbacks.forEach(c -> ids.add(c.id()));
      spiderValidator.checkStartCallback(type, spiderMirror, spider, ids);
    }
    if (diagnostics.errors() != errorsBefore || callbacks == null) {
      return null;
    }
    return new SpiderModel(
        ClassName.get(type),
        spider.name(),
        List.of(spider.startUrls()),
        List.of(spider.allowedDomains()),
        settings,
        argumentsConstructor,
        arguments,
        callbacks);
  }

  private List<Argument> readArguments(TypeElement type) {
    ArgumentValidator validator = new ArgumentValidator(typeSupport, diagnostics);
    List<Argument> arguments = new ArrayList<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      SpiderArg arg = field.getAnnotation(SpiderArg.class);
      if (arg != null && validator.check(field)) {
        arguments.add(
            new Argument(
                ArgumentValidator.argumentName(field),
                field.getSimpleName().toString(),
                typeSupport.argumentType(field.asType()),
                arg.required()));
      }
    }
    return arguments;
  }

  /** Callbacks with their error handlers; null when something is wrong. */
  private List<CallbackModel> readCallbacks(TypeElement type) {
    int errorsBefore = diagnostics.errors();
    CallbackValidator validator = new CallbackValidator(typeSupport, diagnostics);
    Map<String, CallbackModel> callbacks = new LinkedHashMap<>();
    List<ExecutableElement> errorMethods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      CallbackValidator.Role role = validator.role(method);
      if (role == CallbackValidator.Role.ON_ERROR) {
        errorMethods.add(method);
      } else if (role == CallbackValidator.Role.PARSE && validator.checkId(method)) {
        String id = method.getAnnotation(Parse.class).value();
        CallbackModel callback = readCallback(type, method, id, validator);
        if (callback != null) {
          callbacks.put(id, callback);
        }
      }
    }
    for (ExecutableElement method : errorMethods) {
      if (!validator.checkHandlerTarget(method)) {
        continue;
      }
      String id = method.getAnnotation(OnError.class).value();
      ErrorHandler handler = validator.checkErrorHandler(method) ? errorHandler(method) : null;
      CallbackModel callback = callbacks.get(id);
      if (handler != null && callback != null) {
        callbacks.put(id, callback.withErrorHandler(handler));
      }
    }
    return diagnostics.errors() == errorsBefore ? new ArrayList<>(callbacks.values()) : null;
  }

  private CallbackModel readCallback(
      TypeElement spider, ExecutableElement method, String id, CallbackValidator validator) {
    int errorsBefore = diagnostics.errors();
    String methodName = method.getSimpleName().toString();
    List<Parameter> parameters = new ArrayList<>();
    List<SelectorField> selectors = new ArrayList<>();
    boolean hasSelectors = false;
    VariableElement body = null;
    for (VariableElement p : method.getParameters()) {
      String name = p.getSimpleName().toString();
      TypeMirror type = p.asType();
      AnnotationMirror selectorMirror = mirror(p, Selector.class);
      if (selectorMirror != null) {
        hasSelectors = true;
        SelectorField field = readSelector(p, selectorMirror, name);
        ValueType valueType = selectorValidator.valueType(p, null, name, type);
        if (valueType != null && field != null) {
          selectors.add(field);
          parameters.add(new ValueParameter(name, valueType));
        }
      } else if (typeSupport.is(type, Response.class)) {
        parameters.add(new ResponseParameter());
      } else if (TypeSupport.isBytes(type)) {
        parameters.add(new BodyParameter());
        body = p;
      } else if (typeSupport.is(type, Failure.class)) {
        validator.reportFailureParameter(p, method, id);
      } else {
        ItemParameter item = readItem(spider, method, p, selectors);
        if (item != null) {
          hasSelectors = true;
          parameters.add(item);
        }
      }
    }
    AnnotationMirror formMirror = mirror(method, FormRequest.class);
    FormModel form = null;
    if (formMirror != null) {
      formValidator.check(method, formMirror);
      form = formModel(method.getAnnotation(FormRequest.class));
    }
    validator.checkShape(method, formMirror, hasSelectors, body);
    validator.checkReturn(method);
    List<ContractSpec> contracts = new ContractReader(elements, types, diagnostics).read(method);
    if (diagnostics.errors() != errorsBefore) {
      return null;
    }
    Callback.Kind kind =
        hasSelectors
            ? Callback.Kind.SELECTOR
            : form != null ? Callback.Kind.FORM : Callback.Kind.PLAIN;
    return new CallbackModel(
        id,
        methodName,
        kind,
        body != null,
        selectors,
        form,
        parameters,
        method.getReturnType().getKind() == TypeKind.VOID,
        null,
        contracts);
  }

  /** The handler of a checked {@code @OnError} method. */
  private ErrorHandler errorHandler(ExecutableElement method) {
    boolean takesFailure =
        method.getParameters().stream().anyMatch(p -> typeSupport.is(p.asType(), Failure.class));
    return new ErrorHandler(
        method.getSimpleName().toString(),
        takesFailure,
        method.getReturnType().getKind() == TypeKind.VOID);
  }

  /** The selector of one field; null (and reported) when it is not valid. */
  private SelectorField readSelector(Element element, AnnotationMirror m, String field) {
    if (!selectorValidator.check(element, m)) {
      return null;
    }
    Selector selector = element.getAnnotation(Selector.class);
    return selector.css().isEmpty()
        ? new SelectorField(field, SelectorSpec.Type.XPATH, selector.xpath())
        : new SelectorField(field, SelectorSpec.Type.CSS, selector.css());
  }

  /** An item parameter; null (and reported) when {@code p} is none. */
  private ItemParameter readItem(
      TypeElement spider,
      ExecutableElement method,
      VariableElement p,
      List<SelectorField> selectors) {
    String name = p.getSimpleName().toString();
    TypeMirror type = p.asType();
    TypeElement item =
        type.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(type) : null;
    List<? extends Element> annotated =
        item == null
            ? List.of()
            : item.getKind() == ElementKind.RECORD
                ? item.getRecordComponents()
                : ElementFilter.fieldsIn(item.getEnclosedElements()).stream()
                    .filter(f -> mirror(f, Selector.class) != null)
                    .toList();
    boolean hasSelectors = annotated.stream().anyMatch(e -> mirror(e, Selector.class) != null);
    if (!itemValidator.checkItem(spider, method, p, item, hasSelectors)) {
      return null;
    }
    int errorsBefore = diagnostics.errors();
    boolean record = item.getKind() == ElementKind.RECORD;
    List<ItemComponent> components = new ArrayList<>();
    for (Element annotatedElement : annotated) {
      Element e = sourceElement(item, annotatedElement);
      String component = e.getSimpleName().toString();
      AnnotationMirror m = mirror(e, Selector.class);
      if (!itemValidator.checkComponent(spider, item, e, m)) {
        continue;
      }
      String field = name + "." + component;
      SelectorField selector = readSelector(e, m, field);
      ValueType valueType = selectorValidator.valueType(e, m, field, e.asType());
      if (valueType != null && selector != null) {
        selectors.add(selector);
        components.add(new ItemComponent(component, field, valueType));
      }
    }
    if (diagnostics.errors() != errorsBefore) {
      return null;
    }
    return new ItemParameter(name, ClassName.get(item), record, components);
  }

  /**
   * A record component's field, which carries the component's annotations and, unlike the
   * component, a source position javac can point at.
   */
  private static Element sourceElement(TypeElement item, Element e) {
    if (e instanceof RecordComponentElement) {
      for (VariableElement f : ElementFilter.fieldsIn(item.getEnclosedElements())) {
        if (f.getSimpleName().contentEquals(e.getSimpleName())) {
          return f;
        }
      }
    }
    return e;
  }

  private static FormModel formModel(FormRequest form) {
    return new FormModel(
        form.formName().isEmpty() ? null : form.formName(),
        form.formXpath().isEmpty() ? null : form.formXpath(),
        form.formCss().isEmpty() ? null : form.formCss(),
        form.formNumber() == -1 ? null : form.formNumber(),
        nameValues(form.formData()),
        nameValues(form.clickData()),
        form.dontClick());
  }

  private static List<NameValue> nameValues(Field[] fields) {
    List<NameValue> list = new ArrayList<>();
    for (Field f : fields) {
      list.add(new NameValue(f.name(), f.value()));
    }
    return list;
  }

  /** Throws when a type the processor reads from this spider is not resolvable. */
  private void requireResolved(TypeElement type) throws Unresolved {
    for (Element e : type.getEnclosedElements()) {
      if (e instanceof VariableElement field && field.getAnnotation(SpiderArg.class) != null) {
        requireResolved(field.asType(), 0);
      }
      if (e instanceof ExecutableElement method
          && (method.getAnnotation(Parse.class) != null
              || method.getAnnotation(OnError.class) != null)) {
        requireResolved(method.getReturnType(), 0);
        for (VariableElement p : method.getParameters()) {
          requireResolved(p.asType(), 0);
          if (p.asType().getKind() == TypeKind.DECLARED) {
            TypeElement item = (TypeElement) types.asElement(p.asType());
            for (Element member : item.getEnclosedElements()) {
              if (member.getKind() == ElementKind.FIELD
                  || member.getKind() == ElementKind.RECORD_COMPONENT) {
                requireResolved(member.asType(), 0);
              }
            }
          }
        }
      }
    }
  }

  private void requireResolved(TypeMirror type, int depth) throws Unresolved {
    if (depth > 8) {
      return;
    }
    switch (type.getKind()) {
      case ERROR -> throw new Unresolved(type.toString());
      case ARRAY -> requireResolved(((ArrayType) type).getComponentType(), depth + 1);
      case DECLARED -> {
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          requireResolved(argument, depth + 1);
        }
      }
      case WILDCARD -> {
        WildcardType w = (WildcardType) type;
        if (w.getExtendsBound() != null) {
          requireResolved(w.getExtendsBound(), depth + 1);
        }
        if (w.getSuperBound() != null) {
          requireResolved(w.getSuperBound(), depth + 1);
        }
      }
      default -> {}
    }
  }

  /** A setting's value as JSON: a number or boolean when it reads as one, else the string. */
  static Object settingValue(String s) {
    if (s.equals("true") || s.equals("false")) {
      return Boolean.valueOf(s);
    }
    if (s.matches("-?(0|[1-9][0-9]*)")) {
      BigInteger i = new BigInteger(s);
      if (i.bitLength() < 32) {
        return i.intValue();
      }
      if (i.bitLength() < 64) {
        return i.longValue();
      }
      return new BigDecimal(i);
    }
    if (s.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      BigDecimal exact = new BigDecimal(s);
      double d = exact.doubleValue();
      if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
        return d;
      }
      return exact;
    }
    return s;
  }
}
