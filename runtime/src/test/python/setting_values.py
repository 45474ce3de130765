#!/usr/bin/python3
"""Reads setting values with Scrapy's own Settings getters, as test data for SettingValues.

Run with Debian's Scrapy (2.8): /usr/bin/python3 runtime/src/test/python/setting_values.py
It rewrites runtime/src/test/resources/conformance/setting-values.json.

A value of None is left out: Settings.get then returns the getter's default.
Each case is a raw value as a setting can hold it: text (what `-s NAME=VALUE` and the
environment give) or a JSON value (what a spider's custom_settings give). For each of getbool,
getint, getfloat and getlist the file records what Scrapy returns, or the exception it raises
(type and text).
"""
import json
import os
import sys

import scrapy
from scrapy.settings import BaseSettings

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(
    os.path.join(HERE, "..", "resources", "conformance", "setting-values.json")
)

TEXTS = [
    "0", "1", "2", "-1", "+5", "007", " 1 ", "\t16\n", "1_000", "1__0", "_1", "1_",
    "1024.5", "16.0", "1e3", "0x10", "", " ", "abc", "True", "true", "TRUE", "False", "false",
    " True", "False ", "yes", "None", "inf", "-Infinity", "nan", "NaN", "1.5e-3", "  .5  ",
    "5.", "1d", "1f", "0x1p3", "\u0663", "\u00a012\u00a0", "9223372036854775807",
    "9223372036854775808", "a,b", "a, b ,c", ",", "a,", "[1,2]", "[\"a\", \"b\"]", "[",
    "404,500", "404, 500", "1_0.5", "1_.5", "\u0663.5", "1e1_0",
]
VALUES = [
    0, 1, 2, -1, 16, 1024.5, 16.0, 0.5, 1.5, -0.0, True, False, 1e300,
    [], [1, 2], ["a", "b"], {"a": 1},
]


def outcome(fn):
    try:
        v = fn()
    except Exception as e:  # noqa: BLE001 - the getters raise several types
        return {"error": type(e).__name__, "message": str(e)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    return {"list": v}


def case(raw, kind):
    s = BaseSettings({"X": raw})
    return {
        "raw": raw,
        "kind": kind,
        "getbool": outcome(lambda: s.getbool("X")),
        "getint": outcome(lambda: s.getint("X")),
        "getfloat": outcome(lambda: s.getfloat("X")),
        "getlist": outcome(lambda: s.getlist("X")),
    }


def main():
    cases = [case(t, "text") for t in TEXTS] + [case(v, "json") for v in VALUES]
    doc = {
        "generator": "runtime/src/test/python/setting_values.py",
        "python": sys.version.split()[0],
        "scrapy": scrapy.__version__,
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("%d cases written to %s" % (len(cases), os.path.relpath(OUT)))


if __name__ == "__main__":
    main()
