package io.streamspider.bench.crawl;

import java.nio.file.Path;

/** One way of crawling the site: fetch every page, extract title and price, follow every link. */
interface CrawlSide {
  /** The crawl's settings, the same for every side. */
  record Config(int concurrentRequests, int concurrentRequestsPerDomain) {}

  /**
   * What a crawl did. {@code crawlSeconds} excludes process start-up; {@code wallSeconds} includes
   * it; {@code cpuSeconds} is user + system time of all the side's processes, start-up included;
   * memory: peak summed RSS of the side's processes, each one's own peak, the peak per quarter of
   * the run (see {@link ProcessTree}).
   */
  record Result(
      String label,
      long pages,
      long items,
      long failures,
      double crawlSeconds,
      double wallSeconds,
      Path itemsFile,
      double cpuSeconds,
      double peakRssMib,
      String perProcessMib,
      String rssQuarters) {
    double pagesPerSecond() {
      return pages / crawlSeconds;
    }

    double cpuPerThousandPages() {
      return cpuSeconds * 1000.0 / pages;
    }
  }

  String label();

  Result crawl(String startUrl, Config config, Path workDir) throws Exception;
}
