package io.streamspider.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the spider JVM of {@code --local} inherits from the JVM the user started. */
class LocalJvmOptionsTest {
  @Test
  void memoryPropertiesAndFlagsCarryOverPortsAgentsAndFilesDoNot() {
    List<String> given =
        List.of(
            "-Xmx2g",
            "-Xss2m",
            "-Dcategory=books",
            "-XX:+UseZGC",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
            "-javaagent:/opt/agent.jar",
            "-agentpath:/opt/libprof.so",
            "-Xdebug",
            "-Xrunjdwp:transport=dt_socket",
            "-Xlog:gc*:file=gc.log",
            "-Xlog:gc",
            "-Xloggc:gc.log",
            "-XX:StartFlightRecording=filename=a.jfr",
            "-XX:FlightRecorderOptions=stackdepth=96",
            "-Dcom.sun.management.jmxremote.port=9010",
            "-XX:Flags=.hotspotrc",
            "-Djava.class.path=/elsewhere.jar");
    assertEquals(
        List.of(
            "-Xmx2g",
            "-Xss2m",
            "-Dcategory=books",
            "-XX:+UseZGC",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Xlog:gc"),
        Launcher.inheritedJvmOptions(given));
  }
}
