#!/usr/bin/python3
"""Writes the tree lxml builds for generated HTML pages, as test data for LxmlTreeDifferentialTest.

Run with Debian's python3 (python3-parsel, python3-lxml; not the pyenv python3 on PATH):

    /usr/bin/python3 host/src/test/conformance/gen_trees.py

Output: host/src/test/resources/conformance/tree-cases.json. Pages:

- "random-NNN": random pages from a grammar biased towards realistic, mostly well-formed markup
  (doctype, head with meta/link/title/script/style/JSON-LD, nested sections, lists, tables,
  forms, inline markup, entity references, non-ASCII text, comments, white space everywhere).
  Page NNN is made by random.Random(SEED + NNN) alone, so one page can be regenerated on its own.
  A page's fault rate is 0 for about a third of the pages and up to 12% per fault site for the
  others; a fault is one of the mistakes real pages make (unclosed p/li/td/tr/option, stray end
  tags, misnested inline tags, a div inside a p, text in the head, content after </html>, <x/>
  on a non-void element, unknown tags, HTML5-only void tags, upper-case names, duplicate
  attributes, entities without their semicolon, CR and CRLF line ends).
- "snippet-NN": short pages, each one of the places where libxml2 and HTML5 part ways.
- "shop-...": the realistic shop pages of the crawl benchmark, read from trees/shop-*.html
  (written by ShopPagesDump.java next to this script from benchmarks' ShopPages; see there).

For each page the file holds the page (inline, or the name of its file), the tree parsel parses
(parsel.Selector(text=html).root: lxml.html's HTMLParser with recover=True, encoding="utf8",
huge_tree=True over the stripped, NUL-free source), as one JSON array per node in document order:

    [depth, "e", name, [[attribute, value], ...]]   an element, attributes in source order (the
                                                    list left out when it has none)
    [depth, "t", text]                              a text node
    [depth, "c", text]                              a comment
    [depth, "p", target, data]                      a processing instruction

depth 0 is a child of the document (comments and processing instructions around the root, the
root element, and what libxml2 puts after it). The nodes are libxml2's nodes as XPath sees them
(node() and @* of each element), not lxml's .text/.tail, which join adjacent text nodes; every
page is checked against parsel's own //text(), //comment() and //node() before it is written.
The doctype is not a node of the tree (lxml keeps it in docinfo) and is not recorded.
"get" is Selector(text=html).get(), lxml's HTML serialisation of the root element.
"""

import json
import os
import random

from parsel import Selector

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources", "conformance")
OUT = os.path.join(RESOURCES, "tree-cases.json")
SHOP_DIR = os.path.join(RESOURCES, "trees")
SHOP_PAGES = ["shop-product-7.html", "shop-product-1234.html", "shop-listing-2.html"]
SEED = 15_000
RANDOM_PAGES = 260

WORDS = (
    "the quick brown fox jumps over lazy dog price stock shipping free returns size colour "
    "cotton wool steel oak linen review great value fast delivery warranty new sale"
).split()
NON_ASCII = ["café", "naïve", "Größe", "øre", "€9,99", "日本語", "Ελληνικά", "привет", "☺", "—", "½"]
ENTITIES = ["&amp;", "&nbsp;", "&copy;", "&#233;", "&#x263A;", "&lt;", "&gt;", "&quot;", "&eacute;",
            "&hellip;", "&raquo;", "&euro;", "&trade;", "&#8212;", "&#39;"]
UNKNOWN_ENTITIES = ["&foo;", "&nbspx;", "&zz;", "&#xZZ;"]
NO_SEMICOLON = ["&amp", "&copy", "&nbsp", "&lt", "&eacute"]
CLASSES = ["row", "col", "card", "item", "active", "btn btn-primary", "nav-link", "price", "hidden",
           "container", "grid", "title"]
UNKNOWN_TAGS = ["widget", "my-card", "x-icon", "foo", "svg:path", "custom"]
HTML5_VOID = ["source", "wbr", "embed", "track"]


