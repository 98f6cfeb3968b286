#!/usr/bin/env bash
# Start-up of the installed `runway` command: builds the distribution (or takes one), unpacks it into a
# temporary folder outside the checkout, lets bin/runway record its CDS archive, and times
#   bin/runway validate --config examples/acme/runway.conf --env production
# with hyperfine (Debian: apt-get install hyperfine). Target: median <= 300 ms (docs/performance.md).
#
#   bash bench/cli-startup.sh                      # builds with ./mvnw, then measures
#   DIST=path/to/runway-x.y.zip bash bench/cli-startup.sh   # measures that archive (.zip or .tar.gz)
#   RUNS=10 WARMUP=3 COMPARE=1 bash bench/cli-startup.sh   # COMPARE=1 also times java -jar cli/target/runway.jar
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-10}"
warmup="${WARMUP:-3}"

command -v hyperfine >/dev/null || { echo "cli-startup: hyperfine is not installed (apt-get install -y hyperfine)" >&2; exit 2; }

dist="${DIST:-}"
if [ -z "$dist" ]; then
  echo "== building the distribution: ./mvnw -q -B -pl cli,examples/acme -am package -DskipTests" >&2
  (cd "$root" && ./mvnw -q -B -pl cli,examples/acme -am package -DskipTests >&2)
  dist="$(ls -1t "$root"/cli/target/runway-*.zip | head -1)"
fi
[ -f "$dist" ] || { echo "cli-startup: no distribution at '$dist'" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/runway-cli-startup.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
case "$dist" in
  *.zip) unzip -q "$dist" -d "$tmp" ;;
  *.tar.gz|*.tgz) tar -xzf "$dist" -C "$tmp" ;;
  *) echo "cli-startup: '$dist' is neither a .zip nor a .tar.gz" >&2; exit 2 ;;
esac
home="$(ls -d "$tmp"/runway-*)"
mkdir -p "$tmp/examples/acme"
cp "$root"/examples/acme/runway.conf "$root"/examples/acme/.env.* "$tmp/examples/acme/"

echo "== $(java -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== first run (records the CDS archive):" >&2
start=$(date +%s%N)
(cd "$tmp" && "$home/bin/runway" validate --config examples/acme/runway.conf --env production)
echo "   $(( ($(date +%s%N) - start) / 1000000 )) ms; archive: $(ls "$home"/lib/cds/*.jsa 2>/dev/null || echo none)" >&2

set -- "bin/runway validate --config examples/acme/runway.conf --env production"
if [ "${COMPARE:-0}" = 1 ] && [ -f "$root/cli/target/runway.jar" ]; then
  set -- "$@" "java -jar $root/cli/target/runway.jar validate --config examples/acme/runway.conf --env production"
fi
cd "$tmp"
ln -s "$home/bin" bin
hyperfine -w "$warmup" -r "$runs" --export-json "$tmp/hyperfine.json" "$@"
python3 - "$tmp/hyperfine.json" <<'EOF' 2>/dev/null || true
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median']*1000:.0f} ms (min {r['min']*1000:.0f}, max {r['max']*1000:.0f}): {r['command']}")
EOF
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
