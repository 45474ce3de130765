#!/usr/bin/python3
"""parsel's .re() rules (extract_regex) and w3lib's replace_entities(keep=["lt", "amp"]), as test data.

Run: /usr/bin/python3 runtime/src/test/python/parsel_regex.py
It rewrites resources/io/streamspider/runtime/parsel-regex.json: for each (regex, text) what
parsel.utils.extract_regex returns, and for each text what replace_entities returns. Nothing in
the output is written by hand.
"""
import json
import os

import parsel
from parsel.utils import extract_regex
from w3lib.html import replace_entities

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "io", "streamspider", "runtime", "parsel-regex.json"))

REGEXES = [
    (r"[0-9]+\.[0-9]+", "a 12.30 b 2.01"),
    (r"(\d+)\.(\d+)", "12.30 and 4.5"),
    (r"(\d+)\.(\d+)|(x)", "12.30 x"),
    (r"(?P<extract>\d+)px", "10px 20px"),
    (r"(?P<extract>\d+)px", "no pixels"),
    (r"(?P<n>\w+)=(?P=n)", "a=a b=c"),
    (r"\w+", "caf\u00e9 na\u00efve"),
    (r"<b>(.*?)</b>", "<b>Tom &amp; Jerry &lt;3 &eacute;&#233;&#xe9;</b>"),
]

ENTITIES = [
    "&lt; &AMP; &amp; &gt; &#8364; &#x20ac; &pound; &#128; &#150; &unknown; &bogus &Eacute;&eacute;",
    "no entities",
    "&#1114112; &#xD800; &#0; &nbsp;x &copy &COPY;",
]


def main():
    out = {
        "parsel": parsel.__version__,
        "regex": [{"regex": r, "text": t, "expected": extract_regex(r, t)} for r, t in REGEXES],
        "entities": [{"text": t, "expected": replace_entities(t, keep=["lt", "amp"])} for t in ENTITIES],
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
