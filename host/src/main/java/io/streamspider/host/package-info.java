/**
 * The embedded Scrapy Streaming host: {@link io.streamspider.host.HostMain} (the command line:
 * {@code crawl}, {@code list}, {@code streaming}, {@code select}, {@code form}) and {@link
 * io.streamspider.host.StreamingHost} (the same from Java). Selectors are in {@code
 * io.streamspider.host.select}, forms in {@code io.streamspider.host.form}; every {@code internal}
 * package is the implementation and not API.
 */
package io.streamspider.host;
