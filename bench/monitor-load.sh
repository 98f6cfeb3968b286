#!/usr/bin/env bash
# Monitoring load: 1,000 HTTP monitors at a 10 s interval against a local server (a separate process),
# history in SQLite, the monitor JVM capped at 128 MB of heap. About 2.5 minutes (30 s warm-up, 120 s
# measured); prints lag p50/p99/max, checks run vs due, CPU as a share of one core, and peak heap.
#
#   bash bench/monitor-load.sh                 # MONITORS=1000 INTERVAL=10 WARMUP=30 MEASURE=120 MODE=jitter|stagger|burst
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then ./mvnw -q -B -pl bench -am package -DskipTests; fi
exec java -Xmx128m -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.runway.bench.monitor.MonitorLoad \
  "${MONITORS:-1000}" "${INTERVAL:-10}" "${WARMUP:-30}" "${MEASURE:-120}" "${MODE:-jitter}"
