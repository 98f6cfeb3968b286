#!/usr/bin/env bash
# Health endpoints: Runway vs a minimal Spring Boot 4 Actuator app doing the same work, side by side
# in one run. Builds both, starts both, loads both with wrk (2 threads, 32 connections, 10 s), prints
# both sides' numbers and the issue's targets. Loopback only; every process it starts it stops.
#
#   bash bench/health-load.sh            # needs: JDK 17+, wrk (apt-get install -y wrk), curl, jcmd
#
# Ports: 18090 fake dependencies, 18080 acme-service, 18081 Actuator app, 18082 Runway bench app;
# they are checked before anything is built, and a busy one stops the run (exit 1) with its holder named.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/target/health-load
mkdir -p "$OUT"
JVM_FLAGS=${JVM_FLAGS:--XX:+UseG1GC -Xmx512m}
DURATION=${DURATION:-10s}
CURL=(curl -s --noproxy '*' --max-time 30)
command -v wrk >/dev/null || { echo "wrk not found: apt-get update && apt-get install -y wrk" >&2; exit 1; }

# The ports are fixed (the apps read them from their settings): a port something else holds would
# have the bench poll a stranger for 200s, so check them all before building, and name each busy one.
PORTS=(18080 18081 18082 18090)
port_busy() { # port -> true when something listens on it (a connect to loopback succeeds, or ss lists it)
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
  command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
}
check_ports() {
  local busy=() p who
  for p in "${PORTS[@]}"; do port_busy "$p" && busy+=("$p"); done
  [ ${#busy[@]} -eq 0 ] && return 0
  for p in "${busy[@]}"; do
    who=$(command -v ss >/dev/null && ss -Hltnp "sport = :$p" 2>/dev/null | grep -oP 'users:\(\("\K[^"]+",pid=[0-9]+' | head -1 | sed 's/",pid=/ pid /')
    echo "health-load: port $p is in use${who:+ by $who}; the bench needs ${PORTS[*]} free: stop what holds it and run again" >&2
  done
  exit 1
}
check_ports
# PIN=1 puts the servers on CPU 0 and wrk on CPU 1. Off by default: on a machine shared with other
# work, pinning every server to one core measures that core's neighbours more than the servers.
PIN_SERVER=(); PIN_LOAD=()
if [ "${PIN:-0}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN_SERVER=(taskset -c 0); PIN_LOAD=(taskset -c 1); fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== build"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -pl bench,examples/acme-service -am package -DskipTests
  ./mvnw -q -B -f bench/actuator-app/pom.xml package -DskipTests
fi
BENCH_JAR=bench/target/benchmarks.jar
ACME_JAR=examples/acme-service/target/acme-service.jar
ACT_JAR=bench/actuator-app/target/actuator-app.jar

now_ms() { date +%s%3N; }
wait_200() { # url start_stamp_ms [pid] -> prints ms from it to the first 200 (gives up after 180 s, or when pid exits)
  local url=$1 start=$2 pid=${3:-} deadline=$(( $(now_ms) + 180000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if [ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; then echo $(( $(now_ms) - start )); return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "health-load: the process serving $url (pid $pid) exited before answering 200; see its log in $OUT" >&2
      echo "exited"; return 1
    fi
    sleep 0.005
  done
  echo "health-load: $url did not answer 200 within 180 s; see the logs in $OUT" >&2
  echo "timeout"; return 1
}
heap_kib() { # pid -> heap used after a full GC, KiB
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | grep -oP 'used \K[0-9]+(?=K)' | head -1
}
start() { # name cmd... ; sets LAST_PID
  local name=$1; shift
  "$@" >"$OUT/$name.log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
}
# wrk_run name url [extra wrk args] -> writes $OUT/name.wrk, prints "rps p99_ms requests errors"
wrk_run() {
  local name=$1 url=$2; shift 2
  "${PIN_LOAD[@]}" wrk -t2 -c32 -d"$DURATION" --latency "$@" "$url" >"$OUT/$name.wrk" 2>&1
  local rps p99 reqs errs
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/$name.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$OUT/$name.wrk")
  reqs=$(awk '/requests in/ {print $1}' "$OUT/$name.wrk")
  errs=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$OUT/$name.wrk")
  echo "$rps $(to_ms "$p99") $reqs ${errs:-none}"
}
to_ms() { # wrk latency (e.g. 1.23ms, 850.00us, 2.01s) -> ms
  awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n=n/1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n=n*1000; printf "%.3f", n }'
}
max_count() { "${CURL[@]}" http://127.0.0.1:18090/_counts | grep -oP ':\K[0-9]+' | sort -n | tail -1; }
counts() { "${CURL[@]}" http://127.0.0.1:18090/_counts; }

echo "== start-up: JVM start to first 200, heap after start-up (flags: $JVM_FLAGS)"
t0=$(now_ms); start acme env PORT=18080 HEALTH_TOKEN=bench-token-0123456789abcdef "${PIN_SERVER[@]}" java $JVM_FLAGS -jar $ACME_JAR
ACME_PID=$LAST_PID; ACME_START=$(wait_200 http://127.0.0.1:18080/api/health "$t0" $ACME_PID); sleep 1; ACME_HEAP=$(heap_kib $ACME_PID)
start deps "${PIN_SERVER[@]}" java -Xmx256m -cp $BENCH_JAR dev.runway.bench.health.FakeDependencies 18090 200
t0=$(now_ms); start actuator env PORT=18081 DEPS_BASE_URL=http://127.0.0.1:18090 "${PIN_SERVER[@]}" java $JVM_FLAGS -jar $ACT_JAR
ACT_PID=$LAST_PID; ACT_START=$(wait_200 http://127.0.0.1:18081/actuator/health/liveness "$t0" $ACT_PID); sleep 1; ACT_HEAP=$(heap_kib $ACT_PID)
echo "runway acme-service: ${ACME_START} ms to first 200, heap ${ACME_HEAP} KiB"
echo "actuator app:        ${ACT_START} ms to first 200, heap ${ACT_HEAP} KiB"
kill $ACME_PID

start runway env PORT=18082 DEPS_BASE_URL=http://127.0.0.1:18090 DEEP_TTL_MS=5000 "${PIN_SERVER[@]}" java $JVM_FLAGS -cp $BENCH_JAR dev.runway.bench.health.RunwayBenchApp
RUNWAY_PID=$LAST_PID; wait_200 http://127.0.0.1:18082/api/health "$(now_ms)" $RUNWAY_PID >/dev/null
R=http://127.0.0.1:18082/api/health; A=http://127.0.0.1:18081/actuator/health

deep_ms() { "${CURL[@]}" -o "$OUT/$1-deep.json" -w '%{time_total}' "$2" | awk '{printf "%.0f", $1*1000}'; }
echo "== deep, first request after JVM start (10 dependency probes of 200 ms each, nothing cached)"
"${CURL[@]}" -o /dev/null http://127.0.0.1:18090/_reset
R_DEEP_FIRST=$(deep_ms runway-first $R/deep); A_DEEP_FIRST=$(deep_ms actuator-first $A/deep)
echo "runway:   ${R_DEEP_FIRST} ms   actuator: ${A_DEEP_FIRST} ms"

echo "== warm-up (5 s each, not counted)"
DURATION=5s wrk_run warm-runway $R >/dev/null; DURATION=5s wrk_run warm-actuator $A/liveness >/dev/null
for i in 1 2 3; do "${CURL[@]}" -o /dev/null $A/deep; done

echo "== deep, warm JVM, cache expired (TTL 5 s passed): median of 5"
R_SAMPLES=(); A_SAMPLES=()
for i in 1 2 3 4 5; do
  sleep 5.2; R_SAMPLES+=("$(deep_ms runway $R/deep)"); A_SAMPLES+=("$(deep_ms actuator $A/deep)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
R_DEEP_MS=$(median "${R_SAMPLES[@]}"); A_DEEP_MS=$(median "${A_SAMPLES[@]}")
echo "runway:   ${R_SAMPLES[*]} ms -> median ${R_DEEP_MS} ms   actuator: ${A_SAMPLES[*]} ms -> median ${A_DEEP_MS} ms"

echo "== liveness: wrk -t2 -c32 -d$DURATION --latency"
read -r R_LIVE_RPS R_LIVE_P99 R_LIVE_N R_LIVE_ERR < <(wrk_run runway-liveness $R)
read -r A_LIVE_RPS A_LIVE_P99 A_LIVE_N A_LIVE_ERR < <(wrk_run actuator-liveness $A/liveness)
echo "runway:   $R_LIVE_RPS req/s  p99 $R_LIVE_P99 ms  ($R_LIVE_N requests; errors: $R_LIVE_ERR)"
echo "actuator: $A_LIVE_RPS req/s  p99 $A_LIVE_P99 ms  ($A_LIVE_N requests; errors: $A_LIVE_ERR)"

echo "== deep under load, TTL 5 s: dependency calls caused (max over the 10 dependencies)"
sleep 5.5; "${CURL[@]}" -o /dev/null http://127.0.0.1:18090/_reset
read -r R_DL_RPS R_DL_P99 R_DL_N R_DL_ERR < <(wrk_run runway-deep-load $R/deep)
R_DL_CALLS=$(max_count); echo "runway:   $R_DL_N requests, $R_DL_RPS req/s, p99 $R_DL_P99 ms -> max $R_DL_CALLS calls per dependency $(counts)"
"${CURL[@]}" -o /dev/null http://127.0.0.1:18090/_reset
read -r A_DL_RPS A_DL_P99 A_DL_N A_DL_ERR < <(wrk_run actuator-deep-load $A/deep --timeout 30s)
A_DL_CALLS=$(max_count); echo "actuator: $A_DL_N requests, $A_DL_RPS req/s, p99 $A_DL_P99 ms -> max $A_DL_CALLS calls per dependency"

# Liveness p99 with deep traffic in the background, with healthy dependencies and with dep0 hanging
# 10 s per call; the background load is the same in both, so only the hang differs. Alternated
# ROUNDS times (default 5); the medians are compared (one 10 s p99 on 2 shared cores is mostly noise).
hang_case() { # name live_url deep_url -> "median_healthy median_hang all_healthy all_hang"
  local name=$1 live=$2 deep=$3 p bg healthy=() hang=()
  for round in $(seq 1 "${ROUNDS:-5}"); do
    for mode in healthy hang; do
      "${CURL[@]}" -o /dev/null http://127.0.0.1:18090/_reset
      [ $mode = hang ] && "${CURL[@]}" -o /dev/null "http://127.0.0.1:18090/_hang?dep=dep0&ms=10000"
      "${PIN_LOAD[@]}" wrk -t1 -c4 -d12s --timeout 30s "$deep" >"$OUT/$name-bg-$mode-$round.wrk" 2>&1 & bg=$!
      sleep 1; read -r _ p _ _ < <(wrk_run "$name-live-$mode-$round" "$live"); wait $bg || true
      if [ $mode = hang ]; then hang+=("$p"); else healthy+=("$p"); fi
    done
  done
  "${CURL[@]}" -o /dev/null http://127.0.0.1:18090/_reset
  echo "$(median "${healthy[@]}") $(median "${hang[@]}") $(IFS=/; echo "${healthy[*]}") $(IFS=/; echo "${hang[*]}")"
}
echo "== liveness p99 while dep0 hangs 10 s per call (deep traffic in the background: wrk -t1 -c4; ${ROUNDS:-5} rounds, medians)"
read -r R_H_BASE R_H_HANG R_H_ALLB R_H_ALLH < <(hang_case runway $R $R/deep)
read -r A_H_BASE A_H_HANG A_H_ALLB A_H_ALLH < <(hang_case actuator $A/liveness $A/deep)
echo "runway:   p99 $R_H_BASE ms healthy ($R_H_ALLB) -> $R_H_HANG ms with dep0 hanging ($R_H_ALLH)"
echo "actuator: p99 $A_H_BASE ms healthy ($A_H_ALLB) -> $A_H_HANG ms with dep0 hanging ($A_H_ALLH)"

verdict() { if awk "BEGIN{exit !($1)}"; then echo "met"; else echo "MISSED"; fi; }
{
echo
echo "| measure | Runway | Actuator | target | result |"
echo "|---|---|---|---|---|"
echo "| liveness req/s | $R_LIVE_RPS | $A_LIVE_RPS | Runway ≥ 3× Actuator | $(verdict "$R_LIVE_RPS >= 3*$A_LIVE_RPS") ($(awk "BEGIN{printf \"%.2f\", $R_LIVE_RPS/$A_LIVE_RPS}")×) |"
echo "| liveness p99 | $R_LIVE_P99 ms | $A_LIVE_P99 ms | Runway ≤ ⅓ Actuator | $(verdict "$R_LIVE_P99 <= $A_LIVE_P99/3") |"
echo "| deep, 10 × 200 ms deps, cache expired (median of 5) | $R_DEEP_MS ms | $A_DEEP_MS ms | Runway ≤ 300 ms (Actuator ≥ 2 s) | $(verdict "$R_DEEP_MS <= 300") |"
echo "| deep, first request after JVM start | $R_DEEP_FIRST ms | $A_DEEP_FIRST ms | (not a target; shown for honesty) | |"
echo "| deep load $DURATION, TTL 5 s: requests | $R_DL_N | $A_DL_N | ≥ 10,000 | $(verdict "$R_DL_N >= 10000") |"
echo "| … max calls to one dependency | $R_DL_CALLS | $A_DL_CALLS | ≤ 3 | $(verdict "$R_DL_CALLS <= 3") |"
echo "| liveness p99, healthy → dep0 hanging (medians of ${ROUNDS:-5}) | $R_H_BASE → $R_H_HANG ms | $A_H_BASE → $A_H_HANG ms | Runway moves ≤ 10 % | $(verdict "$R_H_HANG <= 1.10*$R_H_BASE") |"
echo "| JVM start → first 200 | $ACME_START ms | $ACT_START ms | Runway ≤ ⅕ Actuator | $(verdict "$ACME_START <= $ACT_START/5") |"
echo "| heap after start-up (after GC) | $ACME_HEAP KiB | $ACT_HEAP KiB | Runway ≤ ⅓ Actuator | $(verdict "$ACME_HEAP <= $ACT_HEAP/3") |"
echo
echo "JVM: $(java -version 2>&1 | head -1); flags: $JVM_FLAGS; cores: $(nproc); pinning: ${PIN_SERVER[*]:-none} (servers) / ${PIN_LOAD[*]:-none} (wrk); raw output: $OUT"
} | tee "$OUT/summary.md"