class Page:
    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        self.fault = 0.0 if r.random() < 0.35 else r.choice([0.02, 0.05, 0.08, 0.12])
        self.pretty = r.random() < 0.7  # indented, one block per line
        self.faults = []

    def chance(self, p):
        return self.r.random() < p

    def faulty(self, name):
        if self.fault and self.r.random() < self.fault:
            self.faults.append(name)
            return True
        return False

    def nl(self, depth):
        if not self.pretty:
            return self.r.choice(["", "", "", " ", "\n"])
        return "\n" + "  " * depth

    # --- text and attributes ---------------------------------------------------------------

    def text(self, n=None):
        r = self.r
        parts = []
        for _ in range(n or r.randint(1, 8)):
            k = r.random()
            if k < 0.7:
                parts.append(r.choice(WORDS))
            elif k < 0.82:
                parts.append(r.choice(NON_ASCII))
            elif k < 0.97:
                parts.append(r.choice(ENTITIES))
            elif self.faulty("entity without semicolon"):
                parts.append(r.choice(NO_SEMICOLON))
            else:
                parts.append(r.choice(UNKNOWN_ENTITIES))
        out = ""
        for p in parts:
            out += p + r.choice([" ", " ", " ", "", "  ", "\n", "\t"])
        return out.rstrip() if r.random() < 0.5 else out

    def value(self):
        r = self.r
        k = r.random()
        if k < 0.4:
            return r.choice(CLASSES)
        if k < 0.7:
            return "/" + "/".join(r.choice(WORDS) for _ in range(r.randint(1, 3))) + r.choice(
                ["", ".html", "?q=1&amp;page=2", "?a=1&b=2", "#top"])
        if k < 0.85:
            return str(r.randint(0, 999))
        return self.text(r.randint(1, 3)).strip().replace('"', "").replace("'", "")

    def attr(self, name, value=None):
        r = self.r
        if self.faulty("upper-case attribute"):
            name = name.upper()
        if value is None:
            return " " + name
        plain = value and all(c.isalnum() or c in "-_./" for c in value)
        q = r.random()
        if q < 0.6 or (not plain and q < 0.8):
            s = '"' + value.replace('"', "&quot;") + '"'
        elif q < 0.8 or not plain:
            s = "'" + value.replace("'", "&#39;") + "'"
        else:
            s = value
        sep = r.choice(["=", "=", "=", " = "])
        return r.choice([" ", " ", " ", "  ", "\n  "]) + name + sep + s

    def attrs(self, tag, n=None):
        r = self.r
        out = ""
        names = []
        for _ in range(r.randint(0, 3) if n is None else n):
            k = r.random()
            if k < 0.35:
                name = "class"
            elif k < 0.5:
                name = "id"
            elif k < 0.6:
                name = "title"
            elif k < 0.75:
                name = "data-" + r.choice(["id", "sku", "x", "track", "role"])
            elif k < 0.85:
                name = r.choice(["hidden", "data-flag", "itemscope"])
                if name not in names:
                    names.append(name)
                    out += self.attr(name)
                continue
            else:
                name = r.choice(["style", "lang", "aria-label", "role", "tabindex"])
            if name in names:
                continue
            names.append(name)
            out += self.attr(name, self.value())
        if names and self.faulty("duplicate attribute"):
            out += self.attr(r.choice(names), self.value())
        return out

    def start(self, tag, attrs=""):
        if self.faulty("upper-case tag"):
            tag = tag.upper()
        return "<" + tag + attrs + ">"

    def end(self, tag):
        if self.faulty("upper-case end tag"):
            tag = tag.upper()
        return "</" + tag + ">"

    # --- inline content --------------------------------------------------------------------

    def inline(self, depth, budget):
        r = self.r
        out = ""
        for _ in range(r.randint(1, 4)):
            k = r.random()
            if k < 0.45 or budget <= 0:
                out += self.text()
            elif k < 0.6:
                tag = r.choice(["a", "span", "b", "i", "em", "strong", "small", "code"])
                a = self.attrs(tag)
                if tag == "a":
                    a = self.attr("href", self.value()) + a
                out += self.start(tag, a) + self.inline(depth + 1, budget - 1)
                if not (tag in ("b", "i", "em", "strong") and self.faulty("unclosed inline")):
                    out += self.end(tag)
            elif k < 0.67:
                out += self.start("img", self.attr("src", "/img/" + str(r.randint(1, 99)) + ".jpg")
                                  + self.attr("alt", self.value()) + self.attrs("img", 1))
            elif k < 0.74:
                out += r.choice(["<br>", "<br/>", "<br />", "<BR>"])
            elif k < 0.8:
                out += "<!--" + r.choice([" note ", "", "x-y", " <b>old</b> ", "-"]) + "-->"
            elif k < 0.85 and self.faulty("misnested inline"):
                out += "<b>" + self.text(2) + "<i>" + self.text(2) + "</b>" + self.text(1) + "</i>"
            elif k < 0.9 and self.faulty("self-closed non-void"):
                out += "<" + r.choice(["span", "div", "a", "i", "p"]) + "/>"
            elif k < 0.93 and self.faulty("unknown tag"):
                t = r.choice(UNKNOWN_TAGS)
                out += "<" + t + self.attrs(t) + ">" + self.text(2) + "</" + t + ">"
            elif k < 0.96 and self.faulty("html5 void tag"):
                t = r.choice(HTML5_VOID)
                out += "<" + t + self.attr("src", self.value()) + ">"
            elif k < 0.98 and self.faulty("stray end tag"):
                out += "</" + r.choice(["span", "div", "b", "p", "li", "td", "table", "form"]) + ">"
            else:
                out += self.text()
        return out

    # --- blocks ----------------------------------------------------------------------------

    def block(self, depth, budget):
        r = self.r
        nl = self.nl(depth)
        k = r.random()
        if budget <= 0 or k < 0.18:
            tag = r.choice(["p", "p", "h1", "h2", "h3", "h4", "h5", "h6"])
            body = self.inline(depth + 1, 2)
            if tag == "p" and self.faulty("div inside p"):
                body += "<div>" + self.text(2) + "</div>"
            close = not (tag == "p" and self.faulty("unclosed p"))
            return nl + self.start(tag, self.attrs(tag)) + body + (self.end(tag) if close else "")
        if k < 0.4:
            tag = r.choice(["div", "div", "div", "section", "article", "nav", "header", "footer",
                            "aside", "main"])
            inner = "".join(self.block(depth + 1, budget - 1) for _ in range(r.randint(1, 4)))
            return nl + self.start(tag, self.attrs(tag)) + inner + nl + self.end(tag)
        if k < 0.52:
            return self.list(depth, budget)
        if k < 0.62:
            return self.table(depth, budget)
        if k < 0.7:
            return self.form(depth)
        if k < 0.76:
            return nl + "<!--" + r.choice([" block ", " end .row ", "[if IE]><p>x</p><![endif]",
                                           " a -- b "]) + "-->"
        if k < 0.82:
            return nl + self.inline(depth, 2)
        if k < 0.86:
            return nl + "<hr" + self.attrs("hr", 1) + ">"
        if k < 0.9:
            return self.script(depth)
        return nl + "<blockquote>" + self.inline(depth + 1, 2) + "</blockquote>"

    def list(self, depth, budget):
        r = self.r
        nl = self.nl(depth)
        tag = r.choice(["ul", "ul", "ol"])
        out = nl + self.start(tag, self.attrs(tag))
        for _ in range(r.randint(1, 5)):
            out += self.nl(depth + 1) + self.start("li", self.attrs("li"))
            if r.random() < 0.2 and budget > 1:
                out += self.block(depth + 2, budget - 2)
            else:
                out += self.inline(depth + 2, 1)
            if not self.faulty("unclosed li"):
                out += self.end("li")
        return out + nl + self.end(tag)

    def table(self, depth, budget):
        r = self.r
        nl = self.nl(depth)
        out = nl + self.start("table", self.attrs("table"))
        if r.random() < 0.2:
            out += self.nl(depth + 1) + "<caption>" + self.text(2) + "</caption>"
        sections = r.random() < 0.4
        if sections:
            out += self.nl(depth + 1) + "<thead><tr><th>" + self.text(1) + "</th><th>" + \
                self.text(1) + "</th></tr></thead>" + self.nl(depth + 1) + "<tbody>"
        for _ in range(r.randint(1, 4)):
            out += self.nl(depth + 1) + self.start("tr", self.attrs("tr", r.randint(0, 1)))
            for _ in range(r.randint(1, 3)):
                cell = r.choice(["td", "td", "th"])
                out += self.nl(depth + 2) + self.start(cell, self.attrs(cell, r.randint(0, 1)))
                if r.random() < 0.15 and budget > 1:
                    out += self.block(depth + 3, budget - 2)
                else:
                    out += self.inline(depth + 3, 1)
                if not self.faulty("unclosed td"):
                    out += self.end(cell)
            if not self.faulty("unclosed tr"):
                out += self.end("tr")
        if sections:
            out += self.nl(depth + 1) + "</tbody>"
        return out + nl + self.end("table")

    def form(self, depth):
        r = self.r
        nl = self.nl(depth)
        d = self.nl(depth + 1)
        out = nl + self.start("form", self.attr("action", self.value())
                              + self.attr("method", r.choice(["post", "get", "POST"]))
                              + self.attrs("form", r.randint(0, 1)))
        for _ in range(r.randint(1, 5)):
            k = r.random()
            if k < 0.35:
                t = r.choice(["text", "hidden", "checkbox", "radio", "submit", "email", "number"])
                a = self.attr("type", t) + self.attr("name", r.choice(WORDS))
                if r.random() < 0.7:
                    a += self.attr("value", self.value())
                if t in ("checkbox", "radio") and r.random() < 0.5:
                    a += self.attr("checked")
                if r.random() < 0.1:
                    a += self.attr("disabled")
                out += d + "<input" + a + r.choice([">", ">", "/>", " />"])
            elif k < 0.55:
                out += d + self.start("select", self.attr("name", r.choice(WORDS))
                                      + (self.attr("multiple") if r.random() < 0.2 else ""))
                for i in range(r.randint(1, 4)):
                    a = self.attr("value", str(i)) if r.random() < 0.8 else ""
                    if r.random() < 0.2:
                        a += self.attr("selected")
                    out += self.nl(depth + 2) + self.start("option", a) + self.text(2)
                    if not self.faulty("unclosed option"):
                        out += self.end("option")
                out += d + self.end("select")
            elif k < 0.7:
                out += d + "<textarea" + self.attr("name", r.choice(WORDS)) + ">" + \
                    r.choice(["", self.text(3), "a <b>not bold</b> &amp; x", "\nline\n"]) + \
                    "</textarea>"
            elif k < 0.85:
                out += d + "<label" + self.attrs("label", r.randint(0, 1)) + ">" + self.text(2) + \
                    "</label>"
            else:
                out += d + "<button" + self.attr("type", r.choice(["submit", "button"])) + ">" + \
                    self.text(1) + "</button>"
        return out + nl + self.end("form")

    def script(self, depth):
        r = self.r
        nl = self.nl(depth)
        k = r.random()
        if k < 0.4:
            body = r.choice([
                "var a = 1 < 2 && 3 > 2; if (a) { x = '</div>'; }",
                "document.write('<p class=\"x\">hi<\\/p>');",
                "for (var i = 0; i < n; i++) { s += '<li>' + i + '</li>'; }",
                "window.dataLayer = window.dataLayer || []; /* <!-- not a comment --> */",
                "\n  var s = \"</span>\";\n  var t = a<b;\n",
            ])
            return nl + "<script" + (self.attr("type", "text/javascript") if r.random() < 0.3
                                     else "") + ">" + body + "</script>"
        if k < 0.7:
            body = json.dumps({"@context": "https://schema.org", "@type": "Product",
                               "name": self.text(2).strip() + " </b> & <i>",
                               "description": "a < b, c > d, \u00e9t\u00e9",
                               "offers": {"price": str(r.randint(1, 999)), "url": "/p?a=1&b=2"}},
                              ensure_ascii=r.random() < 0.5)
            return nl + '<script type="application/ld+json">' + body + "</script>"
        return nl + "<noscript>" + self.inline(depth + 1, 1) + "</noscript>"

    def head(self):
        r = self.r
        d = self.nl(1)
        out = ""
        items = []
        if r.random() < 0.9:
            items.append(r.choice(['<meta charset="utf-8">', "<meta charset=utf-8>",
                                   '<META http-equiv="Content-Type" content="text/html; charset=utf-8">']))
        items.append("<title>" + self.text(r.randint(1, 5)) + "</title>")
        for _ in range(r.randint(0, 3)):
            items.append("<meta" + self.attr("name", r.choice(["description", "viewport", "robots"]))
                         + self.attr("content", self.text(3).replace('"', "").strip()) + ">")
        for _ in range(r.randint(0, 3)):
            items.append("<link" + self.attr("rel", r.choice(["stylesheet", "canonical", "icon"]))
                         + self.attr("href", self.value()) + r.choice([">", "/>"]))
        if r.random() < 0.5:
            items.append("<style>" + r.choice([".a > .b { color: red }", "p:before{content:'<'}",
                                               "\n body { margin: 0 }\n"]) + "</style>")
        if r.random() < 0.6:
            items.append(self.script(1).strip())
        if r.random() < 0.2:
            items.append("<base href=\"/\">")
        if r.random() < 0.2:
            items.append("<!-- head comment -->")
        r.shuffle(items)
        if self.faulty("text in head"):
            items.insert(r.randint(0, len(items)), self.text(2))
        for it in items:
            out += d + it
        return out

    def page(self):
        r = self.r
        out = ""
        if r.random() < 0.1:
            out += "<!-- generated -->\n"
        if r.random() < 0.9:
            out += r.choice(["<!DOCTYPE html>", "<!doctype html>", "<!DOCTYPE HTML>",
                             '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" '
                             '"http://www.w3.org/TR/html4/strict.dtd">']) + "\n"
        html_tag = r.random() < 0.95
        if html_tag:
            out += self.start("html", self.attr("lang", r.choice(["en", "fr", "de"]))
                              if r.random() < 0.7 else "")
        if r.random() < 0.93:
            out += "\n" + self.start("head") + self.head() + "\n" + self.end("head")
        out += "\n" + self.start("body", self.attrs("body", r.randint(0, 2)))
        for _ in range(r.randint(1, 6)):
            out += self.block(1, r.randint(1, 4))
        if r.random() < 0.3:
            out += self.script(1)
        out += "\n" + self.end("body")
        if html_tag:
            out += "\n" + self.end("html")
        if self.faulty("content after </html>"):
            out += "\n" + r.choice(["<!-- late -->", "<p>late</p>", "late text", "<script>x()</script>"])
        out += "\n"
        if self.faulty("CR line ends"):
            out = out.replace("\n", r.choice(["\r\n", "\r"]))
        return out


