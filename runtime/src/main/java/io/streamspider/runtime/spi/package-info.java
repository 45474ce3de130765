/**
 * Services the runtime looks up with {@link java.util.ServiceLoader} when other StreamSpider jars
 * are on the class path: the embedded host ({@link io.streamspider.runtime.spi.EmbeddedHost}, for
 * {@code --local} and the host commands), its selector engine ({@link
 * io.streamspider.runtime.spi.LocalSelectors}) and a spider run inside the host's JVM ({@link
 * io.streamspider.runtime.spi.InProcessSpider}). Implemented by the {@code host} module; not for
 * spider authors.
 */
package io.streamspider.runtime.spi;
