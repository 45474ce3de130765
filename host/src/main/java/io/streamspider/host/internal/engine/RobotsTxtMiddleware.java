package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Scrapy's {@code RobotsTxtMiddleware} (100, ROBOTSTXT_OBEY): fetches {@code /robots.txt} once per
 * scheme and host, ahead of the first request there, through the downloader (not the scheduler); a
 * non-2xx or failed robots.txt allows everything. Its check has to wait for that download, so the
 * engine asks it before a job enters its download slot rather than in the synchronous {@link
 * DownloaderMiddlewares} chain.
 */
final class RobotsTxtMiddleware {
  static final String LOG = "scrapy.downloadermiddlewares.robotstxt";

  private final Map<String, CompletableFuture<RobotsTxt>> robots = new ConcurrentHashMap<>();
  private final String robotsUserAgent; // null: the request's User-Agent, then USER_AGENT
  private final String userAgent;
  private final Stats stats;
  private final HostLog log;
  private final Consumer<Job> download;

  /**
   * @param download takes a robots.txt job straight to the downloader
   */
  RobotsTxtMiddleware(Settings settings, Stats stats, HostLog log, Consumer<Job> download) {
    String agent = settings.getString("ROBOTSTXT_USER_AGENT");
    this.robotsUserAgent = agent == null || agent.isEmpty() ? null : agent;
    this.userAgent = settings.getString("USER_AGENT");
    this.stats = stats;
    this.log = log;
    this.download = download;
  }

  /** Whether the job waits for robots.txt (meta {@code dont_obey_robotstxt} skips it). */
  boolean applies(Job job) {
    return !job.metaFlag("dont_obey_robotstxt");
  }

  /** The robots.txt rules for the job's scheme and host, fetched on first use. */
  CompletableFuture<RobotsTxt> rulesFor(Job job) {
    URI uri;
    try {
      uri = new URI(job.url);
    } catch (URISyntaxException e) {
      return CompletableFuture.completedFuture(RobotsTxt.allowAll());
    }
    if (uri.getRawAuthority() == null) {
      return CompletableFuture.completedFuture(RobotsTxt.allowAll());
    }
    return robots.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), this::fetch);
  }

  /**
   * True when {@code rules} forbid the job (logged, counted as {@code robotstxt/forbidden}); the
   * caller fails it with Scrapy's IgnoreRequest text.
   */
  boolean forbids(RobotsTxt rules, Job job) {
    if (rules == null || rules.allowed(job.url, userAgent(job))) {
      return false;
    }
    log.debug(LOG, "Forbidden by robots.txt: " + job.repr());
    stats.inc("robotstxt/forbidden");
    return true;
  }

  private String userAgent(Job job) {
    String agent = robotsUserAgent;
    if (agent == null) {
      List<String> ua = HeaderNames.get(job.headers, "User-Agent");
      agent = ua.isEmpty() ? userAgent : ua.get(0);
    }
    return agent == null ? Settings.DEFAULT_USER_AGENT : agent;
  }

  private CompletableFuture<RobotsTxt> fetch(String origin) {
    CompletableFuture<RobotsTxt> f = new CompletableFuture<>();
    String url = origin + "/robots.txt";
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("dont_obey_robotstxt", true);
    Job r =
        new Job(
            "GET",
            url,
            new LinkedHashMap<>(),
            new byte[0],
            meta,
            1000,
            true,
            null,
            true,
            result -> {
              stats.inc("robotstxt/response_count");
              stats.inc("robotstxt/response_status_count/" + result.status());
              f.complete(
                  result.status() >= 200 && result.status() < 300
                      ? parse(result.body())
                      : RobotsTxt.allowAll());
            },
            text -> {
              log.error(LOG, "Error downloading <GET " + url + ">: " + text);
              stats.inc("robotstxt/exception_count");
              f.complete(RobotsTxt.allowAll());
            });
    stats.inc("robotstxt/request_count");
    download.accept(r);
    return f;
  }

  private RobotsTxt parse(byte[] body) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      return RobotsTxt.parse(text);
    } catch (CharacterCodingException e) {
      log.warning(
          LOG,
          "Failure while parsing robots.txt. File either contains garbage or is in "
              + "an encoding other than UTF-8, treating it as an empty file.");
      return RobotsTxt.allowAll();
    }
  }
}
