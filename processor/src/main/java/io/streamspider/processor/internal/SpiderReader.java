package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.element;
import static io.streamspider.processor.internal.Diagnostics.mirror;
import static io.streamspider.processor.internal.Diagnostics.value;

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
import io.streamspider.runtime.Callback;
import io.streamspider.runtime.ContractSpec;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SelectorSpec;
import io.streamspider.runtime.SpiderArguments;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Spider} class into a {@link SpiderModel}, reporting every mistake on the
 * element or annotation value that causes it.
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

  private static final Set<String> NOT_ITEMS =
      Set.of(
          "java.lang.String", "java.lang.CharSequence", "java.lang.Character",
          "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Integer",
          "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
          "java.math.BigDecimal", "java.math.BigInteger", "java.lang.Void");

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;

  public SpiderReader(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
  }

  /** Whether {@code @Spider} may be on {@code type}; reports why not. */
  public boolean checkKind(TypeElement type) {
    if (type.getKind() == ElementKind.CLASS && type.getNestingKind() == NestingKind.TOP_LEVEL) {
      return true;
    }
    String what;
    if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
      what = "nested in " + type.getEnclosingElement().getSimpleName();
    } else {
      what =
          switch (type.getKind()) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case RECORD -> "a record";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + type.getKind().toString().toLowerCase(Locale.ROOT);
          };
    }
    diagnostics.report(
        Message.SPIDER_NOT_TOP_LEVEL_CLASS,
        type,
        mirror(type, Spider.class),
        type.getSimpleName(),
        what);
    return false;
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

    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.report(Message.SPIDER_GENERIC, type, spiderMirror, type.getSimpleName());
    }
    if (spider.name().isBlank()) {
      diagnostics.report(
          Message.SPIDER_NAME_EMPTY, type, spiderMirror, value(spiderMirror, "name"));
    }
    String[] startUrls = spider.startUrls();
    for (int i = 0; i < startUrls.length; i++) {
      String problem = urlProblem(startUrls[i]);
      if (problem != null) {
        diagnostics.report(
            Message.START_URL_MALFORMED,
            type,
            spiderMirror,
            element(value(spiderMirror, "startUrls"), i),
            startUrls[i],
            problem);
      }
    }
    List<SpiderModel.Setting> settings = new ArrayList<>();
    Set<String> settingNames = new HashSet<>();
    Setting[] customSettings = spider.customSettings();
    for (int i = 0; i < customSettings.length; i++) {
      Setting s = customSettings[i];
      if (!settingNames.add(s.name())) {
        diagnostics.report(
            Message.DUPLICATE_NAME,
            type,
            spiderMirror,
            element(value(spiderMirror, "customSettings"), i),
            "setting",
            s.name());
      }
      settings.add(new SpiderModel.Setting(s.name(), settingValue(s.value())));
    }

    boolean argumentsConstructor = readConstructor(type, spiderMirror);
    List<Argument> arguments = readArguments(type);
    List<CallbackModel> callbacks = readCallbacks(type);
    if (startUrls.length > 0
        && callbacks != null
        && callbacks.stream().noneMatch(c -> c.id().equals("parse"))) {
      diagnostics.report(
          Message.NO_START_CALLBACK,
          type,
          spiderMirror,
          value(spiderMirror, "startUrls"),
          type.getSimpleName());
    }
    if (diagnostics.errors() != errorsBefore || callbacks == null) {
      return null;
    }
    return new SpiderModel(
        ClassName.get(type),
        spider.name(),
        List.of(startUrls),
        List.of(spider.allowedDomains()),
        settings,
        argumentsConstructor,
        arguments,
        callbacks);
  }

  /** Whether the spider is created with its arguments; reports when it cannot be created. */
  private boolean readConstructor(TypeElement type, AnnotationMirror spiderMirror) {
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.report(
          Message.NO_USABLE_CONSTRUCTOR,
          type,
          spiderMirror,
          type.getSimpleName(),
          "it is abstract");
      return false;
    }
    boolean noArguments = false;
    boolean withArguments = false;
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      List<? extends VariableElement> params = c.getParameters();
      if (params.isEmpty()) {
        noArguments = true;
      } else if (params.size() == 1 && is(params.get(0).asType(), SpiderArguments.class)) {
        withArguments = true;
      }
    }
    if (!noArguments && !withArguments) {
      diagnostics.report(
          Message.NO_USABLE_CONSTRUCTOR,
          type,
          spiderMirror,
          type.getSimpleName(),
          "every constructor is private or takes parameters other than SpiderArguments");
    }
    return withArguments;
  }

  private List<Argument> readArguments(TypeElement type) {
    List<Argument> arguments = new ArrayList<>();
    Map<String, String> fieldsByName = new LinkedHashMap<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      SpiderArg arg = field.getAnnotation(SpiderArg.class);
      if (arg == null) {
        continue;
      }
      AnnotationMirror m = mirror(field, SpiderArg.class);
      String fieldName = field.getSimpleName().toString();
      boolean ok = true;
      for (Modifier bad : List.of(Modifier.PRIVATE, Modifier.FINAL, Modifier.STATIC)) {
        if (field.getModifiers().contains(bad)) {
          diagnostics.report(
              Message.SPIDER_ARG_FIELD_INVALID, field, m, fieldName, bad.toString());
          ok = false;
        }
      }
      ValueType valueType = argumentType(field.asType());
      if (valueType == null) {
        diagnostics.report(
            Message.SPIDER_ARG_TYPE_UNSUPPORTED, field, m, fieldName, field.asType());
        ok = false;
      }
      String name = arg.value().isEmpty() ? fieldName : arg.value();
      String previous = fieldsByName.putIfAbsent(name, fieldName);
      if (previous != null) {
        diagnostics.report(
            Message.SPIDER_ARG_DUPLICATE, field, m, value(m, "value"), name, previous);
        ok = false;
      }
      if (ok) {
        arguments.add(new Argument(name, fieldName, valueType, arg.required()));
      }
    }
    return arguments;
  }

  /** Callbacks with their error handlers; null when something is wrong. */
  private List<CallbackModel> readCallbacks(TypeElement type) {
    int errorsBefore = diagnostics.errors();
    Map<String, ExecutableElement> byId = new LinkedHashMap<>();
    Map<String, CallbackModel> callbacks = new LinkedHashMap<>();
    List<ExecutableElement> errorMethods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
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
        continue;
      }
      if (!parse) {
        ContractReader.reportOutsideParse(diagnostics, method);
      }
      if (!parse && !onError) {
        continue;
      }
      Class<?> annotation = parse ? Parse.class : OnError.class;
      if (!checkModifiers(method, parse ? "@Parse" : "@OnError", mirror(method, annotation))) {
        continue;
      }
      if (onError) {
        errorMethods.add(method);
        continue;
      }
      AnnotationMirror parseMirror = mirror(method, Parse.class);
      String id = method.getAnnotation(Parse.class).value();
      if (id.isEmpty()) {
        diagnostics.report(
            Message.CALLBACK_ID_EMPTY, method, parseMirror, value(parseMirror, "value"));
        continue;
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
        continue;
      }
      CallbackModel callback = readCallback(type, method, id);
      if (callback != null) {
        callbacks.put(id, callback);
      }
    }

    Map<String, ExecutableElement> handlers = new LinkedHashMap<>();
    for (ExecutableElement method : errorMethods) {
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
        continue;
      }
      ExecutableElement previous = handlers.putIfAbsent(id, method);
      if (previous != null) {
        diagnostics.report(
            Message.ON_ERROR_DUPLICATE, method, m, value(m, "value"), id, previous.getSimpleName());
        continue;
      }
      ErrorHandler handler = readErrorHandler(method);
      CallbackModel callback = callbacks.get(id);
      if (handler != null && callback != null) {
        callbacks.put(id, callback.withErrorHandler(handler));
      }
    }
    return diagnostics.errors() == errorsBefore ? new ArrayList<>(callbacks.values()) : null;
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

  private CallbackModel readCallback(TypeElement spider, ExecutableElement method, String id) {
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
        ValueType valueType = valueType(type);
        if (valueType == null) {
          diagnostics.report(Message.SELECTOR_TYPE_UNSUPPORTED, p, name, type);
        } else if (field != null) {
          selectors.add(field);
          parameters.add(new ValueParameter(name, valueType));
        }
      } else if (is(type, Response.class)) {
        parameters.add(new ResponseParameter());
      } else if (isBytes(type)) {
        parameters.add(new BodyParameter());
        body = p;
      } else if (is(type, Failure.class)) {
        diagnostics.report(Message.FAILURE_OUTSIDE_ON_ERROR, p, name, methodName, id);
      } else {
        ItemParameter item = readItem(spider, method, p, selectors);
        if (item != null) {
          hasSelectors = true;
          parameters.add(item);
        }
      }
    }
    AnnotationMirror formMirror = mirror(method, FormRequest.class);
    FormModel form = formMirror == null ? null : readForm(method, formMirror);
    if (formMirror != null && hasSelectors) {
      diagnostics.report(Message.FORM_AND_SELECTOR, method, formMirror, methodName);
    }
    if (body != null && hasSelectors) {
      diagnostics.report(
          Message.BODY_ON_SELECTOR_CALLBACK, body, body.getSimpleName(), methodName);
    }
    checkReturn(method);
    List<ContractSpec> contracts =
        new ContractReader(elements, types, diagnostics).read(method);
    if (diagnostics.errors() != errorsBefore) {
      return null;
    }
    Callback.Kind kind =
        hasSelectors ? Callback.Kind.SELECTOR : form != null ? Callback.Kind.FORM
            : Callback.Kind.PLAIN;
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

  private ErrorHandler readErrorHandler(ExecutableElement method) {
    int errorsBefore = diagnostics.errors();
    boolean takesFailure = false;
    for (VariableElement p : method.getParameters()) {
      if (is(p.asType(), Failure.class) && !takesFailure && mirror(p, Selector.class) == null) {
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
    if (diagnostics.errors() != errorsBefore) {
      return null;
    }
    return new ErrorHandler(
        method.getSimpleName().toString(),
        takesFailure,
        method.getReturnType().getKind() == TypeKind.VOID);
  }

  /** The selector of one field; null (and reported) when it is not valid. */
  private SelectorField readSelector(Element element, AnnotationMirror m, String field) {
    Selector selector = element.getAnnotation(Selector.class);
    boolean css = !selector.css().isEmpty();
    boolean xpath = !selector.xpath().isEmpty();
    if (css && xpath) {
      diagnostics.report(Message.SELECTOR_BOTH, element, m);
      return null;
    }
    if (!css && !xpath) {
      diagnostics.report(Message.SELECTOR_NEITHER, element, m);
      return null;
    }
    if (css) {
      String problem = CssCheck.check(selector.css());
      if (problem != null) {
        diagnostics.report(
            Message.CSS_INVALID, element, m, value(m, "css"), selector.css(), problem);
        return null;
      }
      return new SelectorField(field, SelectorSpec.Type.CSS, selector.css());
    }
    String problem = XPathCheck.check(selector.xpath());
    if (problem != null) {
      diagnostics.report(
          Message.XPATH_INVALID, element, m, value(m, "xpath"), selector.xpath(), problem);
      return null;
    }
    return new SelectorField(field, SelectorSpec.Type.XPATH, selector.xpath());
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
    if (item == null
        || annotated.stream().noneMatch(e -> mirror(e, Selector.class) != null)) {
      diagnostics.report(
          Message.PARAMETER_UNSUPPORTED, p, name, method.getSimpleName(), type);
      return null;
    }
    int errorsBefore = diagnostics.errors();
    String problem = constructibleProblem(spider, item);
    if (problem != null) {
      diagnostics.report(Message.ITEM_NOT_CONSTRUCTIBLE, p, item.getQualifiedName(), problem);
      return null;
    }
    boolean record = item.getKind() == ElementKind.RECORD;
    List<ItemComponent> components = new ArrayList<>();
    for (Element annotatedElement : annotated) {
      Element e = sourceElement(item, annotatedElement);
      String component = e.getSimpleName().toString();
      AnnotationMirror m = mirror(e, Selector.class);
      if (m == null) {
        diagnostics.report(
            Message.ITEM_COMPONENT_WITHOUT_SELECTOR, e, component, item.getSimpleName());
        continue;
      }
      if (!record) {
        String notWritable = fieldProblem(spider, item, (VariableElement) e);
        if (notWritable != null) {
          diagnostics.report(
              Message.ITEM_FIELD_NOT_WRITABLE, e, m, component, item.getSimpleName(),
              notWritable);
          continue;
        }
      }
      String field = name + "." + component;
      SelectorField selector = readSelector(e, m, field);
      TypeMirror componentType = e.asType();
      ValueType valueType = valueType(componentType);
      if (valueType == null) {
        diagnostics.report(Message.SELECTOR_TYPE_UNSUPPORTED, e, m, field, componentType);
        continue;
      }
      if (selector != null) {
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

  /** Why generated code in the spider's package cannot create {@code item}, or null. */
  private String constructibleProblem(TypeElement spider, TypeElement item) {
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

  private static boolean accessible(Set<Modifier> modifiers, boolean samePackage) {
    return modifiers.contains(Modifier.PUBLIC)
        || (samePackage && !modifiers.contains(Modifier.PRIVATE));
  }

  private static String packageOf(Element e) {
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }

  private FormModel readForm(ExecutableElement method, AnnotationMirror m) {
    FormRequest form = method.getAnnotation(FormRequest.class);
    List<String> locators = new ArrayList<>();
    if (!form.formName().isEmpty()) {
      locators.add("formName");
    }
    if (!form.formXpath().isEmpty()) {
      locators.add("formXpath");
      String problem = XPathCheck.check(form.formXpath());
      if (problem != null) {
        diagnostics.report(
            Message.XPATH_INVALID, method, m, value(m, "formXpath"), form.formXpath(), problem);
      }
    }
    if (!form.formCss().isEmpty()) {
      locators.add("formCss");
      String problem = CssCheck.check(form.formCss());
      if (problem != null) {
        diagnostics.report(
            Message.CSS_INVALID, method, m, value(m, "formCss"), form.formCss(), problem);
      }
    }
    if (form.formNumber() != -1) {
      locators.add("formNumber");
      if (form.formNumber() < -1) {
        diagnostics.report(
            Message.FORM_NUMBER_NEGATIVE, method, m, value(m, "formNumber"), form.formNumber());
      }
    }
    if (locators.size() > 1) {
      diagnostics.report(
          Message.FORM_SEVERAL_LOCATORS, method, m, String.join(" and ", locators));
    }
    Set<String> clickNames = new HashSet<>();
    Field[] clickData = form.clickData();
    for (int i = 0; i < clickData.length; i++) {
      if (!clickNames.add(clickData[i].name())) {
        diagnostics.report(
            Message.DUPLICATE_NAME,
            method,
            m,
            element(value(m, "clickData"), i),
            "clickData field",
            clickData[i].name());
      }
    }
    return new FormModel(
        form.formName().isEmpty() ? null : form.formName(),
        form.formXpath().isEmpty() ? null : form.formXpath(),
        form.formCss().isEmpty() ? null : form.formCss(),
        form.formNumber() == -1 ? null : form.formNumber(),
        nameValues(form.formData()),
        nameValues(clickData),
        form.dontClick());
  }

  private static List<NameValue> nameValues(Field[] fields) {
    List<NameValue> list = new ArrayList<>();
    for (Field f : fields) {
      list.add(new NameValue(f.name(), f.value()));
    }
    return list;
  }

  private void checkReturn(ExecutableElement method) {
    TypeMirror type = method.getReturnType();
    String problem = returnProblem(type);
    if (problem != null) {
      diagnostics.report(
          Message.RETURN_UNSUPPORTED, method, method.getSimpleName(), type, problem);
    }
  }

  /**
   * Why a callback may not return {@code type}, or null. The runtime flattens what a callback
   * returns: Requests are sent, Iterables, Streams, arrays and Optionals are walked (nested
   * ones too), and anything else is an item, serialised as a JSON object.
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
    TypeElement element = (TypeElement) types.asElement(type);
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
    TypeElement target = elements.getTypeElement(qualifiedName);
    return target != null
        && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
  }

  /** The binding of a {@code @Selector} value of this type, or null if there is none. */
  private ValueType valueType(TypeMirror type) {
    switch (type.getKind()) {
      case INT:
        return ValueType.INT;
      case LONG:
        return ValueType.LONG;
      case DOUBLE:
        return ValueType.DOUBLE;
      case BOOLEAN:
        return ValueType.BOOLEAN;
      case DECLARED:
        break;
      default:
        return null;
    }
    DeclaredType declared = (DeclaredType) type;
    String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    if (name.equals("java.util.List") || name.equals("java.util.Optional")) {
      if (arguments.size() != 1 || !is(arguments.get(0), String.class)) {
        return null;
      }
      return name.equals("java.util.List") ? ValueType.LIST : ValueType.OPTIONAL;
    }
    return switch (name) {
      case "java.lang.String" -> ValueType.STRING;
      case "java.lang.Integer" -> ValueType.INTEGER;
      case "java.lang.Long" -> ValueType.LONG_BOXED;
      case "java.lang.Double" -> ValueType.DOUBLE_BOXED;
      case "java.lang.Boolean" -> ValueType.BOOLEAN_BOXED;
      case "java.math.BigDecimal" -> ValueType.BIG_DECIMAL;
      default -> null;
    };
  }

  /** The conversion of a {@code @SpiderArg} field of this type, or null if there is none. */
  private ValueType argumentType(TypeMirror type) {
    ValueType t = valueType(type);
    return t == null || t == ValueType.LIST || t == ValueType.OPTIONAL
            || t == ValueType.BIG_DECIMAL
        ? null
        : t;
  }

  private boolean is(TypeMirror type, Class<?> c) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(c.getName());
  }

  private static boolean isBytes(TypeMirror type) {
    return type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
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

  /** Why Scrapy could not fetch {@code url} as a start URL, or null. */
  static String urlProblem(String url) {
    if (url.isBlank()) {
      return "it is empty";
    }
    if (!url.equals(url.strip())) {
      return "it has leading or trailing whitespace";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return e.getReason() + " at index " + e.getIndex();
    }
    if (!uri.isAbsolute()) {
      return "it is relative (it has no scheme)";
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https", "ftp" -> {
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
          return "it has no host";
        }
        return null;
      }
      case "file", "s3", "data" -> {
        return null;
      }
      default -> {
        return "Scrapy does not download the scheme " + scheme + ":";
      }
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
