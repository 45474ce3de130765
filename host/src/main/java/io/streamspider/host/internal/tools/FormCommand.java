package io.streamspider.host.internal.tools;

import io.streamspider.host.form.FormException;
import io.streamspider.host.form.FormSubmission;
import io.streamspider.host.form.FormSubmitter;
import io.streamspider.runtime.generated.FormSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code form [--url URL] [--formname N] [--formxpath X] [--formcss C] [--formnumber I] [--formdata
 * NAME=VALUE]... [--clickdata NAME=VALUE]... [--dont-click]}: reads HTML on stdin and prints the
 * request {@code from_response_request} would send, as one JSON object {@code {"method", "url",
 * "body", "headers"}}.
 */
public final class FormCommand {
  /** Scrapy needs a page URL to resolve the action; this one stands in when none is given. */
  public static final String DEFAULT_URL = "http://localhost/";

  static final String USAGE =
      "usage: form [--url URL] [--formname NAME] [--formxpath XPATH] [--formcss CSS]\n"
          + "            [--formnumber N] [--formdata NAME=VALUE]... [--clickdata NAME=VALUE]...\n"
          + "            [--dont-click] < page.html\n"
          + "  Prints the request FormRequest.from_response builds as one JSON object.\n"
          + "  --formdata NAME (no '=') removes the field; a repeated NAME sends a list.\n"
          + "  --url defaults to "
          + DEFAULT_URL;

  private FormCommand() {}

  /**
   * @return 0 on success, 1 when Scrapy would raise (no form, bad index, no clickable...) or stdin
   *     cannot be read, 2 for a usage error; failures print {@code {"error": "..."}}
   */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    FormSpec spec;
    String url;
    try {
      CommandLine cl =
          CommandLine.parse(
              args,
              Set.of(
                  "--url",
                  "--formname",
                  "--formxpath",
                  "--formcss",
                  "--formnumber",
                  "--formdata",
                  "--clickdata"),
              Set.of("--dont-click"));
      if (cl.help()) {
        out.println(USAGE);
        return 0;
      }
      url = cl.single("--url");
      String number = cl.single("--formnumber");
      Integer formnumber = null;
      if (number != null) {
        try {
          formnumber = Integer.valueOf(number.strip());
        } catch (NumberFormatException e) {
          throw new CommandLine.UsageException(
              "--formnumber expects an integer, got '" + number + "'");
        }
      }
      spec =
          new FormSpec(
              cl.single("--formname"),
              cl.single("--formxpath"),
              cl.single("--formcss"),
              formnumber,
              formdata(cl.all("--formdata")),
              clickdata(cl.all("--clickdata")),
              cl.flag("--dont-click") ? Boolean.TRUE : null);
    } catch (CommandLine.UsageException e) {
      return SelectCommand.usage(e.getMessage(), out, err);
    }
    String html;
    try {
      html = ToolOutput.readUtf8(in);
    } catch (IOException e) {
      ToolOutput.error(out, "cannot read stdin: " + e.getMessage());
      return 1;
    }
    try {
      FormSubmission s = FormSubmitter.fromResponse(html, url == null ? DEFAULT_URL : url, spec);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("method", s.method());
      json.put("url", s.url());
      json.put("body", s.body());
      json.put("headers", s.headers());
      ToolOutput.json(out, json);
      return 0;
    } catch (FormException e) {
      ToolOutput.error(out, e.getMessage());
      return 1;
    }
  }

  /** NAME=VALUE pairs; a repeated NAME gives a list, a bare NAME removes the field (null). */
  static Map<String, Object> formdata(List<String> items) throws CommandLine.UsageException {
    if (items.isEmpty()) {
      return null;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq == 0) {
        throw new CommandLine.UsageException("--formdata expects NAME=VALUE, got '" + item + "'");
      }
      if (eq < 0) {
        data.put(item, null);
        continue;
      }
      String name = item.substring(0, eq);
      String value = item.substring(eq + 1);
      Object old = data.get(name);
      if (old instanceof String) {
        List<String> list = new ArrayList<>();
        list.add((String) old);
        list.add(value);
        data.put(name, list);
      } else if (old instanceof List<?>) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) old;
        list.add(value);
      } else {
        data.put(name, value);
      }
    }
    return data;
  }

  static Map<String, String> clickdata(List<String> items) throws CommandLine.UsageException {
    if (items.isEmpty()) {
      return null;
    }
    Map<String, String> data = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.UsageException("--clickdata expects NAME=VALUE, got '" + item + "'");
      }
      data.put(item.substring(0, eq), item.substring(eq + 1));
    }
    return data;
  }
}
