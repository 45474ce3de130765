#!/usr/bin/python3
"""The ITM lines Scrapy Cloud's reference writer produces for fifo-items.json, as test data.

The reference pattern (HOST-BEHAVIOR.md "Scrapy Cloud's Write Entrypoint"): compact separators,
ASCII-only output, `CMD payload\n`. Run: /usr/bin/python3 runtime/src/test/python/fifo_lines.py
It rewrites resources/io/streamspider/runtime/internal/output/fifo-items.expected.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.normpath(
    os.path.join(HERE, "..", "resources", "io", "streamspider", "runtime", "internal", "output")
)

with open(os.path.join(RES, "fifo-items.json"), encoding="utf-8") as f:
    items = json.load(f)
with open(os.path.join(RES, "fifo-items.expected"), "wb") as out:
    for item in items:
        line = "ITM " + json.dumps(item, ensure_ascii=True, separators=(",", ":")) + "\n"
        out.write(line.encode("ascii"))
print("wrote", len(items), "lines")
