package io.streamspider.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.streamspider.processor.internal.SpiderModel.Argument;
import io.streamspider.processor.internal.SpiderModel.BodyParameter;
import io.streamspider.processor.internal.SpiderModel.CallbackModel;
import io.streamspider.processor.internal.SpiderModel.FormModel;
import io.streamspider.processor.internal.SpiderModel.ItemComponent;
import io.streamspider.processor.internal.SpiderModel.ItemParameter;
import io.streamspider.processor.internal.SpiderModel.NameValue;
import io.streamspider.processor.internal.SpiderModel.Parameter;
import io.streamspider.processor.internal.SpiderModel.ResponseParameter;
import io.streamspider.processor.internal.SpiderModel.SelectorField;
import io.streamspider.processor.internal.SpiderModel.Setting;
import io.streamspider.processor.internal.SpiderModel.ValueParameter;
import io.streamspider.processor.internal.SpiderModel.ValueType;
import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Request;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import io.streamspider.runtime.generated.Bindings;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.ContractSpec;
import io.streamspider.runtime.generated.FormSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import io.streamspider.runtime.generated.SpiderDefinition;
import io.streamspider.runtime.generated.SpiderInfo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Renders a {@link SpiderModel} as Java source: the dispatch table {@code <Spider>_StreamSpider}
 * and the typed request factories {@code <Spider>_Requests}. Knows nothing of the compiler.
 */
public final class SpiderRenderer {
  /** The processor named in {@code @Generated}. */
  public static final String PROCESSOR = "io.streamspider.processor.StreamSpiderProcessor";

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final Set<String> RESERVED_CONSTANTS =
      Set.of("INFO", "CALLBACKS", "ARGUMENT_NAMES");

  private final SpiderModel spider;
  private final Element origin;
  private final boolean generatedAvailable;
  private final ClassName definitionName;
  private final ClassName requestsName;
  private final Map<String, String> constants = new LinkedHashMap<>();
  private final Map<String, String> factories = new LinkedHashMap<>();

  /**
   * @param origin the {@code @Spider} class both files are generated from (null in tests without
   *     javac); recorded as their originating element
   * @param generatedAvailable whether javax.annotation.processing.Generated can be used
   */
  public SpiderRenderer(SpiderModel spider, Element origin, boolean generatedAvailable) {
    this.spider = spider;
    this.origin = origin;
    this.generatedAvailable = generatedAvailable;
    String simpleName = String.join("_", spider.spiderClass().simpleNames());
    this.definitionName =
        ClassName.get(
            spider.spiderClass().packageName(), SpiderDefinition.generatedClassName(simpleName));
    this.requestsName =
        ClassName.get(
            spider.spiderClass().packageName(), SpiderDefinition.generatedRequestsName(simpleName));
    Set<String> usedConstants = new HashSet<>(RESERVED_CONSTANTS);
    Set<String> usedFactories = new HashSet<>();
    for (CallbackModel c : spider.callbacks()) {
      constants.put(c.id(), unique(constantName(c.id()), usedConstants));
      factories.put(c.id(), unique(methodName(c.id()), usedFactories));
    }
  }

  public ClassName definitionName() {
    return definitionName;
  }

  public ClassName requestsName() {
    return requestsName;
  }

