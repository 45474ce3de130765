package io.streamspider.runtime.generated;

import io.streamspider.runtime.Failure;
import io.streamspider.runtime.Response;
import io.streamspider.runtime.SpiderArguments;
import java.util.Collection;
import java.util.Set;

/**
 * A spider's compiled dispatch table. The annotation processor generates one implementation per
 * {@code @Spider} class (named by {@link #generatedClassName(String)}) and registers it in {@code
 * META-INF/services/io.streamspider.runtime.generated.SpiderDefinition}; the runtime finds it with
 * {@link java.util.ServiceLoader} and calls the spider's methods only through it, never
 * reflectively.
 *
 * @param <S> the spider class
 */
public interface SpiderDefinition<S> {

  /** The {@code spider} message's content. */
  SpiderInfo info();

  /** Every callback of the spider. */
  Collection<Callback> callbacks();

  /** The callback with this id, or null. */
  Callback callback(String id);

  /** Names of the spider's {@code @SpiderArg} arguments. */
  Set<String> argumentNames();

  /**
   * Creates the spider and fills its {@code @SpiderArg} fields.
   *
   * @throws IllegalArgumentException naming the argument that is missing or malformed
   */
  S newSpider(SpiderArguments arguments);

  /**
   * Calls the callback's method with its bound parameters.
   *
   * @return what the method returned (null, an item, a request, or an {@code Iterable}/{@code
   *     Stream}/array of them)
   */
  Object invoke(S spider, Callback callback, Response response) throws Exception;

  /**
   * Calls the callback's {@code @OnError} method; only called when {@link
   * Callback#hasErrorHandler()}.
   */
  Object onError(S spider, Callback callback, Failure failure) throws Exception;

  /** The naming rule of generated spider classes, shared by the processor and the runtime. */
  static String generatedClassName(String spiderSimpleName) {
    return spiderSimpleName + "_StreamSpider";
  }

  /** The naming rule of generated typed request factories. */
  static String generatedRequestsName(String spiderSimpleName) {
    return spiderSimpleName + "_Requests";
  }
}
