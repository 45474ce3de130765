/** The runtime's implementation: the Scrapy Streaming loop, its launcher and outputs. Not API. */
package io.streamspider.runtime.internal;
