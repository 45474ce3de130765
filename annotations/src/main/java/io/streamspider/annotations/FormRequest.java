package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requests to this callback are sent as {@code from_response_request}: the host fetches the
 * request's URL, fills in the form found there as Scrapy's {@code FormRequest.from_response} does,
 * submits it, and passes the response of the submission to this callback. At most one of formName,
 * formXpath, formCss and formNumber selects the form (none: the first).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FormRequest {
  String formName() default "";

  String formXpath() default "";

  String formCss() default "";

  /** Zero-based index of the form; -1 means not set. */
  int formNumber() default -1;

  /** Fields to set; a repeated name gives a list of values. */
  Field[] formData() default {};

  /** Identifies the clickable element to submit with, as Scrapy's {@code clickdata}. */
  Field[] clickData() default {};

  /** Submit without clicking any element. */
  boolean dontClick() default false;
}
