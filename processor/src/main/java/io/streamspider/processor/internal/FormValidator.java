package io.streamspider.processor.internal;

import static io.streamspider.processor.internal.Diagnostics.element;
import static io.streamspider.processor.internal.Diagnostics.value;

import io.streamspider.annotations.Field;
import io.streamspider.annotations.FormRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * Checks a {@code @FormRequest}: at most one way to find the form, expressions that parse, a form
 * number that can exist, each clickData field once.
 */
final class FormValidator {
  private final Diagnostics diagnostics;

  FormValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reports what is wrong with the {@code @FormRequest} ({@code m}) on {@code method}. */
  void check(ExecutableElement method, AnnotationMirror m) {
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
      diagnostics.report(Message.FORM_SEVERAL_LOCATORS, method, m, String.join(" and ", locators));
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
  }
}
