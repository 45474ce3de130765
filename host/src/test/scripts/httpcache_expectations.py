#!/usr/bin/python3
"""What Scrapy 2.8's HTTP cache (HttpCacheMiddleware, DummyPolicy, FilesystemCacheStorage) writes, as test data.

Run with Debian's python3 (python3-scrapy 2.8):

    /usr/bin/python3 host/src/test/scripts/httpcache_expectations.py \
        > host/src/test/resources/engine/httpcache-expectations.json

Nothing in the output is hand-written: the HTTPCACHE_* defaults, the cache key of each request
(the crawler's request fingerprinter under default settings, REQUEST_FINGERPRINTER_IMPLEMENTATION
"2.6", and with "2.7" as `scrapy startproject` sets it; both of scrapy.utils.request's functions
for comparison), the entry's path, and the files FilesystemCacheStorage.store_response writes
for one request/response pair (the raw ones byte for byte, the repr'd meta as text). Headers are
lists of [name, values] pairs, in order.
"""
import base64
import json
import os
import tempfile
import warnings

warnings.simplefilter("ignore")

from scrapy import Spider
from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.http import HtmlResponse, Request
from scrapy.settings import default_settings as d
from scrapy.utils.request import fingerprint, request_fingerprint
from scrapy.utils.test import get_crawler

REQUESTS = [
    ("GET", "http://127.0.0.1:8000/", b""),
    ("GET", "http://127.0.0.1:8000/catalogue/page-2.html?b=2&a=1#top", b""),
    ("POST", "http://127.0.0.1:8000/login", b"csrf_token=2eca8d90a768c0dc&username=demo&password=demo"),
    ("get", "http://127.0.0.1:8000/caf%C3%A9/x y.html", b""),
]


class Shop(Spider):
    name = "shop"


def main():
    # Scrapy 2.8's defaults (get_crawler would switch to the "2.7" fingerprinter to silence a warning)
    crawler = get_crawler(Shop, {"HTTPCACHE_ENABLED": True}, prevent_warnings=False)
    crawler27 = get_crawler(Shop, {"HTTPCACHE_ENABLED": True, "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7"})
    spider = Shop.from_crawler(crawler)
    keys = []
    for method, url, body in REQUESTS:
        r = Request(url, method=method, body=body)
        keys.append({"method": method, "url": url, "body": body.decode(),
                     "cache_key": crawler.request_fingerprinter.fingerprint(r).hex(),
                     "cache_key_2_7": crawler27.request_fingerprinter.fingerprint(r).hex(),
                     "request_fingerprint": request_fingerprint(r),
                     "fingerprint": fingerprint(r).hex()})

    with tempfile.TemporaryDirectory() as tmp:
        crawler.settings.frozen = False
        crawler.settings.set("HTTPCACHE_DIR", tmp)
        storage = FilesystemCacheStorage(crawler.settings)
        storage.open_spider(spider)
        req = Request("http://127.0.0.1:8000/login", method="POST",
                      body=b"username=demo&password=demo",
                      headers={"Content-Type": "application/x-www-form-urlencoded",
                               "Accept-Language": "en", "Cookie": "session=abc"})
        resp = HtmlResponse("http://127.0.0.1:8000/login", status=200,
                            headers={"Content-Type": "text/html; charset=utf-8",
                                     "Set-Cookie": ["session=abc; Path=/", "theme=dark"],
                                     "Date": "Fri, 04 Dec 2026 15:00:00 GMT"},
                            body="<h1>caf\u00e9</h1>".encode("utf-8"))
        storage.store_response(spider, req, resp)
        key = crawler.request_fingerprinter.fingerprint(req).hex()
        entry = os.path.join(tmp, "shop", key[0:2], key)
        files = {}
        for name in sorted(os.listdir(entry)):
            with open(os.path.join(entry, name), "rb") as f:
                files[name] = base64.b64encode(f.read()).decode()
        path = os.path.relpath(entry, tmp)
        back = storage.retrieve_response(spider, req)
        stored = {
            "request": {"method": "POST", "url": req.url, "body": req.body.decode(),
                        "headers": [[k.decode(), [v.decode() for v in vs]] for k, vs in req.headers.items()]},
            "response": {"status": 200, "url": resp.url, "body": resp.body.decode(),
                         "headers": [[k.decode(), [v.decode() for v in vs]] for k, vs in resp.headers.items()]},
            "path": path,
            "files_base64": files,
            "retrieved_headers": [[k.decode(), [v.decode() for v in vs]] for k, vs in back.headers.items()],
        }

    defaults = {n: getattr(d, n) for n in sorted(dir(d)) if n.startswith("HTTPCACHE_")}
    print(json.dumps({"defaults": defaults, "keys": keys, "stored": stored}, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
