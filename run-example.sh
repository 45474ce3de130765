#!/usr/bin/env bash
# Builds the example spider, serves the bundled demo shop on 127.0.0.1, crawls it with the
# embedded host (no Python needed) and writes the items to items.jsonl.
#
# usage: ./run-example.sh [--no-build] [-O FILE] [-- SPIDER OPTIONS...]
#   --no-build  use the jar already built in example-spider/target
#   -O FILE     write the items to FILE instead of items.jsonl (overwritten)
#   -- ...      more options for the spider jar, e.g. -- -a category=Kitchen
set -euo pipefail

cd "$(dirname "$0")"
jar=example-spider/target/example-spider.jar
items=items.jsonl
build=1
extra=()

while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    -O)
      [ $# -ge 2 ] || { echo "run-example.sh: -O needs a file name" >&2; exit 2; }
      items=$2
      shift
      ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "run-example.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n==> %s\n' "$*"; }

if [ "$build" = 1 ]; then
  step "Building the example spider: mvn -B -q -DskipTests package -pl example-spider -am"
  mvn -B -q -DskipTests package -pl example-spider -am
fi
if [ ! -f "$jar" ]; then
  echo "run-example.sh: $jar is missing; run without --no-build to build it" >&2
  exit 2
fi

work=$(mktemp -d)
site_pid=
cleanup() {
  if [ -n "$site_pid" ] && kill -0 "$site_pid" 2>/dev/null; then
    kill "$site_pid" 2>/dev/null || true
    wait "$site_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Starting the demo site on a free port of 127.0.0.1"
: >"$work/site.log" # exists before the background job opens it: no race with the first read
java -cp "$jar" io.streamspider.example.DemoSite --port 0 >"$work/site.log" 2>&1 &
site_pid=$!
url=
for _ in $(seq 1 300); do
  url=$(sed -n 's#^Demo site serving \(http://127\.0\.0\.1:[0-9]*/\) .*#\1#p' "$work/site.log")
  [ -n "$url" ] && break
  if ! kill -0 "$site_pid" 2>/dev/null; then
    echo "run-example.sh: the demo site did not start:" >&2
    cat "$work/site.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "run-example.sh: the demo site printed no address within 30 s:" >&2
  cat "$work/site.log" >&2
  exit 1
fi
sed 's/^/    /' "$work/site.log"

step "Crawling $url with the catalogue spider on the embedded host"
echo "    java -jar $jar catalogue --local -a start_urls=$url -s LOG_LEVEL=INFO" \
  "-O $items ${extra[*]:-}"
started=$(date +%s)
set +e
java -jar "$jar" catalogue --local -a "start_urls=$url" -s LOG_LEVEL=INFO -O "$items" \
  "${extra[@]}" 2>&1 \
  | tee "$work/crawl.log"
status=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - started ))

step "Summary"
count=0
if [ -f "$items" ]; then
  count=$(wc -l <"$items" | tr -d ' ')
fi
echo "    exit status:    $status"
echo "    time:           ${elapsed} s"
echo "    items:          $count in $items"
if [ "$count" -gt 0 ]; then
  members=$(grep -c '"members-only"' "$items" || true)
  echo "    members-only:   $members (reached by logging in)"
  echo "    per category:   $(grep -o '"category": *"[^"]*"' "$items" | cut -d'"' -f4 \
    | sort | uniq -c | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')"
fi
# the runtime's closing line carries its own stats, duplicate and off-site filters included
filtered=$(grep 'closing. Stats: ' "$work/crawl.log" | tail -n 1 \
  | grep -Eo '(dupefilter|offsite)/filtered=[0-9]+' | tr '\n' ' ' || true)
[ -n "$filtered" ] && echo "    filtered:       $filtered"
missing=$(grep -c 'product page missing' "$work/crawl.log" || true)
echo "    missing pages:  $missing (handled by the spider's @OnError)"
if [ "$status" -ne 0 ]; then
  echo "    the crawl failed; its log is above" >&2
fi
exit "$status"
