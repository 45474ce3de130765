package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method taking an {@code io.streamspider.runtime.Failure} (or nothing) as
 * the error handler (Scrapy's errback) of the callback with the given id: it is called when the
 * host answers a request to that callback with an {@code exception}. It may return what a callback
 * returns.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnError {
  /** The id of the callback whose requests this handles. */
  String value() default "parse";
}
