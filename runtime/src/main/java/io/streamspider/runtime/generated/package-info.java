/**
 * Types for code the StreamSpider annotation processor generates ({@code *_StreamSpider} classes):
 * the dispatch table ({@link io.streamspider.runtime.generated.SpiderDefinition}, {@link
 * io.streamspider.runtime.generated.Callback}, ...). Not for spider authors: nothing here is API,
 * and it changes with the processor that generates code against it (as Dagger's {@code
 * dagger.internal}).
 */
package io.streamspider.runtime.generated;
