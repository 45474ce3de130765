"""Baseline for FifoWriterThroughput: Scrapy Cloud's reference writing pattern in Python.

Usage: python3 fifo_writer_baseline.py ITEMS.jsonl FIFO [REPEAT]
Loads the items (not timed), opens the pipe once, then for each item (all of them REPEAT
times over, default once) writes
'ITM ' + json.dumps(item, ensure_ascii=True, separators=(',', ':')) + '\n' and flushes
(docs/real-host.md "Scrapy Cloud's Write Entrypoint"). Prints: <items> <seconds> <bytes>
<user seconds> <system seconds> <voluntary switches> <involuntary switches>: the writing thread's
CPU time and context switches during the loop (read around it, not inside it).
"""
import json
import resource
import sys
import time


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    pipe = open(sys.argv[2], "w")
    written = 0
    before = resource.getrusage(resource.RUSAGE_THREAD)
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            line = "ITM " + json.dumps(item, ensure_ascii=True, separators=(",", ":")) + "\n"
            pipe.write(line)
            pipe.flush()
            written += len(line)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_THREAD)
    pipe.close()
    print(
        len(items) * repeat,
        elapsed,
        written,
        after.ru_utime - before.ru_utime,
        after.ru_stime - before.ru_stime,
        after.ru_nvcsw - before.ru_nvcsw,
        after.ru_nivcsw - before.ru_nivcsw,
    )


main()
