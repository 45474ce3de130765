package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parsel selector evaluated by the host (Scrapy Streaming's {@code selector_request}) whose
 * results are bound to a callback parameter, or to a component of an item record used as one.
 * Exactly one of {@link #css()} and {@link #xpath()} is set. CSS accepts parsel's {@code ::text}
 * and {@code ::attr(name)} pseudo-elements.
 *
 * <p>Binding: {@code List<String>} gets every value, {@code String} the first (or null), {@code
 * Optional<String>} the first if any; {@code int}, {@code long}, {@code double}, {@code boolean}
 * and their boxes, and {@code BigDecimal} are converted from the first value (a primitive needs
 * one; bad text fails the callback with an error naming the field).
 *
 * <p>The field of the {@code selector_request} is the parameter's name, or {@code
 * <parameter>.<component>} for a component of an item record or class parameter. Expressions are
 * checked at compile time against what parsel accepts.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Selector {
  String css() default "";

  String xpath() default "";
}
