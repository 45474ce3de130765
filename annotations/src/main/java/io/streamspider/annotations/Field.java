package io.streamspider.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A name and value pair of {@link FormRequest#formData()} or {@link FormRequest#clickData()}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Field {
  String name();

  String value();
}
