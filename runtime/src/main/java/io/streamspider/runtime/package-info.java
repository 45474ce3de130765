/**
 * What a spider author uses: {@link io.streamspider.runtime.Request}, {@link
 * io.streamspider.runtime.Response} (with {@link io.streamspider.runtime.Selection}), {@link
 * io.streamspider.runtime.Failure}, {@link io.streamspider.runtime.SpiderArguments} with its {@link
 * io.streamspider.runtime.SpiderState}, and the entry point {@link
 * io.streamspider.runtime.StreamSpider}. Every other package of this module is for generated code,
 * other StreamSpider modules, or the implementation.
 */
package io.streamspider.runtime;
