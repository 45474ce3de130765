package io.streamspider.test;

import io.streamspider.runtime.generated.SpiderDefinition;
import java.lang.reflect.InvocationTargetException;

/**
 * Finds the definition the processor generated for a spider class, by the runtime's naming rule.
 */
final class Definitions {
  private Definitions() {}

  static SpiderDefinition<?> of(Class<?> spiderClass) {
    String name = spiderClass.getPackageName().isEmpty() ? "" : spiderClass.getPackageName() + ".";
    name += SpiderDefinition.generatedClassName(spiderClass.getSimpleName());
    Class<?> generated;
    try {
      generated = Class.forName(name, true, spiderClass.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "no generated definition "
              + name
              + " for "
              + spiderClass.getName()
              + ": is it annotated @Spider, and does the build run"
              + " io.streamspider:streamspider-processor?");
    }
    if (!SpiderDefinition.class.isAssignableFrom(generated)) {
      throw new IllegalArgumentException(name + " is not a SpiderDefinition");
    }
    try {
      return (SpiderDefinition<?>) generated.getConstructor().newInstance();
    } catch (InvocationTargetException
        | InstantiationException
        | IllegalAccessException
        | NoSuchMethodException e) {
      throw new IllegalArgumentException("cannot create " + name + ": " + e, e);
    }
  }
}
