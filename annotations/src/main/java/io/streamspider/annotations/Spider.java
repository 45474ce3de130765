package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a top-level class as a spider. The annotation processor generates its dispatch table; the
 * values become the protocol's {@code spider} message.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Spider {
  /** The spider's name, as {@code scrapy crawl NAME} and {@code external.json} know it. */
  String name();

  /** Absolute URLs fetched first; their responses go to the callback with id {@code parse}. */
  String[] startUrls() default {};

  /** Domains (and their subdomains) the spider may visit; empty means every domain. */
  String[] allowedDomains() default {};

  /** Scrapy settings sent as the spider's {@code custom_settings}. */
  Setting[] customSettings() default {};
}
