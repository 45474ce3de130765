package io.streamspider.host.internal.tools;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code select ...} or {@code form ...} as a process of its own (the host's main also has them).
 */
public final class ToolsMain {
  private ToolsMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(Arrays.asList(args), out, err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    String command = args.isEmpty() ? "" : args.get(0);
    List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
    switch (command) {
      case "select":
        return SelectCommand.run(rest, System.in, out, err);
      case "form":
        return FormCommand.run(rest, System.in, out, err);
      default:
        String message =
            command.isEmpty()
                ? "missing command: select or form"
                : "unknown command " + command + ": expected select or form";
        err.println(message);
        err.println(SelectCommand.USAGE);
        err.println(FormCommand.USAGE);
        return 2;
    }
  }
}
