package io.streamspider.host.testing;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Java spider speaking the protocol by hand (no runtime, no JSON library), following the same
 * script as {@code spiders/scripted_spider.py}, plus {@code env}: log the environment as a JSON
 * object of names to values.
 */
public final class ScriptedJavaSpider {
  private ScriptedJavaSpider() {}

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out =
        new PrintStream(
            new FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    try (Writer transcript =
        new OutputStreamWriter(new FileOutputStream(args[1], true), StandardCharsets.UTF_8)) {
      for (String step : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
        if (step.isEmpty()) {
          continue;
        }
        int sp = step.indexOf(' ');
        String op = sp < 0 ? step : step.substring(0, sp);
        String arg = sp < 0 ? "" : step.substring(sp + 1);
        switch (op) {
          case "recv" -> {
            for (int i = 0; i < Integer.parseInt(arg); i++) {
              if (!receive(in, transcript)) {
                break;
              }
            }
          }
          case "send" -> {
            out.print(arg + "\n");
            out.flush();
          }
          case "env" -> {
            out.print(
                "{\"type\": \"log\", \"level\": \"INFO\", \"message\": \""
                    + escape(environment())
                    + "\"}\n");
            out.flush();
          }
          case "stderr" -> {
            OutputStream err = new FileOutputStream(java.io.FileDescriptor.err);
            err.write((arg + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
          }
          case "sleep" -> Thread.sleep((long) (Double.parseDouble(arg) * 1000));
          case "exit" -> {
            transcript.flush();
            Runtime.getRuntime().halt(Integer.parseInt(arg));
          }
          case "drain" -> {
            while (receive(in, transcript)) {
              // everything until end of input
            }
          }
          default -> throw new IllegalArgumentException("unknown step " + step);
        }
      }
      while (receive(in, transcript)) {
        // everything until end of input
      }
    }
  }

  private static boolean receive(BufferedReader in, Writer transcript) throws IOException {
    String line = in.readLine();
    if (line == null) {
      return false;
    }
    transcript.write(line + "\n");
    transcript.flush();
    return true;
  }

  private static String environment() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append('"')
          .append(escape(e.getKey()))
          .append("\": \"")
          .append(escape(e.getValue()))
          .append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
