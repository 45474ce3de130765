#!/usr/bin/python3
"""Writes what Scrapy makes of the links a spider follows, as test data for the runtime's Urls.

Run with Debian's python3 (python3-scrapy 2.8, python3-w3lib 2.1; the pyenv python3 on PATH
lacks them):

    /usr/bin/python3 runtime/src/test/conformance/gen_urls.py

Output: runtime/src/test/resources/conformance/url-cases.json. Each case is the URL of the page
a link was found on (``base``, or null for a request built from an absolute URL), the link as
written (``href``) and the request's encoding. The expectations are what Scrapy computes:
``join`` is ``response.urljoin(href)`` (Python's ``urljoin``), ``url`` is the URL of
``scrapy.Request(joined, encoding=...)`` (w3lib's ``safe_url_string``, then ``escape_ajax``, then
the scheme check), ``hostname`` is what Scrapy's off-site filter reads from it; ``error`` is the
text of the exception Scrapy raises instead. Nothing in the output is written by hand.
"""

import json
import os
import sys

import scrapy
import w3lib
from scrapy.http import Request, Response
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "conformance", "url-cases.json")

BASE = "http://shop.example.com/catalog/page.html?p=2"
CASES = []


def case(name, href, base=BASE, encoding="utf-8"):
    CASES.append({"name": name, "base": base, "href": href, "encoding": encoding})


