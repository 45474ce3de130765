package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.value;

import io.streamspider.annotations.Selector;
import io.streamspider.processor.internal.SpiderModel.ValueType;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * Checks {@code @Selector}s, on callback parameters and on item components alike: exactly one of
 * css and xpath, an expression that parses, a value type the generated code can bind.
 */
final class SelectorValidator {
  private final TypeSupport typeSupport;
  private final Diagnostics diagnostics;

  SelectorValidator(TypeSupport typeSupport, Diagnostics diagnostics) {
    this.typeSupport = typeSupport;
    this.diagnostics = diagnostics;
  }

  /** Whether the {@code @Selector} ({@code m}) on {@code element} is valid; reports why not. */
  boolean check(Element element, AnnotationMirror m) {
    Selector selector = element.getAnnotation(Selector.class);
    boolean css = !selector.css().isEmpty();
    boolean xpath = !selector.xpath().isEmpty();
    if (css && xpath) {
      diagnostics.report(Message.SELECTOR_BOTH, element, m);
      return false;
    }
    if (!css && !xpath) {
      diagnostics.report(Message.SELECTOR_NEITHER, element, m);
      return false;
    }
    if (css) {
      String problem = CssCheck.check(selector.css());
      if (problem != null) {
        diagnostics.report(
            Message.CSS_INVALID, element, m, value(m, "css"), selector.css(), problem);
        return false;
      }
      return true;
    }
    String problem = XPathCheck.check(selector.xpath());
    if (problem != null) {
      diagnostics.report(
          Message.XPATH_INVALID, element, m, value(m, "xpath"), selector.xpath(), problem);
      return false;
    }
    return true;
  }

  /**
   * The binding of the selected {@code field} of {@code type}, or null (reported on {@code
   * element}, and on {@code reportOn} when not null) when there is none.
   */
  ValueType valueType(Element element, AnnotationMirror reportOn, String field, TypeMirror type) {
    ValueType valueType = typeSupport.valueType(type);
    if (valueType == null) {
      diagnostics.report(Message.SELECTOR_TYPE_UNSUPPORTED, element, reportOn, field, type);
    }
    return valueType;
  }
}
