#!/usr/bin/env bash
# Load test: the receiver and a bare fixed-answer servlet in one embedded Jetty, driven in turn
# by wrk over loopback keep-alive connections; prints req/s, p50/p99 and the ratio receiver/bare.
#   src/bench/load.sh [rounds=5] [seconds-per-run=15] [connections=16]
# Loopback only. Installs wrk from Debian's packages when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
seconds=${2:-15}
connections=${3:-16}
query='SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI'

if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

server_log=target/bench-server.log
# The server ends when this script's end closes its stdin (or after 30 minutes at most).
coproc SERVER { exec java -Dgroupfull.bench=true -Xms1g -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.github.timcallback.groupfull.bench.BenchServer 1800 2>"$server_log"; }
trap 'exec {SERVER[1]}>&- 2>/dev/null || true; kill "$SERVER_PID" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
port=
while read -r -t 120 line <&"${SERVER[0]}"; do
  echo "# $line"
  case $line in port=*) port=${line#port=}; break ;; esac
done
[ -n "$port" ] || { echo "server did not start; see $server_log" >&2; exit 1; }

run() { # name path -> "req/s p50 p99 non2xx"
  local out
  out=$(timeout $((seconds + 30)) wrk -t1 -c"$connections" -d"${seconds}s" --latency -s src/bench/post.lua \
    "http://127.0.0.1:$port$2?$query")
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  echo "$1 $rps $p50 $p99 ${non2xx:-0}"
}

echo "# warm-up: both, in turn, until the JIT has settled"
for _ in 1 2 3; do
  run receiver /tim/callback >/dev/null
  run bare /bare >/dev/null
done
printf '%-6s %-9s %12s %10s %10s %8s\n' round servlet req/s p50 p99 non-2xx
results=()
for round in $(seq "$rounds"); do
  if (( round % 2 )); then order="receiver bare"; else order="bare receiver"; fi
  for who in $order; do
    if [ "$who" = receiver ]; then line=$(run receiver /tim/callback); else line=$(run bare /bare); fi
    read -r name rps p50 p99 non2xx <<<"$line"
    printf '%-6s %-9s %12s %10s %10s %8s\n' "$round" "$name" "$rps" "$p50" "$p99" "$non2xx"
    results+=("$round $name $rps $non2xx")
  done
done
summary=$(printf '%s\n' "${results[@]}")
bad=$(awk '{ n += $4 } END { print n + 0 }' <<<"$summary")
ratios=$(awk '$2 == "receiver" { r[$1] = $3 } $2 == "bare" { b[$1] = $3 }
  END { for (k in r) printf "%.4f\n", r[k] / b[k] }' <<<"$summary" | sort -n)
median=$(awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' <<<"$ratios")
awk -v median="$median" -v bad="$bad" '$2 == "receiver" { rs += $3; n++ } $2 == "bare" { bs += $3 }
  END { printf "receiver/bare: mean req/s %.0f / %.0f = %.3f; median of per-round ratios %.3f; non-2xx %d\n",
        rs / n, bs / n, rs / bs, median, bad }' <<<"$summary"
[ "$bad" -eq 0 ]
