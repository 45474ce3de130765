#!/usr/bin/python3
"""The ITM lines Scrapy Cloud's reference writer produces for fifo-items.json, as test data.

The reference pattern (docs/real-host.md "Scrapy Cloud's Write Entrypoint"): compact separators,
ASCII-only output, `CMD payload\n`. Run: /usr/bin/python3 runtime/src/test/python/fifo_lines.py
It rewrites resources/io/streamspider/runtime/internal/output/fifo-items.expected, and
fifo-bmp.expected: every UTF-16 unit, lone surrogates included, in 64 items {"s": <1,024
consecutive units>}, one line per item: the first unit in hex, the ITM line's length and its
SHA-256 (the lines themselves would be 400 KB).
"""
import hashlib
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

with open(os.path.join(RES, "fifo-bmp.expected"), "w", encoding="ascii", newline="\n") as out:
    for start in range(0, 0x10000, 1024):
        item = {"s": "".join(chr(c) for c in range(start, start + 1024))}
        line = ("ITM " + json.dumps(item, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")
        out.write("%04x %d %s\n" % (start, len(line), hashlib.sha256(line).hexdigest()))
print("wrote fifo-bmp.expected")
