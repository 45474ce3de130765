#!/usr/bin/python3
"""What Python's json and Scrapy write for the same values: the one JSON policy's test data.

Run with Debian's python3 (python3-scrapy 2.8, python3-parsel; the pyenv python3 on PATH lacks
them):

    /usr/bin/python3 host/src/test/python/json_policy.py

Reads host/src/test/resources/json-policy/items.json and writes expected.json next to it. For
each item, the text each kind of writer produces, all by the real libraries:

- "cloud": json.dumps(item, ensure_ascii=True, separators=(",", ":")), the payload of Scrapy
  Cloud's ITM line (its reference writer), and what the select/form tools print;
- "feed": one line of Scrapy's JsonLinesItemExporter with FEED_EXPORT_ENCODING=utf-8, without
  its newline (what the .jsonl feed and the parse dev command print);
- "host": json.dumps(item), the layout of a Scrapy Streaming host's lines;
- "plain_floats": whether every float of the item is in [1e-3, 1e7), where Python's repr and
  Java's Double.toString spell a float alike (outside it Java writes 1.0E20 for 1e+20).

And "select": parsel's getall() of a few queries on one page, dumped as the select tool prints
it (json.dumps, ensure_ascii=True, compact separators). Nothing in the output is hand-written.
"""
import io
import json
import os

import parsel
from scrapy.exporters import JsonLinesItemExporter

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.normpath(os.path.join(HERE, "..", "resources", "json-policy"))

PAGE = ("<html><body><ul><li>café</li><li>日本語 😀</li><li>tab\there\nline</li>"
        "<li>quote \" back \\ del\x7f</li><li title=\"a&amp;b é\">é&eacute;&nbsp;</li></ul></body></html>")
QUERIES = ["li::text", "li::attr(title)", "li"]


def floats(v):
    if isinstance(v, float):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from floats(x)
    elif isinstance(v, list):
        for x in v:
            yield from floats(x)


def feed_line(item):
    out = io.BytesIO()
    exporter = JsonLinesItemExporter(out, encoding="utf-8")
    exporter.start_exporting()
    exporter.export_item(item)
    exporter.finish_exporting()
    line = out.getvalue().decode("utf-8")
    assert line.endswith("\n") and line.count("\n") == 1, line
    return line[:-1]


def main():
    with open(os.path.join(RES, "items.json"), encoding="utf-8") as f:
        cases = json.load(f)
    expected = []
    for c in cases:
        item = c["item"]
        expected.append({
            "case": c["case"],
            "cloud": json.dumps(item, ensure_ascii=True, separators=(",", ":")),
            "feed": feed_line(item),
            "host": json.dumps(item),
            "plain_floats": all(f == 0 or 1e-3 <= abs(f) < 1e7 for f in floats(item)),
        })
    sel = parsel.Selector(text=PAGE)
    select = [{"page": PAGE, "css": q,
               "printed": json.dumps(sel.css(q).getall(), ensure_ascii=True, separators=(",", ":"))}
              for q in QUERIES]
    with open(os.path.join(RES, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump({"items": expected, "select": select}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", len(expected), "items and", len(select), "select cases")


if __name__ == "__main__":
    main()
