package io.streamspider.bench.crawl;

import java.nio.file.Path;

/** One way of crawling the site: fetch every page, extract title and price, follow every link. */
interface CrawlSide {
  /** The crawl's settings, the same for every side. */
  record Config(int concurrentRequests, int concurrentRequestsPerDomain) {}

  /** What a crawl did. {@code crawlSeconds} excludes process start-up; {@code wallSeconds} includes it. */
  record Result(String label, long pages, long items, long failures, double crawlSeconds, double wallSeconds,
      Path items_file) {
    double pagesPerSecond() {
      return pages / crawlSeconds;
    }
  }

  String label();

  Result crawl(String startUrl, Config config, Path workDir) throws Exception;
}