# Short pages, each one of the places where libxml2 and HTML5 part ways (found by this corpus and
# by larger random runs), so that the test names them even where no random page hits them.
SNIPPETS = [
    # text and attribute values read with libxml2's entity rules, lone CR and CRLF kept
    "<p>a&nbspx; b\r\nc &lt d &#xZZ; e</p>",
    "a&nbspx;\rb",
    "<p title='x&amp\ry'>&#8212;w\t&nbspx;\tthe&quot; n\rl \u263a</p>",
    # content after </html>: a second html element
    "<html><body><p>x</p></body></html>\n<p>a</p>\n<p>b</p>\n<!--c-->tail",
    "<!DOCTYPE html><html><body><p>x</p></body></html>\n<p>a</p>\n<p>b</p>\n<!--c-->tail",
    "<!--c0--><html><body><p>x</p></body></html>\n<p>a</p>",
    "<!DOCTYPE html><html><body><p>x</p></body></html>\n<!--c--> <div>d</div> <script>s</script> t <b>b</b>",
    "<!DOCTYPE html><html><body><p>x</p></body></html>\n<!--c--> \n",
    "<!DOCTYPE html><html><body><p>x</p></body></html>\n<title>t</title><meta name=x>",
    "<!DOCTYPE html><html><body><p>x</html><p>late",
    "<html><head><title>t</title></head><body class=a><p>x</p></body></html>\n<p>late</p>\nlate text\n",
    "<!DOCTYPE html><html><body><div id=a>x</div></body></html>\n<script>track()</script>",
    "<html><body><p>x</p></body></html></body>",
    "<html><body>x</body></html> <?php y ?> <p>late",
    "<html><body>x</body></html> </p><p>late",
    "<html><body>x</body></html><p>a</p></html><p>b",
    "<html><body>x</body></html><html lang=en><p>b",
    # a second body or html tag: dropped with its attributes, closes a p, hides the next end tag
    "<html><head><title>t</title>hello<meta name=x></head>\n<body class=a><p>x</p></body></html>",
    "<html>\n<head>\n<title>t</title>\nhello\n<meta name=x>\n</head>\n<body class=a>\n  <div>d</div>\n</body>\n</html>",
    "<html><body id=z><p>x<html lang=en><body class=b id=y>y</body></html>",
    "<html><head></head><body>x<body class=b>y</body>\n<!--c-->\n</html>",
    "<html><body>x<body class=b>y</html>\n<p>after</p>",
    # a block in a formatting element in a p: libxml2 keeps both open
    "<p><i><div>x</div></i></p>",
    "<p><i>a<div>x</div>b</i>c</p>",
    "<p><a href=x><div>x</div></a></p>",
    "<div><p><b><i>a<div>x</div></i></b></p></div>",
    # noscript: markup in the head, and no p closed by it
    "<html><head><noscript><img src=a><!--x--></noscript></head><body>x</body></html>",
    "<p>a<noscript>b</noscript>c</p>",
    # tags HTML5 makes void and libxml2 does not know: they stay open
    "<p>x<source src=a>y</p>z",
    "<ul><li>a<track src=x><li>b</ul>",
    "<p>a<embed src=x><table><tr><td>x</td></tr></table>",
    "<p>a<wbr>b<div>c</div>",
    # an end tag libxml2 does not let close a block element, cells outside a table
    "<li data-role=row><div class=item></li><img src=x>",
    "<th>",
    # a page that is a comment only
    "<!--x-y-->",
]

