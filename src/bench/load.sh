#!/usr/bin/env bash
# Load test: the receiver and a bare fixed-answer servlet (a web application of its own) in one
# embedded Jetty, driven in turn by wrk over loopback keep-alive connections; prints req/s,
# p50/p99, the server's CPU time per request and the ratio receiver/bare. Then, in a second
# server, both driven interleaved request by request, the CPU time each request costs in its
# handling thread, per servlet: the steadier figure on a machine whose speed drifts.
#   src/bench/load.sh [rounds=12] [seconds-per-run=10] [connections=16]
# Many short alternating rounds rather than a few long ones: on a shared machine the speed
# drifts by 10 % within a minute, so each round's ratio compares two runs taken side by side,
# and the median of those ratios is the figure to quote.
# Loopback only. Installs wrk and curl from Debian's packages when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-12}
seconds=${2:-10}
connections=${3:-16}
query='SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI'

for tool in wrk curl; do
  if ! command -v "$tool" >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq "$tool") >/dev/null
  fi
done
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

server_log=target/bench-server.log
start_server() { # extra BenchServer arguments; sets port
  # The server ends when stop_server closes its stdin (or after 30 minutes at most).
  coproc SERVER { exec java -Dgroupfull.bench=true -Xms1g -Xmx1g \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.github.timcallback.groupfull.bench.BenchServer 1800 "$@" 2>"$server_log"; }
  port=
  while read -r -t 120 line <&"${SERVER[0]}"; do
    echo "# $line"
    case $line in port=*) port=${line#port=}; break ;; esac
  done
  [ -n "$port" ] || { echo "server did not start; see $server_log" >&2; exit 1; }
}
stop_server() {
  exec {SERVER[1]}>&- 2>/dev/null || true
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT
start_server

# CPU time (user + system, in clock ticks) the server has used so far.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
ticks_per_second=$(getconf CLK_TCK)

run() { # name path -> "req/s p50 p99 non2xx cpu-us-per-request"
  local out before after
  before=$(server_ticks)
  out=$(timeout $((seconds + 30)) wrk -t1 -c"$connections" -d"${seconds}s" --latency -s src/bench/post.lua \
    "http://127.0.0.1:$port$2?$query")
  after=$(server_ticks)
  local rps p50 p99 non2xx requests cpu
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  requests=$(awk '/ requests in / {print $1}' <<<"$out")
  cpu=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { if (n > 0) printf "%.1f", t / hz * 1e6 / n; else printf "none" }')
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  echo "$1 $rps $p50 $p99 ${non2xx:-0} $cpu"
}

echo "# warm-up: both, in turn, until the JIT has settled"
for _ in 1 2 3; do
  run receiver /tim/callback >/dev/null
  run bare /bare >/dev/null
done
printf '%-6s %-9s %12s %10s %10s %8s %12s\n' round servlet req/s p50 p99 non-2xx cpu-us/req
results=()
for round in $(seq "$rounds"); do
  if (( round % 2 )); then order="receiver bare"; else order="bare receiver"; fi
  for who in $order; do
    if [ "$who" = receiver ]; then line=$(run receiver /tim/callback); else line=$(run bare /bare); fi
    read -r name rps p50 p99 non2xx cpu <<<"$line"
    printf '%-6s %-9s %12s %10s %10s %8s %12s\n' "$round" "$name" "$rps" "$p50" "$p99" "$non2xx" "$cpu"
    results+=("$round $name $rps $non2xx $cpu")
  done
done
summary=$(printf '%s\n' "${results[@]}")
bad=$(awk '{ n += $4 } END { print n + 0 }' <<<"$summary")
ratios=$(awk '$2 == "receiver" { r[$1] = $3 } $2 == "bare" { b[$1] = $3 }
  END { for (k in r) printf "%.4f\n", r[k] / b[k] }' <<<"$summary" | sort -n)
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
quartiles() { sort -n | awk '{ v[NR] = $1 } END { printf "%s-%s", v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'; }
median_ratio=$(median <<<"$ratios")
cpu_receiver=$(awk '$2 == "receiver" { print $5 }' <<<"$summary" | median)
cpu_bare=$(awk '$2 == "bare" { print $5 }' <<<"$summary" | median)
awk -v median="$median_ratio" -v iqr="$(quartiles <<<"$ratios")" -v bad="$bad" \
    -v cr="$cpu_receiver" -v cb="$cpu_bare" '$2 == "receiver" { rs += $3; n++ } $2 == "bare" { bs += $3 }
  END { printf "receiver/bare: median of per-round ratios %.3f (middle half %s); mean req/s %.0f / %.0f = %.3f\n",
        median, iqr, rs / n, bs / n, rs / bs
        printf "server CPU per request (median): receiver %.1f us, bare %.1f us; non-2xx %d\n", cr, cb, bad }' <<<"$summary"
stop_server

echo "# interleaved: both servlets in turn on the same connections, CPU per request in the handling thread"
start_server --cpu
# A fresh JVM: warm it up as long as the first phase did.
timeout $((6 * seconds + 30)) wrk -t1 -c"$connections" -d"$((6 * seconds))s" -s src/bench/interleaved.lua \
  "http://127.0.0.1:$port/" -- /tim/callback /bare "$query" >/dev/null
curl -fsS "http://127.0.0.1:$port/cpu-per-request" >/dev/null
cpu_lines=
for run in 1 2 3; do
  out=$(timeout $((seconds + 30)) wrk -t1 -c"$connections" -d"${seconds}s" -s src/bench/interleaved.lua \
    "http://127.0.0.1:$port/" -- /tim/callback /bare "$query")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  bad=$((bad + ${non2xx:-0}))
  cpu_lines+=$(curl -fsS "http://127.0.0.1:$port/cpu-per-request")$'\n'
done
awk -v whole="$cpu_bare" '$1 == "/tim/callback" { r += $3; rn++ } $1 == "/bare" { b += $3; bn++ }
  END { printf "handler CPU per request, interleaved (mean of 3 runs): receiver %.1f us, bare %.1f us: receiver adds %.1f us\n",
        r / rn, b / bn, r / rn - b / bn
        printf "throughput ratio this predicts when CPU-bound, against the bare servlet'"'"'s %.1f us per whole request: %.3f\n",
        whole, whole / (whole + r / rn - b / bn) }' <<<"$cpu_lines"
echo "non-2xx in all: $bad"
[ "$bad" -eq 0 ]
