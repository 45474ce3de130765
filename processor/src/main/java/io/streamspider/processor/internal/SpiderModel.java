package io.streamspider.processor.internal;

import com.palantir.javapoet.ClassName;
import io.streamspider.runtime.generated.Callback;
import io.streamspider.runtime.generated.ContractSpec;
import io.streamspider.runtime.generated.SelectorSpec;
import java.util.List;

/**
 * A spider as the renderers need it, free of compiler elements: what {@code SpiderReader} read and
 * checked from a {@code @Spider} class.
 *
 * @param spiderClass the annotated class
 * @param argumentsConstructor whether the spider is created with its SpiderArguments
 */
public record SpiderModel(
    ClassName spiderClass,
    String name,
    List<String> startUrls,
    List<String> allowedDomains,
    List<Setting> settings,
    boolean argumentsConstructor,
    List<Argument> arguments,
    List<CallbackModel> callbacks) {

  public SpiderModel {
    startUrls = List.copyOf(startUrls);
    allowedDomains = List.copyOf(allowedDomains);
    settings = List.copyOf(settings);
    arguments = List.copyOf(arguments);
    callbacks = List.copyOf(callbacks);
  }

  /**
   * One custom setting.
   *
   * @param value a String, Boolean, Integer, Long, Double or java.math.BigDecimal
   */
  public record Setting(String name, Object value) {}

  /** A {@code @SpiderArg} field. */
  public record Argument(String name, String field, ValueType type, boolean required) {}

  /** How a value reaches a parameter or field. */
  public enum ValueType {
    LIST,
    STRING,
    OPTIONAL,
    INT,
    INTEGER,
    LONG,
    LONG_BOXED,
    DOUBLE,
    DOUBLE_BOXED,
    BOOLEAN,
    BOOLEAN_BOXED,
    BIG_DECIMAL
  }

  /**
   * A {@code @Parse} method.
   *
   * @param selectors every selector of the callback's requests, in parameter order
   * @param form the form for {@link Callback.Kind#FORM}, else null
   * @param errorHandler its {@code @OnError} method, or null
   * @param contracts its {@code @Contract}s, in source order
   */
  public record CallbackModel(
      String id,
      String method,
      Callback.Kind kind,
      boolean base64,
      List<SelectorField> selectors,
      FormModel form,
      List<Parameter> parameters,
      boolean returnsVoid,
      ErrorHandler errorHandler,
      List<ContractSpec> contracts) {
    public CallbackModel {
      selectors = List.copyOf(selectors);
      parameters = List.copyOf(parameters);
      contracts = List.copyOf(contracts);
    }

    public CallbackModel withErrorHandler(ErrorHandler handler) {
      return new CallbackModel(
          id, method, kind, base64, selectors, form, parameters, returnsVoid, handler, contracts);
    }
  }

  /** One entry of a {@code selector_request}'s {@code selector} object. */
  public record SelectorField(String field, SelectorSpec.Type type, String filter) {}

  /** An argument of a callback call. */
  public sealed interface Parameter {}

  /** The {@link io.streamspider.runtime.Response} itself. */
  public record ResponseParameter() implements Parameter {}

  /** The body's bytes. */
  public record BodyParameter() implements Parameter {}

  /** One selector field's values. */
  public record ValueParameter(String field, ValueType type) implements Parameter {}

  /**
   * An item built from selector fields.
   *
   * @param record whether it is a record (built by its canonical constructor) or a class (built by
   *     its no-argument constructor, then its fields assigned)
   */
  public record ItemParameter(
      String name, ClassName type, boolean record, List<ItemComponent> components)
      implements Parameter {
    public ItemParameter {
      components = List.copyOf(components);
    }
  }

  /** A component (record) or field (class) of an item parameter. */
  public record ItemComponent(String name, String field, ValueType type) {}

  /** The {@code from_response_request} object, as written in {@code @FormRequest}. */
  public record FormModel(
      String formName,
      String formXpath,
      String formCss,
      Integer formNumber,
      List<NameValue> formData,
      List<NameValue> clickData,
      boolean dontClick) {
    public FormModel {
      formData = List.copyOf(formData);
      clickData = List.copyOf(clickData);
    }
  }

  public record NameValue(String name, String value) {}

  /** An {@code @OnError} method. */
  public record ErrorHandler(String method, boolean takesFailure, boolean returnsVoid) {}
}
