package io.streamspider.bench.crawl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One way of crawling the site: fetch every page, extract title and price, follow every link. */
interface CrawlSide {
  /** The crawl's settings, the same for every side. */
  record Config(int concurrentRequests, int concurrentRequestsPerDomain) {}

  /**
   * What a crawl did. {@code crawlSeconds} excludes process start-up; {@code wallSeconds} includes
   * it; {@code cpuSeconds} is user + system time of all the side's processes, start-up included;
   * memory: peak summed RSS of the side's processes, each one's own peak, the peak per quarter of
   * the run; CPU seconds by process name (see {@link ProcessTree}).
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
      String rssQuarters,
      Map<String, Double> cpuByProcess) {
    double pagesPerSecond() {
      return pages / crawlSeconds;
    }

    double cpuPerThousandPages() {
      return cpuSeconds * 1000.0 / pages;
    }

    /**
     * CPU seconds per 1,000 pages by process, e.g. {@code host JVM 4.10, spider JVM 1.02, java
     * --local 0.09, unattributed 0.01}; "-" for a side of one process.
     */
    String cpuPerThousandByProcess() {
      if (cpuByProcess.size() <= 2) {
        return "-";
      }
      List<String> parts = new ArrayList<>();
      cpuByProcess.forEach(
          (name, s) -> parts.add(String.format(Locale.ROOT, "%s %.2f", name, s * 1000.0 / pages)));
      return String.join(", ", parts);
    }
  }

  String label();

  Result crawl(String startUrl, Config config, Path workDir) throws Exception;
}
