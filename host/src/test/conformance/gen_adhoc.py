#!/usr/bin/python3
"""Writes parsel's answers to ad-hoc queries (response.css / response.xpath in a callback) as test data.

Run with Debian's python3 (python3-parsel 1.7; the pyenv python3 on PATH lacks it):

    /usr/bin/python3 host/src/test/conformance/gen_adhoc.py

Output: host/src/test/resources/conformance/adhoc-cases.json. Each case is a document, a first
query (css or xpath), an optional nested query run on each of its results, and an operation
(get, getall, re, re_first, attrib, len); the expectation is what parsel returns. Nothing in the
output is written by hand.
"""

import json
import os

import parsel

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "conformance", "adhoc-cases.json")

SHOP = """<html><head><title>Shop &amp; more</title><base href="/x/"></head><body>
<article class="product" data-id="7" id="p7"><h3><a href="product-7.html" title="Oak &amp; Ash">Oak Flask</a></h3>
  <p class="price" data-price="12.30">Price: &pound;12.30 (was &pound;15.00)</p><p class="tags">gift, eco</p></article>
<article class="product sale" data-id="8"><h3><a href="product-8.html">Linen Pen</a></h3>
  <p class="price" data-price="2.01">Price: &pound;2.01</p></article>
<p>Outside <b>bold</b> text &lt;tag&gt; &#8364;5 &#x20AC;6</p>
</body></html>"""

RSS = """<?xml version="1.0"?><rss><channel><item><title>A</title><link>http://a/</link></item>
<item><title>B &amp; C</title><link>http://b/</link></item></channel></rss>"""

CASES = []


def case(name, query, op, nested=None, arg=None, doc=SHOP, type="html"):
    CASES.append({"name": name, "doc": doc, "type": type, "query": query, "nested": nested,
                  "op": op, "arg": arg})


case("css text getall", ["css", "h3 a::text"], "getall")
case("css attr get", ["css", "h3 a::attr(href)"], "get")
case("get of nothing", ["css", "h4::text"], "get")
case("element markup", ["css", "p.tags"], "getall")
case("xpath attr", ["xpath", "//article/@data-id"], "getall")
case("xpath string result", ["xpath", "count(//article)"], "getall")
case("xpath boolean result", ["xpath", "boolean(//article)"], "get")
# libxml2 reads a leading run of slashes as "//"
case("xpath three leading slashes", ["xpath", "///h3/a/text()"], "getall")
case("xpath four leading slashes", ["xpath", "  ////article/@data-id"], "getall")
case("nested css per article", ["css", "article.product"], "getall", nested=["css", "h3 a::text"])
case("nested relative xpath", ["css", "article"], "getall", nested=["xpath", ".//p[@class='price']/@data-price"])
case("nested absolute xpath sees the whole page", ["css", "article"], "getall", nested=["xpath", "//h3/a/text()"])
case("nested css without descendants", ["css", "article.sale"], "getall", nested=["css", "article::attr(data-id)"])
case("attrib of first", ["css", "article"], "attrib")
case("attrib of a link", ["css", "h3 a"], "attrib")
case("attrib of nothing", ["css", "nav"], "attrib")
case("re whole matches", ["css", "p.price::text"], "re", arg=r"[0-9]+\.[0-9]+")
case("re one group", ["css", "p.price::text"], "re", arg=r"\u00a3([0-9.]+)")
case("re two groups", ["css", "p.price::text"], "re", arg=r"(\d+)\.(\d+)")
case("re named extract", ["css", "p.price::text"], "re", arg=r"was \u00a3(?P<extract>[0-9.]+)")
case("re_first", ["css", "p.price::text"], "re_first", arg=r"[0-9.]+")
case("re_first none", ["css", "p.price::text"], "re_first", arg=r"\$[0-9]+")
case("re keeps lt and amp, replaces others", ["css", "body > p"], "re", arg=r"text .*")
case("re on markup with entities", ["css", "title"], "re", arg=r">(.*)<")
case("len", ["css", "article h3 a"], "len")
case("xml css", ["css", "item title::text"], "getall", doc=RSS, type="xml")
case("xml nested", ["xpath", "//item"], "getall", nested=["xpath", "link/text()"], doc=RSS, type="xml")
case("xml element", ["xpath", "//item[1]/title"], "get", doc=RSS, type="xml")


def run(c):
    sel = parsel.Selector(text=c["doc"], type=c["type"])
    kind, q = c["query"]
    result = sel.css(q) if kind == "css" else sel.xpath(q)
    if c["nested"]:
        kind, q = c["nested"]
        result = result.css(q) if kind == "css" else result.xpath(q)
    op = c["op"]
    if op == "getall":
        return result.getall()
    if op == "get":
        return result.get()
    if op == "re":
        return result.re(c["arg"])
    if op == "re_first":
        return result.re_first(c["arg"])
    if op == "attrib":
        return dict(result.attrib) if result.attrib else {}
    if op == "len":
        return len(result)
    raise ValueError(op)


def main():
    out = []
    for c in CASES:
        c = dict(c)
        c["expected"] = run(c)
        if c["op"] == "attrib":
            c["expected_order"] = list(c["expected"].keys())
        out.append(c)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"parsel": parsel.__version__, "cases": out}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