# --- lxml's tree ---------------------------------------------------------------------------


def node_line(node, depth):
    if isinstance(node, str):  # a text node (XPath's smart string)
        return [depth, "t", str(node)]
    tag = node.tag
    if not isinstance(tag, str):
        if node.tag.__name__ == "Comment":
            return [depth, "c", node.text or ""]
        if node.tag.__name__ == "ProcessingInstruction":
            return [depth, "p", node.target, node.text or ""]
        raise ValueError("unexpected node %r" % node)
    attributes = [[a.attrname, str(a)] for a in node.xpath("@*")]
    return [depth, "e", tag, attributes] if attributes else [depth, "e", tag]


def dump(sel):
    root = sel.root
    lines = []

    def walk(node, depth):
        lines.append(node_line(node, depth))
        if not isinstance(node, str) and isinstance(node.tag, str):
            for child in node.xpath("node()"):
                walk(child, depth + 1)

    for top in root.xpath("/node()"):
        walk(top, 0)
    # the mapping is what parsel's XPath sees
    texts = [l[2] for l in lines if l[1] == "t"]
    assert texts == sel.xpath("//text()").getall(), "text nodes differ from //text()"
    comments = [l[2] for l in lines if l[1] == "c"]
    assert comments == [c.root.text or "" for c in sel.xpath("//comment()")]
    assert len(lines) == len(root.xpath("//node()")), "node count differs from //node()"
    names = [l[2] for l in lines if l[1] == "e"]
    assert names == [e.root.tag for e in sel.xpath("//*")]
    return lines


