package io.streamspider.host.internal.engine;

import io.streamspider.host.internal.HostLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An engine with a captured log, and helpers to submit requests and wait for their answer. */
final class EngineHarness implements AutoCloseable {
  /** The one answer to a request (or its admission when it was dropped). */
  record Outcome(Downloader.Admission admission, DownloadResult result, String failure) {
    String text() {
      return result == null ? null : new String(result.body(), StandardCharsets.UTF_8);
    }
  }

  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final HostLog log =
      new HostLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), HostLog.Level.DEBUG);
  final Engine engine;

  EngineHarness(String... settings) {
    engine = new Engine(Settings.builder().commandLine(Arrays.asList(settings)).build(log), log);
    engine.start();
  }

  static DownloadRequest get(String url) {
    return request("GET", url, Map.of(), 0, false);
  }

  static DownloadRequest request(
      String method, String url, Map<String, Object> meta, int priority, boolean dontFilter) {
    return new DownloadRequest(
        method,
        url,
        Map.of(),
        new byte[0],
        new LinkedHashMap<>(meta),
        null,
        priority,
        dontFilter,
        null);
  }

  CompletableFuture<Outcome> submit(DownloadRequest r) {
    CompletableFuture<Outcome> f = new CompletableFuture<>();
    Downloader.Admission a =
        engine.submit(
            r,
            result -> {
              if (!f.complete(new Outcome(Downloader.Admission.SCHEDULED, result, null))) {
                throw new AssertionError("second answer for " + r.url());
              }
            },
            failure -> {
              if (!f.complete(new Outcome(Downloader.Admission.SCHEDULED, null, failure))) {
                throw new AssertionError("second answer for " + r.url());
              }
            });
    if (a != Downloader.Admission.SCHEDULED) {
      f.complete(new Outcome(a, null, null));
    }
    return f;
  }

  Outcome fetch(DownloadRequest r) throws Exception {
    return submit(r).get(30, TimeUnit.SECONDS);
  }

  Outcome fetch(String url) throws Exception {
    return fetch(get(url));
  }

  List<String> logLines() {
    List<String> out = new ArrayList<>();
    for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  /** Log messages without the timestamp: {@code [component] LEVEL: text}. */
  List<String> messages() {
    List<String> out = new ArrayList<>();
    for (String line : logLines()) {
      out.add(line.length() > 20 ? line.substring(20) : line);
    }
    return out;
  }

  String logText() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  long stat(String key) {
    return engine.stats().getLong(key);
  }

  @Override
  public void close() {
    engine.close();
  }
}
