#!/usr/bin/python3
"""Writes Scrapy's FormRequest.from_response results for a corpus of forms as test data.

Run with Debian's python3 (python3-scrapy 2.8; the pyenv python3 on PATH lacks it):

    /usr/bin/python3 host/src/test/conformance/gen_forms.py

Output: host/src/test/resources/conformance/form-cases.json. Each case is a page (HTML text, URL,
encoding, UTF-8 unless said) and from_response's keyword arguments; the expectation is the request the real Scrapy
builds (method, url, body, headers) or the text of the exception it raises. Nothing in the
output is written by hand.
"""

import json
import os
import sys

import lxml.etree
import scrapy
from scrapy.http import FormRequest, HtmlResponse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "conformance", "form-cases.json")
URL = "http://www.example.com/shop/page.html?ref=1"

CASES = []


def case(name, html, url=URL, encoding="utf-8", **kwargs):
    CASES.append({"name": name, "html": html, "url": url, "encoding": encoding, "kwargs": kwargs})


LOGIN = """<html><body>
<form id="login" name="login" action="/login" method="post">
  <input type="hidden" name="csrf" value="t0k3n">
  <input type="text" name="user" value="">
  <input type="password" name="pass">
  <input type="checkbox" name="remember" value="yes" checked>
  <input type="submit" name="go" value="Log in">
  <input type="submit" name="alt" value="Other">
</form>
</body></html>"""

SEARCH = """<html><body>
<form class="search" action="search?old=1#top">
  <input name="q" value="shoes">
  <select name="sort"><option value="price">Price</option><option value="name" selected>Name</option></select>
  <button>Search</button>
</form>
<form name="news" action="http://other.example.org/subscribe" method="POST">
  <input type="email" name="email" value="a@b.c">
  <input type="image" name="img" value="i" src="go.png">
</form>
</body></html>"""

# --- choosing the form ---------------------------------------------------------------------
case("first form by default", SEARCH)
case("formnumber 1", SEARCH, formnumber=1)
case("formnumber -1", SEARCH, formnumber=-1)
case("formnumber out of range", SEARCH, formnumber=5)
case("formnumber negative out of range", SEARCH, formnumber=-5)
case("formname", SEARCH, formname="news")
case("formname missing falls back to formnumber", SEARCH, formname="nope", formnumber=1)
case("formname beats formnumber", SEARCH, formname="news", formnumber=0)
case("formxpath to the form", SEARCH, formxpath="//form[@name='news']")
case("formxpath to an input walks up", SEARCH, formxpath="//input[@name='email']")
case("formxpath matching nothing", SEARCH, formxpath="//form[@id='none']")
case("formxpath outside any form", SEARCH + "<p id=x>x</p>", formxpath="//p[@id='x']")
case("formxpath beats formnumber", SEARCH, formxpath="//form[1]", formnumber=1)
case("formcss", SEARCH, formcss="form.search")
case("formcss to an input", SEARCH, formcss="input[name=email]")
case("formcss matching nothing", SEARCH, formcss="#missing")
case("formname beats formxpath", SEARCH, formname="news", formxpath="//form[1]")
case("no form", "<html><body><p>nothing here</p></body></html>")
case("no form, empty page", "")

# --- method, action, base ------------------------------------------------------------------
case("post form", LOGIN)
case("method lower case", "<form method=post action=/x><input name=a value=1></form>")
case("method PUT becomes GET", "<form method=PUT action=/x><input name=a value=1></form>")
case("no method", "<form action=/x><input name=a value=1></form>")
case("no action: page url", "<form method=post><input name=a value=1></form>")
case("no action GET replaces the page query", "<form><input name=a value=1></form>")
case("empty action", "<form action=''><input name=a value=1></form>")
case("absolute action", "<form action='https://secure.example.net/a/b?c=d'><input name=a value=1></form>")
case("action with spaces around", "<form action='  /trimmed \n'><input name=a value=1></form>")
case("action with dots", "<form action='../up/./here'><input name=a value=1></form>")
case("action query kept on POST", "<form method=post action='/p?keep=1'><input name=a value=1></form>")
case("action query replaced on GET", "<form action='/g?drop=1#frag'><input name=a value=1></form>")
case("action needing escapes", "<form action='/a b/é?x=ü y'><input name=a value=1></form>")
case("action scheme-relative", "<form action='//cdn.example.com/f'><input name=a value=1></form>")
case("action javascript", "<form action='javascript:void(0)'><input name=a value=1></form>")
case("base href", "<html><head><base href='http://base.example.com/dir/'></head><body>"
     "<form action='rel'><input name=a value=1></form></body></html>")