def case(cid, html, file=None, faults=None):
    sel = Selector(text=html)
    c = {"id": cid}
    if file:
        c["file"] = file
    else:
        c["html"] = html
    if faults:
        c["faults"] = sorted(set(faults))
    c["get"] = sel.get()
    c["tree"] = dump(sel)
    return c


def write(cases):
    # one node per line, so that a regenerated file diffs by node
    with open(OUT, "w", encoding="utf-8") as f:
        f.write('{"generator": "gen_trees.py", "seed": %d, "cases": [\n' % SEED)
        for i, c in enumerate(cases):
            f.write("{")
            for k in [k for k in c if k != "tree"]:
                f.write(json.dumps(k) + ": " + json.dumps(c[k], ensure_ascii=False) + ", ")
            f.write('"tree": [\n')
            f.write(",\n".join(json.dumps(n, ensure_ascii=False, separators=(",", ":"))
                               for n in c["tree"]))
            f.write("]}" + (",\n" if i < len(cases) - 1 else "\n"))
        f.write("]}\n")


def main():
    cases = []
    for i in range(RANDOM_PAGES):
        p = Page(SEED + i)
        html = p.page()
        cases.append(case("random-%03d" % i, html, faults=p.faults))
    for i, html in enumerate(SNIPPETS):
        cases.append(case("snippet-%02d" % i, html))
    for name in SHOP_PAGES:
        with open(os.path.join(SHOP_DIR, name), encoding="utf-8") as f:
            html = f.read()
        cases.append(case(name[: -len(".html")], html, file="trees/" + name))
    write(cases)
    faulty = sum(1 for c in cases if c.get("faults"))
    print("%d pages (%d with faults) -> %s (%d bytes)" % (
        len(cases), faulty, os.path.relpath(OUT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
