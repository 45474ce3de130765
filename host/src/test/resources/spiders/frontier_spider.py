"""A minimal runtime in frontier mode (docs/scale-out.md), for the host's frontier tests.

argv: ITEMS_FILE START_URL...  Follows every href of every response; writes one item a page
({"url": ...}) to ITEMS_FILE, flushed before its requests and its "processed" go out. Request ids
are page#<token>.<seq> with a token per process; a response or exception for any id is handled
(foreign ones included). On the end of its input it sends close and exits 0.
Environment: NO_FRONTIER=1 leaves "frontier": true out of the spider message.
"""
import json
import os
import random
import re
import string
import sys
from urllib.parse import urljoin

items_path = sys.argv[1]
start_urls = sys.argv[2:]
token = "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(8))
seq = 0
out = sys.stdout


def send(m):
    out.write(json.dumps(m) + "\n")


ready = json.loads(sys.stdin.readline())
spider = {"type": "spider", "name": "frontier_test", "start_urls": start_urls}
if ready.get("frontier") and os.environ.get("NO_FRONTIER") != "1":
    spider["frontier"] = True
send(spider)
out.flush()
items = open(items_path, "a")
for line in sys.stdin:
    m = json.loads(line)
    t = m["type"]
    if t == "response":
        url = m["url"]
        items.write(json.dumps({"url": url}) + "\n")
        items.flush()
        for href in re.findall(r'href="([^"]+)"', m["body"]):
            seq += 1
            send({"type": "request", "id": "page#%s.%d" % (token, seq),
                  "url": urljoin(url, href)})
        send({"type": "processed", "id": m["id"]})
        out.flush()
    elif t == "exception":
        received = m["received_message"]
        rid = json.loads(received).get("id", "parse") if received.startswith("{") else "parse"
        sys.stderr.write("exception for %s: %s\n" % (rid, m["exception"]))
        sys.stderr.flush()
        send({"type": "processed", "id": rid})
        out.flush()
    elif t == "error":
        sys.stderr.write("error: %s\n" % line)
        sys.exit(1)
send({"type": "close"})
out.flush()
