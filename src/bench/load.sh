#!/usr/bin/env bash
# Load test: the receiver and a bare fixed-answer servlet (a web application of its own) in one
# embedded Jetty, driven in turn by wrk over loopback keep-alive connections; prints req/s,
# p50/p99, the server's CPU time per request and the ratio receiver/bare. Then, in a second
# server, both driven interleaved request by request, the CPU time each request costs in its
# handling thread, per servlet: the steadier figure on a machine whose speed drifts. A third
# servlet there, the bare one plus reading and parsing the body with the receiver's JSON-B
# parser, paired with the bare one the same way, shows what that unavoidable part costs.
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

echo "# interleaved: two servlets in turn on the same connections, CPU per request in the handling thread;"
echo "# the receiver with the bare servlet, then the bare servlet with /bare-parse: the bare servlet plus"
echo "# reading the body and parsing it with the receiver's JSON-B parser (pairs, as a third path would"
echo "# make the caches colder for all)"
start_server --cpu
cpu_file=target/bench-cpu.txt
interleave() { # seconds path path: appends "pair path requests mean-us" lines to $cpu_file
  local out non2xx
  out=$(timeout $(($1 + 30)) wrk -t1 -c"$connections" -d"$1s" -s src/bench/interleaved.lua \
    "http://127.0.0.1:$port/" -- "$2" "$3" "$query")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  bad=$((bad + ${non2xx:-0}))
  curl -fsS "http://127.0.0.1:$port/cpu-per-request" | sed "s|^|$2 |" >>"$cpu_file"
}
# A fresh JVM: warm it up as long as the first phase did.
interleave $((4 * seconds)) /tim/callback /bare
interleave $((2 * seconds)) /bare-parse /bare
: >"$cpu_file"
for run in 1 2 3; do
  interleave "$seconds" /tim/callback /bare
  interleave "$seconds" /bare-parse /bare
done
awk -v whole="$cpu_bare" '$1 == "/tim/callback" && $2 == "/tim/callback" { r += $4; rn++ }
  $1 == "/tim/callback" && $2 == "/bare" { rb += $4; rbn++ }
  $1 == "/bare-parse" && $2 == "/bare-parse" { p += $4; pn++ }
  $1 == "/bare-parse" && $2 == "/bare" { pb += $4; pbn++ }
  END { r /= rn; rb /= rbn; p /= pn; pb /= pbn
        printf "handler CPU per request, interleaved (mean of 3 runs): receiver %.1f us, bare %.1f us: receiver adds %.1f us\n",
        r, rb, r - rb
        printf "throughput ratio this predicts when CPU-bound, against the bare servlet'"'"'s %.1f us per whole request: %.3f\n",
        whole, whole / (whole + r - rb)
        printf "bare-parse %.1f us, bare %.1f us: reading and parsing the body alone adds %.1f us; a ratio of 0.95 leaves %.1f us\n",
        p, pb, p - pb, whole / 0.95 - whole }' "$cpu_file"
echo "non-2xx in all: $bad"
[ "$bad" -eq 0 ]
