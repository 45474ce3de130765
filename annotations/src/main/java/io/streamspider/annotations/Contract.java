package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a {@link Parse} callback must produce for one page, in the spirit of Scrapy's contracts
 * ({@code @url}, {@code @returns}, {@code @scrapes}). {@code java -jar spider.jar check} fetches
 * {@link #url()}, runs the callback on it and reports each contract OK or FAIL.
 *
 * <pre>{@code
 * @Parse("book")
 * @Contract(url = "https://books.example/item/1", items = {1, 1}, requests = 0,
 *     scrapes = {"title", "price"})
 * public Book book(Book book) { return book; }
 * }</pre>
 *
 * <p>Counts read as Scrapy's {@code @returns items MIN MAX}: empty (the default) is not checked,
 * one value is a minimum, two are a minimum and a maximum.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@Repeatable(Contracts.class)
public @interface Contract {
  /** The page the callback is run on: an absolute http(s) URL (Scrapy's {@code @url}). */
  String url();

  /** Items the callback returns: {@code {}} unchecked, {@code {min}} or {@code {min, max}}. */
  int[] items() default {};

  /** Requests the callback returns: {@code {}} unchecked, {@code {min}} or {@code {min, max}}. */
  int[] requests() default {};

  /** Fields every returned item must have (Scrapy's {@code @scrapes}). */
  String[] scrapes() default {};
}
