/**
 * The Scrapy Streaming messages as records, written by the runtime (spider side) and by the
 * embedded host (host side). Shared by the two StreamSpider modules; not for spider authors.
 */
package io.streamspider.runtime.protocol;