  /** {@code <Spider>_StreamSpider}, the {@code SpiderDefinition} the runtime loads. */
  public JavaFile definition() {
    ClassName spiderClass = spider.spiderClass();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(definitionName)
            .addJavadoc(
                "The dispatch table of {@link $T}: its {@code spider} message, its callbacks\n"
                    + "and the calls to its methods, generated at compile time so that the\n"
                    + "runtime needs no reflection.\n",
                spiderClass)
            .addAnnotations(generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(
                ParameterizedTypeName.get(ClassName.get(SpiderDefinition.class), spiderClass));
    if (origin != null) {
      type.addOriginatingElement(origin);
    }

    for (CallbackModel c : spider.callbacks()) {
      type.addField(callbackConstant(c));
    }
    type.addField(
        FieldSpec.builder(
                SpiderInfo.class, "INFO", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(info())
            .build());
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(List.class, Callback.class),
                "CALLBACKS",
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(callbackList())
            .build());
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(Set.class, String.class),
                "ARGUMENT_NAMES",
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(argumentNames())
            .build());

    type.addMethod(
        MethodSpec.constructorBuilder()
            .addJavadoc("Called by {@link java.util.ServiceLoader}.\n")
            .addModifiers(Modifier.PUBLIC)
            .build());
    type.addMethod(override("info", SpiderInfo.class).addStatement("return INFO").build());
    type.addMethod(
        override("callbacks", ParameterizedTypeName.get(Collection.class, Callback.class))
            .addStatement("return CALLBACKS")
            .build());
    type.addMethod(callbackById());
    type.addMethod(
        override("argumentNames", ParameterizedTypeName.get(Set.class, String.class))
            .addStatement("return ARGUMENT_NAMES")
            .build());
    type.addMethod(newSpider());
    type.addMethod(invoke());
    type.addMethod(onError());
    for (CallbackModel c : spider.callbacks()) {
      if (c.kind() == Callback.Kind.SELECTOR) {
        type.addMethod(selectorsMethod(c));
      }
      if (c.kind() == Callback.Kind.FORM && !isDefault(c.form())) {
        type.addMethod(formMethod(c));
      }
    }
    for (CallbackModel c : spider.callbacks()) {
      for (Parameter p : c.parameters()) {
        if (p instanceof ItemParameter item && !item.record()) {
          type.addMethod(itemMethod(c, item));
        }
      }
    }
    if (!spider.settings().isEmpty()) {
      type.addMethod(customSettingsMethod());
    }
    return JavaFile.builder(definitionName.packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  /** {@code <Spider>_Requests}: one factory per callback, checked by the compiler. */
  public JavaFile requests() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(requestsName)
            .addJavadoc(
                "Requests to the callbacks of {@link $T}. Each already knows the protocol\n"
                    + "message its callback needs; set meta, headers, method, body, cookies,\n"
                    + "priority or dont_filter on the returned {@link $T}.\n",
                spider.spiderClass(),
                Request.class)
            .addAnnotations(generated())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    if (origin != null) {
      type.addOriginatingElement(origin);
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (CallbackModel c : spider.callbacks()) {
      type.addMethod(
          MethodSpec.methodBuilder(factories.get(c.id()))
              .addJavadoc(
                  "A {@code $L} to {@link $T#$L}.\n\n@param url absolute, or relative to the"
                      + " response being handled\n",
                  wireKind(c),
                  spider.spiderClass(),
                  c.method())
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
              .returns(Request.class)
              .addParameter(String.class, "url")
              .addStatement(
                  "return $T.to($T.$L, url)", Request.class, definitionName, constants.get(c.id()))
              .build());
    }
    return JavaFile.builder(requestsName.packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  private List<AnnotationSpec> generated() {
    if (!generatedAvailable) {
      return List.of();
    }
    return List.of(
        AnnotationSpec.builder(GENERATED)
            .addMember("value", "$S", PROCESSOR)
            .addMember("comments", "$S", "from " + spider.spiderClass().canonicalName())
            .build());
  }

  private static CodeBlock contract(ContractSpec spec) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.url($S)", ContractSpec.class, spec.url());
    if (spec.itemsMin() != 0 || spec.itemsMax() != ContractSpec.UNBOUNDED) {
      b.add(".items($L, $L)", spec.itemsMin(), bound(spec.itemsMax()));
    }
    if (spec.requestsMin() != 0 || spec.requestsMax() != ContractSpec.UNBOUNDED) {
      b.add(".requests($L, $L)", spec.requestsMin(), bound(spec.requestsMax()));
    }
    if (!spec.scrapes().isEmpty()) {
      b.add(".scrapes(");
      for (int i = 0; i < spec.scrapes().size(); i++) {
        b.add(i == 0 ? "$S" : ", $S", spec.scrapes().get(i));
      }
      b.add(")");
    }
    return b.build();
  }

  private static CodeBlock bound(int max) {
    return max == ContractSpec.UNBOUNDED
        ? CodeBlock.of("$T.UNBOUNDED", ContractSpec.class)
        : CodeBlock.of("$L", max);
  }

  private static MethodSpec.Builder override(String name, Object returns) {
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
    return returns instanceof Class<?> c ? b.returns(c) : b.returns((TypeName) returns);
  }

  private FieldSpec callbackConstant(CallbackModel c) {
    CodeBlock.Builder b = CodeBlock.builder();
    switch (c.kind()) {
      case PLAIN -> b.add("$T.plain($S)", Callback.class, c.id());
      case SELECTOR ->
          b.add("$T.selector($S, $L())", Callback.class, c.id(), selectorsMethodName(c));
      case FORM ->
          b.add(
              "$T.form($S, $L)",
              Callback.class,
              c.id(),
              isDefault(c.form())
                  ? CodeBlock.of("$T.DEFAULT", FormSpec.class)
                  : CodeBlock.of("$L()", formMethodName(c)));
    }
    if (c.base64()) {
      b.add(".withBase64Body()");
    }
    if (c.errorHandler() != null) {
      b.add(".withErrorHandler()");
    }
    CodeBlock init = b.build();
    if (!c.contracts().isEmpty()) {
      CodeBlock.Builder withContracts = CodeBlock.builder().add("$L\n.withContracts(", init);
      for (int i = 0; i < c.contracts().size(); i++) {
        withContracts.add(i == 0 ? "\n$L" : ",\n$L", contract(c.contracts().get(i)));
      }
      init = withContracts.add(")").build();
    }
    return FieldSpec.builder(
            Callback.class, constants.get(c.id()), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "Callback {@code $L}: {@link $T#$L}, reached by {@code $L}.\n",
            c.id(),
            spider.spiderClass(),
            c.method(),
            wireKind(c))
        .initializer(init)
        .build();
  }

  private static String wireKind(CallbackModel c) {
    return switch (c.kind()) {
      case PLAIN -> "request";
      case SELECTOR -> "selector_request";
      case FORM -> "from_response_request";
    };
  }

  private CodeBlock info() {
    return CodeBlock.of(
        "new $T(\n$>$>$S,\n$L,\n$L,\n$L$<$<)",
        SpiderInfo.class,
        spider.name(),
        stringList(spider.startUrls()),
        stringList(spider.allowedDomains()),
        spider.settings().isEmpty()
            ? CodeBlock.of("$T.of()", Map.class)
            : CodeBlock.of("customSettings()"));
  }

  private static CodeBlock stringList(List<String> values) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < values.size(); i++) {
      b.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return b.add(")").build();
  }

  private CodeBlock callbackList() {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", List.class);
    for (int i = 0; i < spider.callbacks().size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", constants.get(spider.callbacks().get(i).id()));
    }
    return b.add(")").build();
  }

  private CodeBlock argumentNames() {
    if (spider.arguments().isEmpty()) {
      return CodeBlock.of("$T.of()", Set.class);
    }
    CodeBlock.Builder names = CodeBlock.builder();
    for (int i = 0; i < spider.arguments().size(); i++) {
      names.add(i == 0 ? "$S" : ", $S", spider.arguments().get(i).name());
    }
    // in declaration order, for help texts
    return CodeBlock.of(
        "$T.unmodifiableSet(\n$>$>new $T<>($T.of($L))$<$<)",
        Collections.class,
        LinkedHashSet.class,
        List.class,
        names.build());
  }

  private MethodSpec callbackById() {
    MethodSpec.Builder m = override("callback", Callback.class).addParameter(String.class, "id");
    if (spider.callbacks().isEmpty()) {
      return m.addStatement("return null").build();
    }
    m.beginControlFlow("if (id == null)").addStatement("return null").endControlFlow();
    m.beginControlFlow("switch (id)");
    for (CallbackModel c : spider.callbacks()) {
      m.addCode("case $S:\n$>", c.id()).addStatement("return $L", constants.get(c.id()));
      m.addCode("$<");
    }
    m.addCode("default:\n$>").addStatement("return null").addCode("$<");
    return m.endControlFlow().build();
  }

  private MethodSpec newSpider() {
    ClassName spiderClass = spider.spiderClass();
    MethodSpec.Builder m =
        override("newSpider", spiderClass).addParameter(SpiderArguments.class, "arguments");
    String constructorArguments = spider.argumentsConstructor() ? "arguments" : "";
    if (spider.arguments().isEmpty()) {
      return m.addStatement("return new $T($L)", spiderClass, constructorArguments).build();
    }
    m.addStatement("$T spider = new $T($L)", spiderClass, spiderClass, constructorArguments);
    for (Argument a : spider.arguments()) {
      CodeBlock value =
          switch (a.type()) {
            case STRING ->
                a.required()
                    ? CodeBlock.of("arguments.required($S)", a.name())
                    : CodeBlock.of("arguments.string($S)", a.name());
            case INT, INTEGER -> CodeBlock.of("arguments.intValue($S)", a.name());
            case LONG, LONG_BOXED -> CodeBlock.of("arguments.longValue($S)", a.name());
            case DOUBLE, DOUBLE_BOXED -> CodeBlock.of("arguments.doubleValue($S)", a.name());
            case BOOLEAN, BOOLEAN_BOXED -> CodeBlock.of("arguments.booleanValue($S)", a.name());
            default -> throw new IllegalStateException("argument type " + a.type());
          };
      if (a.required()) {
        m.addStatement("spider.$N = $L", a.field(), value);
      } else {
        m.beginControlFlow("if (arguments.has($S))", a.name())
            .addStatement("spider.$N = $L", a.field(), value)
            .endControlFlow();
      }
    }
    return m.addStatement("return spider").build();
  }

  private MethodSpec invoke() {
    MethodSpec.Builder m =
        override("invoke", Object.class)
            .addParameter(spider.spiderClass(), "spider")
            .addParameter(Callback.class, "callback")
            .addParameter(Response.class, "response")
            .addException(Exception.class);
    if (!spider.callbacks().isEmpty()) {
      m.beginControlFlow("switch (callback.id())");
      for (CallbackModel c : spider.callbacks()) {
        m.addCode("case $S:\n$>", c.id());
        CodeBlock.Builder args = CodeBlock.builder();
        for (int i = 0; i < c.parameters().size(); i++) {
          if (i > 0) {
            args.add(",\n");
          }
          args.add(argument(c, c.parameters().get(i)));
        }
        CodeBlock call = callWithArguments(c.method(), args.build(), c.parameters().size());
        if (c.returnsVoid()) {
          m.addStatement("spider.$L", call).addStatement("return null");
        } else {
          m.addStatement("return spider.$L", call);
        }
        m.addCode("$<");
      }
      m.addCode("default:\n$>");
      m.addStatement(
          "throw new $T(\n$S + callback.id())",
          IllegalArgumentException.class,
          "spider " + spider.name() + " has no callback ");
      m.addCode("$<");
      m.endControlFlow();
    } else {
      m.addStatement(
          "throw new $T(\n$S + callback.id())",
          IllegalArgumentException.class,
          "spider " + spider.name() + " has no callback ");
    }
    return m.build();
  }

  /** {@code name(args)}, the arguments on their own lines when there are several. */
  private static CodeBlock callWithArguments(String name, CodeBlock args, int count) {
    if (count <= 1) {
      return CodeBlock.of("$L($L)", name, args);
    }
    return CodeBlock.of("$L(\n$L)", name, args);
  }

  private MethodSpec onError() {
    MethodSpec.Builder m =
        override("onError", Object.class)
            .addParameter(spider.spiderClass(), "spider")
            .addParameter(Callback.class, "callback")
            .addParameter(Failure.class, "failure")
            .addException(Exception.class);
    boolean any = spider.callbacks().stream().anyMatch(c -> c.errorHandler() != null);
    if (any) {
      m.beginControlFlow("switch (callback.id())");
      for (CallbackModel c : spider.callbacks()) {
        if (c.errorHandler() == null) {
          continue;
        }
        m.addCode("case $S:\n$>", c.id());
        String args = c.errorHandler().takesFailure() ? "failure" : "";
        if (c.errorHandler().returnsVoid()) {
          m.addStatement("spider.$L($L)", c.errorHandler().method(), args)
              .addStatement("return null");
        } else {
          m.addStatement("return spider.$L($L)", c.errorHandler().method(), args);
        }
        m.addCode("$<");
      }
      m.addCode("default:\n$>");
    }
    m.addStatement(
        "throw new $T(\n$S + callback.id())",
        IllegalArgumentException.class,
        "spider " + spider.name() + " has no error handler for callback ");
    if (any) {
      m.addCode("$<").endControlFlow();
    }
    return m.build();
  }

  private CodeBlock argument(CallbackModel c, Parameter p) {
    if (p instanceof ResponseParameter) {
      return CodeBlock.of("response");
    }
    if (p instanceof BodyParameter) {
      return CodeBlock.of("response.body()");
    }
    if (p instanceof ValueParameter v) {
      return value(v.field(), v.type());
    }
    ItemParameter item = (ItemParameter) p;
    if (!item.record()) {
      return CodeBlock.of("$L(response)", itemMethodName(c, item));
    }
    CodeBlock.Builder args = CodeBlock.builder();
    for (int i = 0; i < item.components().size(); i++) {
      ItemComponent component = item.components().get(i);
      args.add(i == 0 ? "$L" : ",\n$L", value(component.field(), component.type()));
    }
    if (item.components().size() <= 1) {
      return CodeBlock.of("new $T($L)", item.type(), args.build());
    }
    return CodeBlock.of("new $T(\n$>$>$L$<$<)", item.type(), args.build());
  }

  /** The expression that gives one selector field's value as {@code type}. */
  private CodeBlock value(String field, ValueType type) {
    String name = spider.name();
    return switch (type) {
      case LIST -> CodeBlock.of("response.values($S)", field);
      case STRING -> CodeBlock.of("$T.first(response.values($S))", Bindings.class, field);
      case OPTIONAL -> CodeBlock.of("$T.optional(response.values($S))", Bindings.class, field);
      case INT -> binding("intValue", name, field);
      case INTEGER -> binding("integerOrNull", name, field);
      case LONG -> binding("longValue", name, field);
      case LONG_BOXED -> binding("longOrNull", name, field);
      case DOUBLE -> binding("doubleValue", name, field);
      case DOUBLE_BOXED -> binding("doubleOrNull", name, field);
      case BOOLEAN -> binding("booleanValue", name, field);
      case BOOLEAN_BOXED -> binding("booleanOrNull", name, field);
      case BIG_DECIMAL -> binding("bigDecimalOrNull", name, field);
    };
  }

  private static CodeBlock binding(String method, String spiderName, String field) {
    return CodeBlock.of("$T.$L(response, $S, $S)", Bindings.class, method, spiderName, field);
  }

  private MethodSpec itemMethod(CallbackModel c, ItemParameter item) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(itemMethodName(c, item))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(item.type())
            .addParameter(Response.class, "response")
            .addStatement("$T item = new $T()", item.type(), item.type());
    for (ItemComponent component : item.components()) {
      m.addStatement("item.$N = $L", component.name(), value(component.field(), component.type()));
    }
    return m.addStatement("return item").build();
  }

  private MethodSpec selectorsMethod(CallbackModel c) {
    TypeName mapType = ParameterizedTypeName.get(Map.class, String.class, SelectorSpec.class);
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(selectorsMethodName(c))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(mapType)
            .addStatement("$T selectors = new $T<>()", mapType, LinkedHashMap.class);
    for (SelectorField f : c.selectors()) {
      m.addStatement(
          "selectors.put($S, $T.$L($S))",
          f.field(),
          SelectorSpec.class,
          f.type() == SelectorSpec.Type.CSS ? "css" : "xpath",
          f.filter());
    }
    return m.addStatement("return selectors").build();
  }

  private static boolean isDefault(FormModel f) {
    return f.formName() == null
        && f.formXpath() == null
        && f.formCss() == null
        && f.formNumber() == null
        && f.formData().isEmpty()
        && f.clickData().isEmpty()
        && !f.dontClick();
  }

  private MethodSpec formMethod(CallbackModel c) {
    FormModel f = c.form();
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(formMethodName(c))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(FormSpec.class);
    if (!f.formData().isEmpty()) {
      TypeName type = ParameterizedTypeName.get(Map.class, String.class, Object.class);
      m.addStatement("$T formdata = new $T<>()", type, LinkedHashMap.class);
      Map<String, List<String>> grouped = new LinkedHashMap<>();
      for (NameValue nv : f.formData()) {
        grouped.computeIfAbsent(nv.name(), k -> new ArrayList<>()).add(nv.value());
      }
      for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
        if (e.getValue().size() == 1) {
          m.addStatement("formdata.put($S, $S)", e.getKey(), e.getValue().get(0));
        } else {
          m.addStatement("formdata.put($S, $L)", e.getKey(), stringList(e.getValue()));
        }
      }
    }
    if (!f.clickData().isEmpty()) {
      TypeName type = ParameterizedTypeName.get(Map.class, String.class, String.class);
      m.addStatement("$T clickdata = new $T<>()", type, LinkedHashMap.class);
      for (NameValue nv : f.clickData()) {
        m.addStatement("clickdata.put($S, $S)", nv.name(), nv.value());
      }
    }
    CodeBlock.Builder spec = CodeBlock.builder().add("return $T.builder()", FormSpec.class);
    if (f.formName() != null) {
      spec.add("\n.formname($S)", f.formName());
    }
    if (f.formXpath() != null) {
      spec.add("\n.formxpath($S)", f.formXpath());
    }
    if (f.formCss() != null) {
      spec.add("\n.formcss($S)", f.formCss());
    }
    if (f.formNumber() != null) {
      spec.add("\n.formnumber($L)", f.formNumber());
    }
    if (!f.formData().isEmpty()) {
      spec.add("\n.formdata(formdata)");
    }
    if (!f.clickData().isEmpty()) {
      spec.add("\n.clickdata(clickdata)");
    }
    if (f.dontClick()) {
      spec.add("\n.dontClick(true)");
    }
    m.addStatement("$L\n.build()", spec.build());
    return m.build();
  }

