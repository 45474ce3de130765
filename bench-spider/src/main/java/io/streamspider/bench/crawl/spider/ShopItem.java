package io.streamspider.bench.crawl.spider;

/** One product page, as the Scrapy spider of the benchmark yields it. */
public record ShopItem(String url, String title, String price) {}