case("relative base href", "<html><head><base href='/other/'></head><body>"
     "<form action='rel'><input name=a value=1></form></body></html>")
case("base href in a comment is ignored", "<html><head><!-- <base href='http://no.example/'> -->"
     "</head><body><form action='rel'><input name=a value=1></form></body></html>")
case("base href after 4096 characters is ignored", "<html><body>" + "<p>pad</p>" * 420 +
     "<base href='http://late.example/'><form action='rel'><input name=a value=1></form></body></html>")
case("no action with base href", "<html><head><base href='http://base.example.com/dir/'></head><body>"
     "<form><input name=a value=1></form></body></html>")
case("page url with fragment", "<form action='x'><input name=a value=1></form>",
     url="http://www.example.com/a/b#frag")
case("page url with upper-case host", "<form method=post><input name=a value=1></form>",
     url="http://WWW.Example.COM:8080/A?B=c")
case("action with #! fragment", "<form action='/ajax#!state=1'><input name=a value=1></form>")
case("no fields GET keeps the action query", "<form action='/g?keep=1'></form>")
case("no fields POST has no body", "<form method=post action='/p'></form>")

# --- field values --------------------------------------------------------------------------
case("input defaults", """<form action=/f>
  <input name=plain><input name=text type=text value=t><input name=noval type=hidden>
  <input name=pw type=password value=secret><input name=num type=number value=3>
  <input name=file type=file value=ignored.txt><input name=dis value=d disabled>
  <input name=ro value=r readonly><input type=text value=nameless><input name='' value=empty-name>
  <input name=sub type=submit value=S><input name=res type=reset value=R><input name=img type=image value=I>
  <input name=btn type=button value=B><input name=upper type=TEXT value=U>
</form>""", dont_click=True)
case("checkboxes and radios", """<form action=/f>
  <input type=checkbox name=c1 checked><input type=checkbox name=c2 value=v2 checked>
  <input type=checkbox name=c3 value=v3><input type=checkbox name=multi value=a checked>
  <input type=checkbox name=multi value=b><input type=checkbox name=multi value=c checked>
  <input type=radio name=r value=x><input type=radio name=r value=y checked>
  <input type=CHECKBOX name=upper value=u checked><input type=radio name=r2 value=z>
  <input type=checkbox name=emptyval value='' checked>
</form>""")
case("selects", """<form action=/f>
  <select name=s1><option value=a>A<option value=b selected>B<option value=c selected>C</select>
  <select name=s2><option value=a>A<option value=b>B</select>
  <select name=s3><option disabled value=a>A<option value=b>B</select>
  <select name=s4><option disabled value=a>A<option disabled value=b>B</select>
  <select name=s5></select>
  <select name=s6><option>  text value  </option></select>
  <select name=m1 multiple><option value=a selected>A<option value=b>B<option value=' c ' selected>C</select>
  <select name=m2 multiple><option value=a>A<option value=b>B</select>
  <select name=m3 multiple><option selected> from text </option><option value='' selected>empty value</option></select>
  <select name=s7><optgroup label=g><option value=g1>G1<option value=g2 selected>G2</optgroup></select>
  <select><option value=nameless selected>N</select>
</form>""")
case("textareas", """<form action=/f method=post>
  <textarea name=t1>plain text</textarea>
  <textarea name=t2>a &amp; b &lt;c&gt;</textarea>
  <textarea name=t3></textarea>
  <textarea name=t4>line1
line2</textarea>
  <textarea>nameless</textarea>
</form>""")
case("fields outside the form are not sent", """<input name=outside value=o>
<form id=f action=/f><input name=inside value=i></form><input name=after value=a form=f>""")
case("fields in nested elements", """<form action=/f><div><table><tr><td><input name=deep value=1>
</td></tr></table><fieldset disabled><input name=fs value=2></fieldset></div></form>""")
case("repeated names", """<form action=/f><input name=x value=1><input name=x value=2>
<input name=y value=3></form>""")

