package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method as a callback. Responses to requests with this id are passed
 * to it. The start URLs' responses arrive with id {@code parse}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Parse {
  /** The callback id; unique within the spider. */
  String value() default "parse";
}
