package io.streamspider.host.internal.tools;

import io.streamspider.host.select.HtmlPage;
import io.streamspider.host.select.SelectorSyntaxException;
import io.streamspider.runtime.generated.SelectorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code select (--css EXPR | --xpath EXPR) [--url URL] [--xml]}: reads HTML (or, with {@code
 * --xml}, XML, as parsel's {@code type="xml"}, what Scrapy uses for an XmlResponse) on stdin and
 * prints what parsel's {@code .getall()} gives, as a JSON array of strings on one line.
 */
public final class SelectCommand {
  static final String USAGE =
      "usage: select (--css EXPR | --xpath EXPR) [--url URL] [--xml] < page.html\n"
          + "  Prints the selector's results (parsel's getall()) as a JSON array on one line.\n"
          + "  --xml: the input is XML, selected as Scrapy selects an XmlResponse (RSS, Atom,"
          + " sitemaps).";

  private SelectCommand() {}

  /**
   * @return 0 on success, 1 when the expression does not parse or stdin cannot be read, 2 for a
   *     usage error; failures print {@code {"error": "..."}} on {@code out}
   */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    SelectorSpec spec;
    String url;
    boolean xml;
    try {
      CommandLine cl =
          CommandLine.parse(args, Set.of("--css", "--xpath", "--url"), Set.of("--xml"));
      if (cl.help()) {
        out.println(USAGE);
        return 0;
      }
      String css = cl.single("--css");
      String xpath = cl.single("--xpath");
      if (css != null && xpath != null) {
        throw new CommandLine.UsageException("give one of --css and --xpath, not both");
      }
      if (css == null && xpath == null) {
        throw new CommandLine.UsageException("missing --css or --xpath");
      }
      spec = css != null ? SelectorSpec.css(css) : SelectorSpec.xpath(xpath);
      url = cl.single("--url");
      xml = cl.flag("--xml");
    } catch (CommandLine.UsageException e) {
      return usage(e.getMessage(), out, err);
    }
    String html;
    try {
      html = ToolOutput.readUtf8(in);
    } catch (IOException e) {
      ToolOutput.error(out, "cannot read stdin: " + e.getMessage());
      return 1;
    }
    try {
      HtmlPage page = xml ? HtmlPage.parseXml(html, url) : HtmlPage.parse(html, url);
      ToolOutput.json(out, page.getall(spec));
      return 0;
    } catch (SelectorSyntaxException e) {
      ToolOutput.error(out, e.getMessage());
      return 1;
    }
  }

  static int usage(String message, PrintStream out, PrintStream err) {
    ToolOutput.error(out, message);
    err.println(message);
    return 2;
  }
}
