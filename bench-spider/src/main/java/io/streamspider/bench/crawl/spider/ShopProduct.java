package io.streamspider.bench.crawl.spider;

/**
 * One product page of the realistic shop, as the benchmark's Scrapy and WebMagic spiders write it.
 */
public record ShopProduct(String url, String title, String price, String sku) {}
