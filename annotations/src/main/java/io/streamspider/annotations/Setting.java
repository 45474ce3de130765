package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One Scrapy setting in {@link Spider#customSettings()}. The value is sent as a JSON number or
 * boolean when it reads as one ({@code "2"}, {@code "0.5"}, {@code "true"}), else as a string.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Setting {
  String name();

  String value();
}
