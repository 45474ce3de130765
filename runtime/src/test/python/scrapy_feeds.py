#!/usr/bin/python3
"""Produces the feed files Scrapy itself writes, as test expectations for the Java feeds.

Run with Debian's Scrapy (2.8): /usr/bin/python3 runtime/src/test/python/scrapy_feeds.py
It rewrites runtime/src/test/resources/io/streamspider/runtime/internal/output/scrapy-feeds/.
Each crawl is a real `scrapy runspider THIS_FILE -o/-O ...` whose spider (below) fetches only
a data: URL and yields the items of feed-items-a.json / feed-items-b.json.
"""
import json
import os
import shutil
import subprocess
import sys

import scrapy

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.normpath(
    os.path.join(HERE, "..", "resources", "io", "streamspider", "runtime", "internal", "output")
)
OUT = os.path.join(RES, "scrapy-feeds")
FILES = ["items.jsonl", "items.jl", "items.json", "items.csv"]


class FeedSpider(scrapy.Spider):
    name = "feeds"
    start_urls = ["data:,x"]

    def parse(self, response):
        path = os.environ.get("FEED_ITEMS")
        if path:
            with open(path, encoding="utf-8") as f:
                yield from json.load(f)


def crawl(items_name, directory, option):
    env = dict(os.environ)
    env.pop("FEED_ITEMS", None)
    if items_name:
        env["FEED_ITEMS"] = os.path.join(RES, items_name)
    args = [sys.executable, "-m", "scrapy", "runspider", __file__,
            # what `scrapy startproject` puts in settings.py (and what the Java feeds write)
            "-s", "FEED_EXPORT_ENCODING=utf-8", "-s", "LOG_ENABLED=False",
            "-s", "TELNETCONSOLE_ENABLED=False"]
    for name in FILES:
        args += [option, os.path.join(directory, name)]
    subprocess.run(args, check=True, env=env, cwd=HERE)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    crawl("feed-items-a.json", os.path.join(OUT, "overwrite"), "-O")
    crawl("feed-items-a.json", os.path.join(OUT, "append"), "-o")
    crawl("feed-items-b.json", os.path.join(OUT, "append"), "-o")
    crawl("feed-items-a.json", os.path.join(OUT, "overwrite-twice"), "-O")
    crawl("feed-items-b.json", os.path.join(OUT, "overwrite-twice"), "-O")
    crawl(None, os.path.join(OUT, "empty"), "-O")
    crawl("feed-items-c.json", os.path.join(OUT, "single-field"), "-O")
    crawl("feed-items-d.json", os.path.join(OUT, "csv-values"), "-O")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