# --- formdata ------------------------------------------------------------------------------
case("formdata overrides", LOGIN, formdata={"user": "bob", "pass": "pw"})
case("formdata adds", LOGIN, formdata={"extra": "1"})
case("formdata None removes", LOGIN, formdata={"csrf": None, "remember": None})
case("formdata list for a repeated field", LOGIN, formdata={"tags": ["a", "b", "c"], "user": ["u1", "u2"]})
case("formdata empty list", LOGIN, formdata={"user": []})
case("formdata special characters", LOGIN, formdata={"q": "a b&c=d+e/f?g%h", "ü ñ": "日本 😀"})
case("formdata empty dict", LOGIN, formdata={})
case("formdata names the clickable", LOGIN, formdata={"go": "custom"})
case("formdata None on the clickable", LOGIN, formdata={"go": None})
case("formdata on GET", SEARCH, formdata={"q": "boots", "page": "2"})
case("formdata order kept", "<form action=/f><input name=b value=1><input name=a value=2></form>",
     formdata={"z": "26", "a": "override", "m": "13"})

# --- clickdata -----------------------------------------------------------------------------
case("first clickable by default", LOGIN)
case("dont_click", LOGIN, dont_click=True)
case("clickdata by name", LOGIN, clickdata={"name": "alt"})
case("clickdata by value", LOGIN, clickdata={"value": "Other"})
case("clickdata by name and value", LOGIN, clickdata={"name": "go", "value": "Log in"})
case("clickdata nr", LOGIN, clickdata={"nr": 5})
case("clickdata nr 0 is the first input", LOGIN, clickdata={"nr": 0})
case("clickdata nr negative", LOGIN, clickdata={"nr": -1})
case("clickdata nr out of range", LOGIN, clickdata={"nr": 42})
case("clickdata matching nothing", LOGIN, clickdata={"name": "nope"})
case("clickdata matching several", LOGIN, clickdata={"type": "submit"})
case("clickdata matching a non-button", LOGIN, clickdata={"name": "user"})
case("clickdata but no clickable", "<form action=/f><input name=a value=1></form>", clickdata={"name": "x"})
case("button without type is clickable", SEARCH)
case("button type=button is not clickable", """<form action=/f><button type=button name=b1 value=1>x</button>
<button type=submit name=b2 value=2>y</button></form>""")
case("image input is clickable", SEARCH, formname="news")
case("clickable without name is not sent", "<form action=/f><input name=a value=1><input type=submit value=Go></form>")
case("clickable without value sends empty", "<form action=/f><input name=a value=1><input type=submit name=go></form>")
case("clickable with empty name", "<form action=/f><input type=submit name='' value=Go></form>")
case("submit type in upper case", "<form action=/f><input type=SUBMIT name=s value=1><button type=reset name=r>R</button></form>")
case("dont_click and clickdata", LOGIN, dont_click=True, clickdata={"name": "alt"})

# --- markup defects and encodings ----------------------------------------------------------
case("form in a table", """<table><form action=/t method=post><tr><td><input name=a value=1></td></tr>
<tr><td><input type=submit name=s value=go></td></tr></form></table>""")
case("nested forms", "<form action=/outer><input name=a value=1><form action=/inner><input name=b value=2></form></form>")
case("nested forms, second", "<form action=/outer><input name=a value=1><form action=/inner><input name=b value=2></form></form>", formnumber=1)
case("unclosed form", "<form action=/u><input name=a value=1><p>text<input name=b value=2>")
case("two unclosed forms", "<form action=/one><input name=a value=1><form action=/two><input name=b value=2>", formnumber=-1)
case("non-ASCII values", "<form action=/f><input name=city value='Zürich'><input name='naïve' value='日本語 😀'></form>")
case("entities in values", "<form action=/f><input name=a value='&amp;&lt;&gt;&quot;&copy;&nbsp;'><input name=b value='x&y'></form>")
case("upper-case markup", "<FORM ACTION=/F METHOD=POST><INPUT NAME=A VALUE=1><INPUT TYPE=SUBMIT NAME=GO VALUE=OK></FORM>")