  private MethodSpec customSettingsMethod() {
    TypeName type = ParameterizedTypeName.get(Map.class, String.class, Object.class);
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("customSettings")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(type)
            .addStatement("$T settings = new $T<>()", type, LinkedHashMap.class);
    for (Setting s : spider.settings()) {
      m.addStatement("settings.put($S, $L)", s.name(), settingLiteral(s.value()));
    }
    return m.addStatement("return settings").build();
  }

  private static CodeBlock settingLiteral(Object value) {
    if (value instanceof String s) {
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (value instanceof BigDecimal d) {
      return CodeBlock.of("new $T($S)", BigDecimal.class, d.toString());
    }
    return CodeBlock.of("$L", value); // Boolean, Integer, Double
  }

  private String selectorsMethodName(CallbackModel c) {
    return factories.get(c.id()) + "Selectors";
  }

  private String formMethodName(CallbackModel c) {
    return factories.get(c.id()) + "Form";
  }

  private String itemMethodName(CallbackModel c, ItemParameter item) {
    return "bind" + capitalize(factories.get(c.id())) + capitalize(item.name());
  }

  /** {@code bookDetail} → {@code BOOK_DETAIL}, {@code page-2} → {@code PAGE_2}. */
  static String constantName(String id) {
    StringBuilder b = new StringBuilder();
    char previous = 0;
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      if (Character.isLetterOrDigit(ch) && ch < 128) {
        if (Character.isUpperCase(ch) && Character.isLowerCase(previous)) {
          b.append('_');
        }
        b.append(Character.toUpperCase(ch));
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != '_') {
        b.append('_');
      }
      previous = ch;
    }
    String s = b.toString().replaceAll("_+$", "");
    if (s.isEmpty()) {
      return "CALLBACK"; // an id without ASCII letters or digits
    }
    return Character.isJavaIdentifierStart(s.charAt(0)) ? s : "_" + s;
  }

  /** {@code book-detail} → {@code bookDetail}; keywords get a trailing underscore. */
  static String methodName(String id) {
    StringBuilder b = new StringBuilder();
    boolean upperNext = false;
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      if (Character.isLetterOrDigit(ch) && ch < 128) {
        b.append(upperNext && b.length() > 0 ? Character.toUpperCase(ch) : ch);
        upperNext = false;
      } else {
        upperNext = true;
      }
    }
    String s = b.toString();
    if (s.isEmpty()) {
      return "callback"; // an id without ASCII letters or digits
    }
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "_" + s;
    }
    if (SourceVersion.isKeyword(s)) {
      s = s + "_";
    }
    return s;
  }

  private static String unique(String name, Set<String> used) {
    String candidate = name;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = name + "_" + n;
    }
    return candidate;
  }

  private static String capitalize(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
