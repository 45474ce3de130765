"""A spider that follows a script, for the host's tests. Needs only the standard library.

Usage: python3 scripted_spider.py SCRIPT TRANSCRIPT
Every line read from the host is appended to TRANSCRIPT as it arrives. SCRIPT has one step per line:
  recv N        read N lines from stdin
  send LINE     write LINE and a newline to stdout
  sendraw TEXT  write TEXT with "\\r", "\\n" escapes decoded and nothing added
  stderr TEXT   write TEXT and a newline to stderr
  sleep SECS    sleep
  closeout      close stdout
  exit CODE     exit at once
  drain         read stdin to its end
  argv          send a log message holding the JSON of the arguments after TRANSCRIPT
  biglog N      send a log message of N bytes of text
After the last step the spider reads stdin to its end and exits 0.
"""
import json
import os
import sys
import time

script, transcript_path = sys.argv[1], sys.argv[2]
transcript = open(transcript_path, "a", encoding="utf-8")


def receive():
    line = sys.stdin.readline()
    if line:
        transcript.write(line if line.endswith("\n") else line + "\n")
        transcript.flush()
    return line


for step in open(script, encoding="utf-8").read().split("\n"):
    if not step:
        continue
    op, _, arg = step.partition(" ")
    if op == "recv":
        for _ in range(int(arg)):
            if not receive():
                break
    elif op == "send":
        sys.stdout.write(arg + "\n")
        sys.stdout.flush()
    elif op == "sendraw":
        sys.stdout.write(arg.replace("\\r", "\r").replace("\\n", "\n"))
        sys.stdout.flush()
    elif op == "stderr":
        sys.stderr.write(arg + "\n")
        sys.stderr.flush()
    elif op == "sleep":
        time.sleep(float(arg))
    elif op == "closeout":
        sys.stdout.close()
        os.close(1)
    elif op == "exit":
        transcript.close()
        os._exit(int(arg))
    elif op == "argv":
        sys.stdout.write(json.dumps({"type": "log", "level": "INFO", "message": json.dumps(sys.argv[3:])}) + "\n")
        sys.stdout.flush()
    elif op == "biglog":
        sys.stdout.write('{"type": "log", "level": "INFO", "message": "' + "x" * int(arg) + '"}\n')
        sys.stdout.flush()
    elif op == "drain":
        while receive():
            pass
    else:
        raise SystemExit("unknown step " + step)

while receive():
    pass