# --- edges of the above --------------------------------------------------------------------
MIXED = """<form action=/m><input class=k name=i value=1><button class=k name=b value=2>B</button>
<select class=k name=s><option value=o>O</select><textarea class=k name=t>T</textarea><a class=k name=a>A</a></form>"""
case("clickdata matching several kinds of elements", MIXED, clickdata={"class": "k"})
case("clickdata matching a select", MIXED, clickdata={"name": "s"})
case("formxpath to an attribute", SEARCH, formxpath="//input/@name")
case("formxpath to a number", SEARCH, formxpath="count(//form)")
case("formxpath to a false boolean", SEARCH, formxpath="boolean(//frameset)")
case("formxpath that does not parse", SEARCH, formxpath="//form[")
case("formcss that does not parse", SEARCH, formcss="form[")
case("formname with a quote", SEARCH, formname='a"b')
case("international domain in the action", "<form action='http://bücher.example/kaufen'><input name=a value=1></form>")
case("textarea holding markup", "<form action=/f><textarea name=t>a<b>bold</b> &amp; tail</textarea></form>")
case("option holding markup", "<form action=/f><select name=s><option>first<b>x</b></option></select></form>")
case("odd input types", """<form action=/f><input type=' checkbox' name=c1 value=1><input type='submit ' name=s1 value=2>
<input type=Radio name=r value=3><input type='' name=e value=4></form>""")
case("multiple select without name", "<form action=/f><select multiple><option selected>x</select><input name=a value=1></form>")
case("accept-charset is ignored", "<form action=/f accept-charset=iso-8859-1><input name=a value='é'></form>")
case("clickdata nr on a select", MIXED, clickdata={"nr": 1})
case("latin-1 response", "<form action='/f?q=é'><input name=city value='Zürich'></form>",
     encoding="iso-8859-1", formdata={"note": "café"})
case("windows-1252 response", "<form method=post action='/f'><input name=q value='€ ‘x’'></form>",
     encoding="cp1252")
case("action the page's encoding cannot encode", "<form action='/f#&#8364;'><input name=a value=1></form>",
     encoding="iso-8859-1")
case("IPv4 address in brackets in the action", "<form action='http://[127.0.0.1]/f'><input name=a value=1></form>")
case("bracketed action that is no address", "<form action='http://[nothex]/f'><input name=a value=1></form>")
case("formdata the page's encoding cannot encode", "<form action=/f><input name=a value=1></form>",
     encoding="iso-8859-1", formdata={"note": "\u20ac"})
case("field value the page's encoding cannot encode", "<form action=/f method=post><input name=a value='&#8364;'></form>",
     encoding="iso-8859-1")
case("field name the page's encoding cannot encode", "<form action=/f><input name='&#x263A;' value=1></form>",
     encoding="iso-8859-1")
case("select option the page's encoding cannot encode", "<form action=/f><select name=s><option selected>&#x2603;</select></form>",
     encoding="cp1252")


def main():
    out = []
    for n, c in enumerate(CASES, 1):
        entry = {"id": "form-%03d" % n, "name": c["name"], "html": c["html"], "url": c["url"],
                 "encoding": c["encoding"], "kwargs": c["kwargs"]}
        resp = HtmlResponse(url=c["url"], body=c["html"].encode(c["encoding"]),
                            encoding=c["encoding"])
        try:
            req = FormRequest.from_response(resp, **c["kwargs"])
            entry["expected"] = {
                "method": req.method,
                "url": req.url,
                "body": req.body.decode("utf-8"),
                "headers": {k.decode(): [v.decode() for v in vs] for k, vs in req.headers.items()},
            }
        except Exception as e:  # noqa: BLE001 - from_response raises several types
            entry["error"] = str(e)
            entry["errorType"] = type(e).__name__
        out.append(entry)
    doc = {
        "generator": "host/src/test/conformance/gen_forms.py",
        "python": sys.version.split()[0],
        "scrapy": scrapy.__version__,
        "lxml": ".".join(map(str, lxml.etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)),
        "cases": out,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    errors = sum(1 for e in out if "error" in e)
    print("%d cases written to %s (%d errors)" % (len(out), os.path.relpath(OUT), errors))


if __name__ == "__main__":
    main()
