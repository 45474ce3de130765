package io.streamspider.runtime.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamspider.harness.ScriptedHost;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built runtime jar, with the test spiders, as the spider a {@link ScriptedHost} runs. */
public final class RuntimeJar {
  private RuntimeJar() {}

  /** The class path of the child: the packaged runtime jar, test classes, dependencies. */
  public static List<String> classPath() {
    String jar = System.getProperty("streamspider.jar");
    assertNotNull(jar, "streamspider.jar system property (set by the failsafe configuration)");
    assertTrue(new File(jar).isFile(), "the built runtime jar exists: " + jar);
    List<String> cp = new ArrayList<>();
    cp.add(jar);
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      // the runtime's own classes come from the built jar, not from target/classes
      if (!p.isEmpty() && !Path.of(p).endsWith(Path.of("target", "classes"))) {
        cp.add(p);
      }
    }
    return cp;
  }

  /** {@code java <jvmOptions> -cp <jar and tests> io.streamspider.runtime.StreamSpider <args>}. */
  public static List<String> command(List<String> args, String... jvmOptions) {
    return ScriptedHost.javaCommand(
        classPath(), List.of(jvmOptions), "io.streamspider.runtime.StreamSpider", args);
  }

  /** The runtime jar started with {@code args}, driven by a scripted host. */
  static ScriptedHost start(List<String> args, String... jvmOptions) throws IOException {
    return new ScriptedHost(command(args, jvmOptions));
  }

  /** A {@code ShopSpider} page: the JSON script of what its callback does. */
  static String script(Map<String, Object> script) throws IOException {
    return ScriptedHost.JSON.writeValueAsString(script);
  }
}
