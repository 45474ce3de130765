#!/usr/bin/python3
"""Generates the expected scrapy-redis duplicate-filter fingerprints with the REAL w3lib and Scrapy.

scrapy-redis (not packaged by Debian) computes, in RFPDupeFilter.request_fingerprint:
    sha1(json.dumps({"method": to_unicode(request.method), "url": canonicalize_url(request.url),
                     "body": (request.body or b"").hex()}, sort_keys=True))
of a scrapy Request, whose URL Scrapy has already made safe. This script builds each case as a
real scrapy.Request and applies that formula with the real w3lib.canonicalize_url.

Run from the repository root:  /usr/bin/python3 host/src/test/python/scrapy_redis_fingerprints.py
Writes host/src/test/resources/scrapy/scrapy-redis-fingerprints.json (commit it; CI needs no Python).
"""
import hashlib
import json
import os
import sys

import scrapy
import w3lib
from scrapy import Request
from scrapy.utils.python import to_unicode
from w3lib.url import canonicalize_url

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, "host/src/test/resources/scrapy/scrapy-redis-fingerprints.json")

CASES = [
    ("GET", "http://127.0.0.1:8000/", b""),
    ("GET", "http://127.0.0.1:8000/product/1", b""),
    ("GET", "http://127.0.0.1:8000/search?q=a&b=2", b""),
    ("GET", "http://127.0.0.1:8000/search?b=2&q=a", b""),
    ("GET", "http://127.0.0.1:8000/p?q=a|b&x={1}", b""),
    ("GET", "http://example.com/caf\u00e9?q=\u00fc", b""),
    ("GET", "http://example.com/a%20b#fragment", b""),
    ("GET", "HTTP://Example.COM:80/Path/", b""),
    ("post", "http://example.com/login", b"user=demo&pass=demo"),
    ("POST", "http://example.com/api", b'{"k": "v\\u00e9"}'),
    ("PUT", "https://example.com/bin", bytes(range(0, 256, 7))),
    ("GET", "http://example.com/?a=1&a=2&a=", b""),
    ("GET", "http://example.com/quote\"d", b""),
    ("GET", "http://\u00e9xample.com/", b""),
    # methods json.dumps must escape: a quote, a backslash, a control and non-ASCII characters
    ('GE"T\\', "http://example.com/escapes", b""),
    ("g\u00e9t\t\u2028\U0001F600\x7f", "http://example.com/escapes", b""),
]


def fingerprint(request):
    data = {
        "method": to_unicode(request.method),
        "url": canonicalize_url(request.url),
        "body": (request.body or b"").hex(),
    }
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()


def main():
    out = {
        "generated": "by host/src/test/python/scrapy_redis_fingerprints.py with Scrapy "
        + scrapy.__version__ + ", w3lib " + w3lib.__version__ + ", Python "
        + sys.version.split()[0] + "; do not edit",
        "cases": [],
    }
    for method, url, body in CASES:
        r = Request(url, method=method, body=body)
        out["cases"].append({
            "method": r.method,
            "url": r.url,
            "body_hex": body.hex(),
            "fingerprint": fingerprint(r),
        })
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    main()
