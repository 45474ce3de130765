/**
 * The Scrapy Streaming messages as records, one model for both directions: the runtime (spider
 * side) writes the spider's messages and reads the host's into these records, the embedded host
 * parses the spider's and writes its own. Shared by the two StreamSpider modules; not for spider
 * authors.
 */
package io.streamspider.runtime.protocol;
