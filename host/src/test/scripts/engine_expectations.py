#!/usr/bin/python3
"""Produces the engine's expected values from the REAL Scrapy 2.8 / w3lib / Protego / Twisted.

Run with Debian's interpreter (it has python3-scrapy):

    /usr/bin/python3 host/src/test/scripts/engine_expectations.py \
        > host/src/test/resources/engine/scrapy-expectations.json

Nothing in the output is hand-written: default settings, URL normalisation, fingerprints,
robots.txt decisions, HTTP reason phrases, pprint layouts and the outcome of real crawls
against a misbehaving loopback server (failure texts, retries, redirects, cookies, stats keys)
all come from the libraries. Ports in texts are replaced by {port}, closed ports by {closed}.
"""
import gzip
import json
import os
import pprint
import socket
import subprocess
import sys
import threading
import time
import zlib
from datetime import datetime

SCENARIO_ARG = "--scenario"


# ---------------------------------------------------------------- misbehaving server

class FaultServer:
    """A raw-socket HTTP/1.1 server whose paths misbehave on purpose."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.hits = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            conn, _ = self.sock.accept()
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _read_request(self, conn):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        length = 0
        for name, value in headers:
            if name.lower() == "content-length":
                length = int(value)
        while len(rest) < length:
            rest += conn.recv(65536)
        return method, target, headers, rest

    def _serve(self, conn):
        try:
            while True:
                req = self._read_request(conn)
                if req is None:
                    return
                keep = self._respond(conn, *req)
                if not keep:
                    return
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            conn.close()

    @staticmethod
    def _send(conn, status, reason, headers, body):
        head = f"HTTP/1.1 {status} {reason}\r\n"
        for name, value in headers:
            head += f"{name}: {value}\r\n"
        conn.sendall(head.encode("latin-1") + b"\r\n" + body)

    def _count(self, key):
        with self.lock:
            self.hits[key] = self.hits.get(key, 0) + 1
            return self.hits[key]

    def _respond(self, conn, method, target, headers, body):
        path, _, query = target.partition("?")
        html = b"<html><body>ok</body></html>"
        ok = [("Content-Type", "text/html"), ("Content-Length", str(len(html)))]
        if path == "/ok":
            self._send(conn, 200, "OK", ok, html)
            return True
        if path == "/echo":
            echo = json.dumps({"method": method, "target": target, "headers": headers,
                               "body": body.decode("latin-1")}).encode()
            self._send(conn, 200, "OK", [("Content-Type", "application/json"),
                                        ("Content-Length", str(len(echo)))], echo)
            return True
        if path == "/slow-headers":
            time.sleep(3)
            self._send(conn, 200, "OK", ok, html)
            return False
        if path == "/slow-body":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n")
            for _ in range(30):
                time.sleep(0.1)
                conn.sendall(b"x")
            return False
        if path == "/truncated":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n0123456789")
            return False
        if path == "/big-cl":
            self._send(conn, 200, "OK", [("Content-Type", "text/html"), ("Content-Length", "5000")], b"a" * 5000)
            return True
        if path == "/big-chunked":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in range(5):
                conn.sendall(b"3e8\r\n" + b"a" * 1000 + b"\r\n")
                time.sleep(0.02)
            conn.sendall(b"0\r\n\r\n")
            return True
        if path == "/close-delimited":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" + html)
            return False
        if path == "/gzip":
            data = gzip.compress(html)
            self._send(conn, 200, "OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                                        ("Content-Length", str(len(data)))], data)
            return True
        if path == "/deflate":
            data = zlib.compress(html)
            self._send(conn, 200, "OK", [("Content-Type", "text/html"), ("Content-Encoding", "deflate"),
                                        ("Content-Length", str(len(data)))], data)
            return True
        if path == "/rawdeflate":
            c = zlib.compressobj(wbits=-15)
            data = c.compress(html) + c.flush()
            self._send(conn, 200, "OK", [("Content-Type", "text/html"), ("Content-Encoding", "deflate"),
                                        ("Content-Length", str(len(data)))], data)
            return True
        if path == "/badgzip":
            data = b"this is not gzip at all"
            self._send(conn, 200, "OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                                        ("Content-Length", str(len(data)))], data)
            return True
        if path in ("/loop-a", "/loop-b"):
            other = "/loop-b" if path == "/loop-a" else "/loop-a"
            self._send(conn, 302, "Found", [("Location", other), ("Content-Length", "0")], b"")
            return True
        if path.startswith("/redirect/"):
            code = int(path.split("/")[2])
            self._send(conn, code, "Redirect", [("Location", "/echo"), ("Content-Length", "0")], b"")
            return True
        if path == "/flaky500":
            n = self._count(path + query)
            if n == 1:
                self._send(conn, 500, "Internal Server Error", [("Content-Length", "0")], b"")
            else:
                self._send(conn, 200, "OK", ok, html)
            return True
        if path.startswith("/status/"):
            code = int(path.split("/")[2])
            self._send(conn, code, "Whatever", [("Content-Type", "text/html"), ("Content-Length", str(len(html)))], html)
            return True
        if path == "/garbage":
            conn.sendall(b"this is not http\r\n\r\n")
            return False
        if path == "/close-immediately":
            return False
        if path == "/setcookie":
            self._send(conn, 200, "OK", [("Set-Cookie", "session=abc; Path=/"),
                                        ("Set-Cookie", "theme=dark"),
                                        ("Content-Length", str(len(html)))], html)
            return True
        if path == "/refresh":
            page = b'<html><head><meta http-equiv="refresh" content="0; url=/ok"></head><body>moved</body></html>'
            self._send(conn, 200, "OK", [("Content-Type", "text/html"), ("Content-Length", str(len(page)))], page)
            return True
        if path == "/robots.txt":
            robots = b"User-agent: *\nDisallow: /private\n"
            self._send(conn, 200, "OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(robots)))], robots)
            return True
        self._send(conn, 404, "Not Found", [("Content-Length", "0")], b"")
        return True


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- one crawl per scenario

# name -> (settings, list of request dicts {url, method, meta, dont_filter, cookies, body, headers})
def scenarios(port, closed):
    base = f"http://127.0.0.1:{port}"
    return {
        "ok": ({}, [dict(url=base + "/ok")]),
        "refused": ({}, [dict(url=f"http://127.0.0.1:{closed}/")]),
        "timeout_headers": ({"DOWNLOAD_TIMEOUT": 1}, [dict(url=base + "/slow-headers")]),
        "timeout_body": ({"DOWNLOAD_TIMEOUT": 1}, [dict(url=base + "/slow-body")]),
        "truncated": ({}, [dict(url=base + "/truncated")]),
        "truncated_no_dataloss_failure": ({"DOWNLOAD_FAIL_ON_DATALOSS": False}, [dict(url=base + "/truncated")]),
        "maxsize_content_length": ({}, [dict(url=base + "/big-cl", meta={"download_maxsize": 1000})]),
        "maxsize_chunked": ({}, [dict(url=base + "/big-chunked", meta={"download_maxsize": 1000})]),
        "warnsize_content_length": ({"DOWNLOAD_WARNSIZE": 1000}, [dict(url=base + "/big-cl")]),
        "warnsize_chunked": ({"DOWNLOAD_WARNSIZE": 1000}, [dict(url=base + "/big-chunked")]),
        "close_delimited": ({}, [dict(url=base + "/close-delimited")]),
        "gzip": ({}, [dict(url=base + "/gzip")]),
        "deflate": ({}, [dict(url=base + "/deflate")]),
        "rawdeflate": ({}, [dict(url=base + "/rawdeflate")]),
        "badgzip": ({}, [dict(url=base + "/badgzip")]),
        "redirect_loop_dont_filter": ({}, [dict(url=base + "/loop-a", dont_filter=True)]),
        "redirect_loop_filtered": ({}, [dict(url=base + "/loop-a")]),
        "redirect_max_times_2": ({"REDIRECT_MAX_TIMES": 2}, [dict(url=base + "/loop-a", dont_filter=True)]),
        "redirect_301_post": ({}, [dict(url=base + "/redirect/301", method="POST", body="a=1",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})]),
        "redirect_302_post": ({}, [dict(url=base + "/redirect/302", method="POST", body="a=1",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})]),
        "redirect_303_post": ({}, [dict(url=base + "/redirect/303", method="POST", body="a=1",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})]),
        "redirect_307_post": ({}, [dict(url=base + "/redirect/307", method="POST", body="a=1",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})]),
        "redirect_308_post": ({}, [dict(url=base + "/redirect/308", method="POST", body="a=1",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})]),
        "redirect_disabled": ({"REDIRECT_ENABLED": False}, [dict(url=base + "/redirect/302", meta={"handle_httpstatus_all": True})]),
        "retry_then_success": ({}, [dict(url=base + "/flaky500")]),
        "retry_exhausted_503": ({}, [dict(url=base + "/status/503")]),
        "retry_429": ({}, [dict(url=base + "/status/429")]),
        "retry_disabled": ({"RETRY_ENABLED": False}, [dict(url=base + "/status/503")]),
        "not_found_no_retry": ({}, [dict(url=base + "/status/404")]),
        "garbage": ({}, [dict(url=base + "/garbage")]),
        "close_immediately": ({}, [dict(url=base + "/close-immediately")]),
        "default_headers": ({}, [dict(url=base + "/echo")]),
        "cookies_set_then_sent": ({}, [dict(url=base + "/setcookie"), dict(url=base + "/echo", after=True)]),
        "cookies_request_dict": ({}, [dict(url=base + "/echo", cookies={"a": "1", "b": "two"})]),
        "cookies_request_list": ({}, [dict(url=base + "/echo", cookies=[{"name": "c", "value": "3", "path": "/"}])]),
        "unsupported_scheme": ({}, [dict(url="foo://127.0.0.1/x")]),
        "duplicate": ({}, [dict(url=base + "/ok?b=2&a=1"), dict(url=base + "/ok?a=1&b=2#frag")]),
        "offsite": ({}, [dict(url=base + "/ok", allowed=["127.0.0.1"]),
                         dict(url=f"http://localhost:{port}/ok", after=True),
                         dict(url=f"http://localhost:{port}/other", after=True)]),
        "duplicate_from_callback": ({}, [dict(url=base + "/ok"), dict(url=base + "/ok", after=True),
                                         dict(url=base + "/ok", after=True)]),
        "robots_forbidden": ({"ROBOTSTXT_OBEY": True}, [dict(url=base + "/private/x")]),
        "meta_refresh": ({"METAREFRESH_ENABLED": True}, [dict(url=base + "/refresh")]),
        "cookies_debug": ({"COOKIES_DEBUG": True}, [dict(url=base + "/setcookie"), dict(url=base + "/echo", after=True)]),
        "robots_allowed": ({"ROBOTSTXT_OBEY": True}, [dict(url=base + "/ok")]),
    }


def run_scenario(name, port, closed):
    """Runs in a child interpreter (Twisted's reactor cannot restart)."""
    import logging
    import scrapy
    from scrapy.crawler import CrawlerProcess

    settings, reqs = scenarios(port, closed)[name]
    outcomes = []
    logs = []

    class Capture(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING or record.name.startswith(
                    ("scrapy.downloadermiddlewares", "scrapy.dupefilters", "scrapy.spidermiddlewares")):
                logs.append({"logger": record.name, "level": record.levelname, "message": record.getMessage()})

    def fix(text):
        return text.replace(str(port), "{port}").replace(str(closed), "{closed}")

    class S(scrapy.Spider):
        name = "gen"
        custom_settings = dict(settings, LOG_LEVEL="DEBUG", TELNETCONSOLE_ENABLED=False,
                               REQUEST_FINGERPRINTER_IMPLEMENTATION="2.6")

        def start_requests(self):
            for r in reqs:
                if r.get("after"):
                    continue
                yield self.make(r)

        def make(self, r):
            kw = {}
            for k in ("method", "body", "headers", "cookies", "meta"):
                if k in r:
                    kw[k] = r[k]
            return scrapy.Request(r["url"], callback=self.ok, errback=self.bad,
                                  dont_filter=r.get("dont_filter", False), **kw)

        def ok(self, response):
            body = response.body
            out = {"kind": "response", "status": response.status, "url": fix(response.url),
                   "flags": response.flags,
                   "headers": {k.decode(): [v.decode("latin-1") for v in vs] for k, vs in response.headers.items()},
                   "meta": {k: (fix(json.dumps(v)) if k != "download_latency" else "<float>")
                            for k, v in response.meta.items()},
                   "body_length": len(body)}
            if response.url.endswith("/echo"):
                echo = json.loads(body)
                out["echo"] = {"method": echo["method"], "target": echo["target"], "body": echo["body"],
                               "headers": [[n, fix(v)] for n, v in echo["headers"]]}
            else:
                out["body"] = body.decode("latin-1") if len(body) < 200 else None
            outcomes.append(out)
            for r in reqs:
                if r.get("after") and not r.get("done"):
                    r["done"] = True
                    yield self.make(r)

        def bad(self, failure):
            outcomes.append({"kind": "failure",
                             "text": fix(failure.getErrorMessage()),
                             "class": failure.type.__module__ + "." + failure.type.__qualname__})

    for r in reqs:
        if "allowed" in r:
            S.allowed_domains = r["allowed"]

    logging.getLogger().addHandler(Capture())
    process = CrawlerProcess({"LOG_LEVEL": "DEBUG", "LOG_ENABLED": False})
    crawler = process.create_crawler(S)
    process.crawl(crawler)
    try:
        process.start()
    except Exception as e:  # pragma: no cover - recorded, not hidden
        outcomes.append({"kind": "crash", "text": repr(e)})
    stats = {k: (v if isinstance(v, (int, float, str)) else type(v).__name__)
             for k, v in crawler.stats.get_stats().items()}
    for k in ("elapsed_time_seconds", "memusage/max", "memusage/startup", "downloader/request_bytes",
              "downloader/response_bytes", "httpcompression/response_bytes"):
        if k in stats:
            stats[k] = "<number>"
    return {"settings": settings,
            "requests": json.loads(fix(json.dumps([{k: v for k, v in r.items() if k != "done"} for r in reqs]))),
            "outcomes": outcomes, "stats": {fix(k): v for k, v in stats.items()},
            "logs": [dict(l, message=fix(l["message"])) for l in logs]}


def run_missing_scheme_directly():
    """Request() itself raises for these; the streaming host reports str(exception)."""
    import scrapy
    out = {}
    for url in ("not a url", "/relative/path", "www.example.com/x", "foo://127.0.0.1/x",
                "http://[127.0.0.1]/x", "http://[::1]x/", "http://a\u2100b.example/x",
                "http://www.example.com:8x/"):
        try:
            scrapy.Request(url)
            out[url] = None
        except Exception as e:
            out[url] = str(e)
    return out


# ---------------------------------------------------------------- pure functions

URL_CASES = [
    ("http://www.example.com/do?c=3&b=5&b=2&a=50", None),
    ("http://www.example.com/r\u00e9sum\u00e9", None),
    ("http://www.example.com/a b/c?d e=f g", None),
    ("http://www.example.com/path?q=caf\u00e9", "latin-1"),
    ("http://www.example.com/path?q=caf\u00e9", "utf-8"),
    ("http://www.example.com/path?q=\u20ac", "cp1252"),
    ("http://www.example.com/%7Euser/%2fx?a=%2f", None),
    ("http://www.example.com/x#frag", None),
    ("http://www.example.com/x?b=&a", None),
    ("HTTP://WWW.Example.COM/Path", None),
    ("http://www.example.com:80/", None),
    ("http://www.example.com", None),
    ("http://user:p@ss@www.example.com/", None),
    ("http://\u00fcber.example/\u00fc", None),
    ("http://www.example.com/a;p?x=1", None),
    ("http://www.example.com/ajax.html#!key=value", None),
    ("http://www.example.com/q?a=1+2&b=%20", None),
    ("http://www.example.com/pipe|x?y=[1]", None),
    ("http://www.example.com/it's?q='", None),
    ("  http://www.example.com/trim \n", None),
    ("http://www.example.com/tab\there", None),
    ("http://www.example.com/%zz", None),
    ("http://www.example.com/?a=1&a=0&b=%41", None),
    ("https://example.com:8443/x?z=1&y=2", None),
    ("http://127.0.0.1:8765/p1.html", None),
    ("http://www.example.com/app?a=1;b=2#!x", None),
    ("http://www.example.com/app?a=1&_escaped_fragment_=old#!new", None),
    ("http://www.example.com/path?q=caf\u00e9", "u8"),
    ("http://www.example.com/path?q=caf\u00e9", "latin2"),
]


def url_cases():
    import scrapy
    from w3lib.url import canonicalize_url
    from scrapy.utils.request import request_fingerprint
    import warnings
    warnings.simplefilter("ignore")
    out = []
    for url, enc in URL_CASES:
        kw = {"encoding": enc} if enc else {}
        try:
            r = scrapy.Request(url, **kw)
        except ValueError as e:
            out.append({"input": url, "encoding": enc, "error": str(e)})
            continue
        entry = {"input": url, "encoding": enc, "safe": r.url, "canonical": canonicalize_url(r.url),
                 "fingerprint_get": request_fingerprint(r),
                 "fingerprint_post_body": request_fingerprint(r.replace(method="POST", body=b"a=1&b=2"))}
        out.append(entry)
    return out


ROBOTS = [
    ("User-agent: *\nDisallow: /private\n", [("Scrapy/2.8.0 (+https://scrapy.org)", "/private/x"),
                                               ("Scrapy/2.8.0 (+https://scrapy.org)", "/privateer"),
                                               ("Scrapy/2.8.0 (+https://scrapy.org)", "/public")]),
    ("User-agent: *\nDisallow: /\nAllow: /open\n", [("Bot", "/open/x"), ("Bot", "/closed"), ("Bot", "/")]),
    ("User-agent: streamspider\nDisallow: /no\n\nUser-agent: *\nDisallow: /\n",
     [("StreamSpider/0.1 (+https://example.org)", "/yes"), ("StreamSpider/0.1", "/no/x"), ("Other", "/yes")]),
    ("User-agent: *\nDisallow: /*.pdf$\nDisallow: /tmp*\n", [("Bot", "/a.pdf"), ("Bot", "/a.pdf?x"),
                                                              ("Bot", "/tmpfile"), ("Bot", "/x/tmp")]),
    ("User-agent: *\nAllow: /page\nDisallow: /*.php\n", [("Bot", "/page.php"), ("Bot", "/other.php"), ("Bot", "/page")]),
    ("User-agent: *\nDisallow: /a\nAllow: /a/b\n", [("Bot", "/a/b/c"), ("Bot", "/a/c")]),
    ("", [("Bot", "/anything")]),
    ("User-agent: *\nDisallow:\n", [("Bot", "/anything")]),
    ("# comment\nUser-Agent: BOT\nDisallow: /x # trailing\n", [("bot/1.0", "/x"), ("bot/1.0", "/y"), ("other", "/x")]),
    ("User-agent: a\nUser-agent: b\nDisallow: /ab\n", [("b", "/ab"), ("a", "/ab"), ("c", "/ab")]),
    ("User-agent: *\nDisallow: /%7Euser\n", [("Bot", "/~user/x"), ("Bot", "/%7Euser/x")]),
    ("User-agent: *\nDisallow: /q?x=1\n", [("Bot", "/q?x=1"), ("Bot", "/q?x=2")]),
]


def robots_cases():
    from protego import Protego
    out = []
    for text, checks in ROBOTS:
        rp = Protego.parse(text)
        for ua, path in checks:
            out.append({"robots": text, "user_agent": ua, "path": path,
                        "allowed": rp.can_fetch("http://example.com" + path, ua)})
    return out


def pprint_cases():
    sample = {
        "downloader/request_bytes": 219,
        "downloader/request_count": 1,
        "downloader/request_method_count/GET": 1,
        "downloader/response_status_count/200": 1,
        "elapsed_time_seconds": 0.012345,
        "finish_reason": "finished",
        "finish_time": datetime(2026, 11, 21, 8, 0, 5, 123456),
        "start_time": datetime(2026, 11, 21, 8, 0, 0),
        "log_count/INFO": 10,
        "retry/reason_count/twisted.internet.error.ConnectionRefusedError": 2,
        "retry/reason_count/500 Internal Server Error": 2,
        "big": 12345678901234,
        "tiny": 1e-05,
        "big_float": 1e16,
        "third": 1 / 3,
        "quote": "it's",
        "both": "it's \"x\"",
        "minute": datetime(2026, 1, 2, 3, 4),
        "second": datetime(2026, 1, 2, 3, 4, 5),
    }
    short = {"finish_reason": "finished", "item_scraped_count": 3}
    floats = [180.0, 0.5, 1.0, 2.5, 0.001, 0.0001, 1e-05, 123456789.0, 1e16, 1e15, 0.1 + 0.2, 3.0e-7, 100.0]
    return {"pformat": [{"input": _tagged(sample), "output": pprint.pformat(sample)},
                        {"input": _tagged(short), "output": pprint.pformat(short)}],
            "float_repr": [{"value": f, "repr": repr(f)} for f in floats]}


def _tagged(d):
    out = {}
    for k, v in d.items():
        if isinstance(v, datetime):
            out[k] = {"datetime": [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond]}
        elif isinstance(v, float):
            out[k] = {"float": v}
        else:
            out[k] = v
    return out


def decoding_cases():
    """Scrapy's HttpCompressionMiddleware._decode on good and broken bodies."""
    import base64
    import random
    from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
    mw = HttpCompressionMiddleware()
    rnd = random.Random(7)
    text = "".join(rnd.choice("abcdefghij <>/") for _ in range(20000)).encode()
    gz = gzip.compress(text)
    crc_broken = gz[:-8] + bytes([gz[-8] ^ 0xFF]) + gz[-7:]
    zl = zlib.compress(text)
    c = zlib.compressobj(wbits=-15)
    raw = c.compress(text) + c.flush()
    bodies = {
        "gzip_ok": ("gzip", gz),
        "gzip_truncated_half": ("gzip", gz[: len(gz) // 2]),
        "gzip_crc_broken": ("gzip", crc_broken),
        "gzip_trailing_garbage": ("gzip", gz + b"garbage!"),
        "gzip_two_members": ("gzip", gz + gzip.compress(b"second")),
        "gzip_empty": ("gzip", b""),
        "gzip_one_byte": ("gzip", b"\x1f"),
        "gzip_not_gzip": ("gzip", b"<html>plain</html>"),
        "gzip_header_only": ("gzip", gz[:10]),
        "x-gzip_ok": ("x-gzip", gz),
        "deflate_zlib": ("deflate", zl),
        "deflate_raw": ("deflate", raw),
        "deflate_truncated": ("deflate", zl[: len(zl) // 2]),
        "deflate_garbage": ("deflate", b"not deflate at all"),
        "identity": ("identity", b"as is"),
    }
    out = []
    for name, (enc, body) in bodies.items():
        entry = {"name": name, "encoding": enc, "input": base64.b64encode(body).decode()}
        try:
            decoded = mw._decode(body, enc.encode())
            entry["output"] = base64.b64encode(decoded).decode()
        except Exception as e:  # the text the streaming host would send
            entry["error"] = str(e)
            entry["error_class"] = type(e).__module__ + "." + type(e).__qualname__
        out.append(entry)
    return out


def http_reasons():
    from twisted.web.http import RESPONSES
    return {str(k): v.decode() for k, v in sorted(RESPONSES.items())}


def settings_defaults():
    from scrapy.settings import default_settings as d
    names = sorted(n for n in dir(d) if n.isupper())
    picked = ["CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
              "RANDOMIZE_DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "REDIRECT_ENABLED", "REDIRECT_MAX_TIMES",
              "REDIRECT_PRIORITY_ADJUST", "METAREFRESH_ENABLED", "METAREFRESH_MAXDELAY", "RETRY_ENABLED",
              "RETRY_TIMES", "RETRY_HTTP_CODES", "RETRY_PRIORITY_ADJUST", "COOKIES_ENABLED", "COOKIES_DEBUG",
              "DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE", "DOWNLOAD_FAIL_ON_DATALOSS", "USER_AGENT",
              "DEFAULT_REQUEST_HEADERS", "ROBOTSTXT_OBEY", "ROBOTSTXT_USER_AGENT", "LOG_LEVEL",
              "LOGSTATS_INTERVAL", "COMPRESSION_ENABLED"]
    values = {}
    for n in picked:
        v = getattr(d, n)
        values[n] = v
    return {"names": names, "defaults": values}


def main():
    if len(sys.argv) == 5 and sys.argv[1] == SCENARIO_ARG:
        print(json.dumps(run_scenario(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
        return
    server = FaultServer()
    closed = closed_port()
    crawls = {}
    for name in scenarios(server.port, closed):
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        proc = subprocess.run([sys.executable, __file__, SCENARIO_ARG, name, str(server.port), str(closed)],
                              capture_output=True, text=True, timeout=60, env=env)
        if proc.returncode != 0:
            raise SystemExit(f"scenario {name} failed:\n{proc.stderr}")
        crawls[name] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"scenario {name}: {crawls[name]['outcomes']}", file=sys.stderr)
    out = {
        "generator": "host/src/test/scripts/engine_expectations.py",
        "scrapy": __import__("scrapy").__version__,
        "settings": settings_defaults(),
        "request_url_errors": run_missing_scheme_directly(),
        "urls": url_cases(),
        "robots": robots_cases(),
        "pprint": pprint_cases(),
        "http_reasons": http_reasons(),
        "decoding": decoding_cases(),
        "crawls": crawls,
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