# --- relative and absolute -------------------------------------------------------------------
case("absolute http", "http://other.example.org/x/y.html")
case("absolute https", "https://shop.example.com/secure")
case("root-relative", "/search")
case("relative file", "item-1.html")
case("relative dot segment", "./item-1.html")
case("relative parent", "../img/a.png")
case("too many parents", "../../../../a")
case("scheme-relative", "//cdn.example.net/a.js")
case("query only", "?p=3")
case("fragment only", "#reviews")
case("empty href", "")
case("dot", ".")
case("dot dot", "..")
case("trailing slash base", "b", base="http://h.example/a/")
case("base without path", "a", base="http://h.example")
case("base without path, query", "?x=1", base="http://h.example")
case("absolute, no base", "http://h.example/a b", base=None)
case("double slash in path", "a//b/../c")
case("params segment", "x;y=1", base="http://h.example/a;p/b;q")
case("leading and trailing spaces", "  /spaced  ")
case("tab and newline inside", "/a\tb\nc\r")
case("uppercase scheme and host", "HTTP://WWW.Example.COM/Path")
# --- query ------------------------------------------------------------------------------------
case("pipe in query", "/search?q=a|b")
case("pipe in path", "/a|b")
case("braces in path", "/p{1}")
case("braces in query", "/s?f={x}")
case("brackets in query", "/s?a[]=1&a[]=2")
case("brackets in path", "/s/[x]")
case("space in query", "/s?q=red shoes")
case("plus in query", "/s?q=a+b")
case("quote in query (special scheme)", "/s?q='x'")
case("double quote and angle brackets", '/s?q="<x>"')
case("backslash", "/a\\b")
case("caret and backtick", "/a^b`c")
case("empty query", "/s?")
case("question marks in query", "/s?a=?b?")
case("ampersand entity left as is", "/s?a=1&amp;b=2")
case("unicode query utf-8", "/s?q=café")
case("unicode query latin-1", "/s?q=café", encoding="latin-1")
case("unicode query cp1252 euro", "/s?q=€", encoding="cp1252")
case("unencodable query", "/s?q=€", encoding="latin-1")
case("unencodable run in query", "/s?q=a€€b", encoding="latin-1")
case("unencodable emoji in query", "/s?q=😀", encoding="latin-1")
case("unencodable query, ascii", "/s?q=é", encoding="ascii")
case("unencodable fragment, cp1252", "/a#xā", encoding="cp1252")
case("unicode path latin-1 page", "/café", encoding="latin-1")
case("encoding spelled u8", "/s?q=café", encoding="u8")
case("encoding spelled latin2", "/s?q=café", encoding="latin2")
case("encoding spelled ISO_8859_15", "/s?q=€", encoding="ISO_8859_15")
case("empty encoding", "/s?q=1", encoding="")
case("unknown encoding", "/s?q=1", encoding="no-such-codec")
# --- fragment ---------------------------------------------------------------------------------
case("fragment kept", "/a#top")
case("fragment with space", "/a#sec 2")
case("fragment unicode", "/a#é")
case("fragment with hash", "/a#b#c")
case("ajax fragment", "/app#!key=value")
case("ajax fragment with query", "/app?k1=v1&k2=v2#!key=value")
case("ajax fragment replaces", "/app?_escaped_fragment_=old&x=1#!new")
case("ajax empty", "/app#!")
case("ajax fragment, semicolon in query", "/app?a=1;b=2#!x")
case("ajax fragment, semicolon before the key", "/app?a=1;_escaped_fragment_=2#!x")
# --- percent ----------------------------------------------------------------------------------
case("percent not followed by hex", "/100%")
case("percent with one hex digit", "/a%2")
case("percent followed by non-hex", "/a%zz")
case("valid escape kept", "/a%20b")
case("lowercase escape kept", "/a%c3%a9")
case("escaped slash kept", "/a%2Fb")
case("percent in query", "/s?d=50%")
case("percent in fragment", "/a#50%")
# --- unicode ----------------------------------------------------------------------------------
case("unicode path", "/categoría/niño")
case("cjk path", "/商品/一覧")
case("emoji path", "/😀")
case("unicode host", "http://bücher.example/x")
case("unicode host uppercase", "http://BÜCHER.example/")
case("cjk host", "http://例え.テスト/")
case("host too long label", "http://" + "a" * 70 + ".example/")
case("empty label", "http://.example.com/")
case("fullwidth dot host", "http://example。com/")
case("nfkc netloc trick", "http://a\u2100b.example/")
# --- userinfo and ports -----------------------------------------------------------------------
case("userinfo", "http://user:pass@h.example/")
case("userinfo needing quotes", "http://us er:p@ss:w@h.example/")
case("userinfo unicode", "http://jürgen:pässword@h.example/")
case("user without password", "http://user@h.example/")
case("empty password", "http://user:@h.example/")
case("port", "http://h.example:8080/a")
case("default port kept", "http://h.example:80/a")
case("port with leading zeros", "http://h.example:0080/a")
case("empty port", "http://h.example:/a")
case("port not a number", "http://h.example:abc/")
case("port out of range", "http://h.example:70000/")
case("uppercase host keeps port", "http://H.EXAMPLE:81/")
# --- IP literals ------------------------------------------------------------------------------
case("ipv4", "http://127.0.0.1:8080/x")
case("ipv6 literal", "http://[::1]:8080/x")
case("ipv6 literal no port", "http://[2001:db8::1]/")
case("ipv6 uppercase", "http://[2001:DB8::A]/")
case("ipv6 zone keeps its case", "http://[FE80::1%25eTH0]:8080/")
case("ipv6 unclosed", "http://[::1/x")
case("ipv6 not an address", "http://[nothex]/")
case("ipv4 in brackets", "http://[127.0.0.1]/")
case("data after bracket", "http://[::1]x:80/")
# --- schemes ----------------------------------------------------------------------------------
case("missing scheme, no base", "www.example.com/a", base=None)
case("missing scheme relative, no base", "/a", base=None)
case("mailto", "mailto:someone@example.com")
case("javascript", "javascript:void(0)")
case("tel", "tel:+123")
case("data url", "data:text/plain,hi there")
case("about blank", "about:blank")
case("ftp", "ftp://files.example/a b")
case("non-special scheme query keeps quote", "foo://h/s?q='x' y")
case("mixed-case scheme", "HtTpS://h.example/")
case("scheme only", "http:")
case("scheme and path, no slashes", "http:relative/path")
case("https base to http link", "http://x.example/", base="https://s.example/a")
case("file url", "file:///etc/hosts")


def run(c):
    out = dict(c)
    try:
        joined = c["href"] if c["base"] is None else Response(url=c["base"]).urljoin(c["href"])
        out["join"] = joined
        r = Request(joined, encoding=c["encoding"])
        out["url"] = r.url
        out["hostname"] = urlparse(r.url).hostname
    except Exception as e:  # what Scrapy raises is the expectation
        out["error"] = str(e)
        out["errorType"] = type(e).__name__
    return out


def main():
    doc = {
        "generator": "runtime/src/test/conformance/gen_urls.py",
        "scrapy": scrapy.__version__,
        "w3lib": w3lib.__version__,
        "python": sys.version.split()[0],
        "cases": [run(c) for c in CASES],
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(CASES)} cases written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
