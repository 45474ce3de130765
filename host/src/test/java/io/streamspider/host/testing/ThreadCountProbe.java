package io.streamspider.host.testing;

import io.streamspider.host.internal.LocalHostProvider;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs a crawl on the embedded host (as {@code --local} does) in this JVM and prints how many
 * threads the JVM started in all: {@code exit=E threads=T parallelism=P}. Arguments: the scripted
 * spider's script and transcript files.
 */
public final class ThreadCountProbe {
  private ThreadCountProbe() {}

  public static void main(String[] args) throws Exception {
    List<String> spider = new ArrayList<>(HostRun.javaCommand(ScriptedJavaSpider.class));
    spider.add(args[0]);
    spider.add(args[1]);
    int exit = new LocalHostProvider().run(spider, List.of("-s", "LOG_LEVEL=INFO"));
    System.out.println(
        "exit="
            + exit
            + " threads="
            + ManagementFactory.getThreadMXBean().getTotalStartedThreadCount()
            + " parallelism="
            + ForkJoinPool.getCommonPoolParallelism());
  }
}
