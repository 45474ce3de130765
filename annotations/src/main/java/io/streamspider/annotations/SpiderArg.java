package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A non-private, non-final instance field filled from a spider argument ({@code -a NAME=VALUE}).
 * String, int, long, double, boolean (and boxes) fields are converted with a clear error on bad
 * text.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface SpiderArg {
  /** The argument name; defaults to the field name. */
  String value() default "";

  /** A missing required argument is a usage error before the crawl starts. */
  boolean required() default false;
}
