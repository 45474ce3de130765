package io.streamspider.bench.runtime;

/** The start-up baseline: a bare JVM printing one line. */
public final class HelloJvm {
  private HelloJvm() {}

  public static void main(String[] args) {
    System.out.println("{\"type\": \"hello\"}");
  }
}
