package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method as a callback. Responses to requests with this id are passed to
 * it. The start URLs' responses arrive with id {@code parse}.
 *
 * <p>Its requests are {@code selector_request}s when it has {@link Selector} parameters, {@code
 * from_response_request}s with {@link FormRequest}, else {@code request}s (asking for base64 when
 * it takes the body as {@code byte[]}). It returns nothing, an item, a request, or an Iterable,
 * Stream, array or Optional of them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Parse {
  /** The callback id; unique within the spider. */
  String value() default "parse";
}
