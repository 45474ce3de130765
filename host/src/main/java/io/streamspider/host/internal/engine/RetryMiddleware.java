package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import io.streamspider.host.internal.engine.Failures.Failure;
import java.util.List;

/**
 * Scrapy's {@code RetryMiddleware} (550): statuses in RETRY_HTTP_CODES and network failures are
 * retried RETRY_TIMES (meta {@code max_retry_times}) with {@code dont_filter} and
 * RETRY_PRIORITY_ADJUST (meta {@code priority_adjust}), unless meta {@code dont_retry}.
 */
final class RetryMiddleware implements DownloaderMiddleware {
  static final String LOG = "scrapy.downloadermiddlewares.retry";

  private final List<Integer> httpCodes;
  private final long retryTimes;
  private final long priorityAdjust;
  private final Stats stats;
  private final HostLog log;

  RetryMiddleware(Settings settings, Stats stats, HostLog log) {
    this.httpCodes = settings.getIntList("RETRY_HTTP_CODES");
    this.retryTimes = settings.getLong("RETRY_TIMES");
    this.priorityAdjust = settings.getLong("RETRY_PRIORITY_ADJUST");
    this.stats = stats;
    this.log = log;
  }

  @Override
  public int priority() {
    return 550;
  }

  @Override
  public Outcome processResponse(Exchange x) {
    if (!x.job.metaFlag("dont_retry") && httpCodes.contains(x.status)) {
      String message = HttpReasons.statusMessage(x.status);
      if (retry(x.job, message, message)) {
        return Outcome.RESCHEDULE;
      }
    }
    return Outcome.CONTINUE;
  }

  @Override
  public Outcome processException(Job job, Failure failure) {
    if (failure.retryable()
        && !job.metaFlag("dont_retry")
        && retry(job, failure.text(), failure.pythonClass())) {
      return Outcome.RESCHEDULE;
    }
    return Outcome.CONTINUE;
  }

  /** Scrapy's {@code get_retry_request}: true when the job is changed into its retry. */
  private boolean retry(Job job, String reasonText, String reasonKey) {
    int times = (job.meta.get("retry_times") instanceof Number n ? n.intValue() : 0) + 1;
    if (times <= job.metaLong("max_retry_times", retryTimes)) {
      log.debug(LOG, "Retrying " + job.repr() + " (failed " + times + " times): " + reasonText);
      job.meta.put("retry_times", times);
      job.dontFilter = true;
      job.priority += (int) job.metaLong("priority_adjust", priorityAdjust);
      stats.inc("retry/count");
      stats.inc("retry/reason_count/" + reasonKey);
      return true;
    }
    stats.inc("retry/max_reached");
    log.error(
        LOG, "Gave up retrying " + job.repr() + " (failed " + times + " times): " + reasonText);
    return false;
  }
}
