#!/usr/bin/env bash
# The receiver hosted by Spring Boot beside the hand-written Spring Boot peer of the project's
# Tomcat benchmark (../shared/bench/spring-peer): each an executable Spring Boot 4.0.7 jar with its
# embedded Tomcat in a JVM of its own (-Xms512m -Xmx512m), each with one listener that counts the
# events, each posted the vendor's documented sample by wrk over loopback keep-alive:
#   host  src/bench/spring-host: the classes jar, as "In a Spring application" installs it (/tim/callback)
#   peer  five @RequestParams, Jackson, ApplicationEventPublisher (/callback)
# in alternating rounds after a warm-up; prints req/s, p50/p99 and the server JVM's CPU per request
# per round, the medians and host/peer.
#   src/bench/spring.sh [rounds=3] [seconds-per-run=10] [connections=16]   (env WARMUP_S=30)
# Loopback only; needs wrk (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
connections=${3:-16}
warmup=${WARMUP_S:-30}
peer_sources=${SPRING_PEER:-../shared/bench/spring-peer}
app=1400000001
query="SdkAppid=$app&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
work=/tmp/bench-spring
command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null

rm -rf "$work"; mkdir -p "$work"
mvn -q -B -ntp -DskipTests package
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
# Into the local Maven repository, as `mvn install` would: the host's build takes the jar just built.
mvn -q -B -ntp install:install-file -Dfile="target/group-full-callback-$version-classes.jar" -DpomFile=pom.xml \
  -Dclassifier=classes -Dpackaging=jar
cp -r src/bench/spring-host "$work/host-src"
(cd "$work/host-src" && mvn -q -B -ntp -DskipTests package -Dproduct.version="$version")
cp -r "$peer_sources" "$work/peer-src"
(cd "$work/peer-src" && mvn -q -B -ntp -DskipTests package)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A port pid url
port[host]=$(free_port); port[peer]=$(free_port)
url[host]="http://127.0.0.1:${port[host]}/tim/callback?$query"
url[peer]="http://127.0.0.1:${port[peer]}/callback?$query"
stop_all() { for t in host peer; do [ -n "${pid[$t]:-}" ] && kill "${pid[$t]}" 2>/dev/null; done; wait 2>/dev/null || true; }
trap stop_all EXIT
start() { # target jar
  TIM_SDKAPPID=$app java -Xms512m -Xmx512m -jar "$2" --server.port="${port[$1]}" --server.address=127.0.0.1 \
    >"$work/$1.log" 2>&1 &
  pid[$1]=$!
}
start host "$work/host-src/target/spring-host.jar"
start peer "$work/peer-src/target/spring-peer.jar"
ok='{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'
body='{"CallbackCommand":"Group.CallbackAfterGroupFull","GroupId":"@TGS#2J4SZEAEL","EventTime":"1670574414123"}'
for t in host peer; do
  for _ in $(seq 1 120); do
    answer=$(curl -s -X POST -H 'Content-Type: application/json' -d "$body" "${url[$t]}" || true)
    [ -n "$answer" ] && break; sleep 0.5
  done
  [ "$(tr -d ' \n' <<<"$answer")" = "$ok" ] || { echo "BENCH FAILED: $t answered '$answer' ($work/$t.log)" >&2; exit 1; }
done
grep -o 'Receiving Group.CallbackAfterGroupFull at [^;]*;' "$work/host.log" | sed 's/^/# /'

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # target seconds -> "req/s p50 p99 non2xx cpu-us/req"
  local before after out
  before=$(cpu_ticks "${pid[$1]}")
  out=$(timeout $(($2 + 30)) wrk -t1 -c"$connections" -d"${2}s" --latency -s src/bench/post.lua "${url[$1]}")
  after=$(cpu_ticks "${pid[$1]}")
  local ms='function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }'
  local rps requests
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "$rps" \
    "$(awk "$ms"' $1 == "50%" {printf "%.2f", ms($2)}' <<<"$out")" \
    "$(awk "$ms"' $1 == "99%" {printf "%.2f", ms($2)}' <<<"$out")" \
    "$(awk '/Non-2xx/ {print $4; found=1} END {if (!found) print 0}' <<<"$out")" \
    "$(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
}
for t in host peer; do run "$t" "$warmup" >/dev/null; done
printf '%-6s %-5s %10s %8s %8s %7s %11s\n' round target req/s p50ms p99ms non2xx cpu-us/req
declare -A rps p50 p99 cpu
for round in $(seq 1 "$rounds"); do
  for t in host peer; do
    read -r r a b bad c <<<"$(run "$t" "$seconds")"
    [ "$bad" = 0 ] || { echo "BENCH FAILED: $bad answers outside 2xx from $t" >&2; exit 1; }
    printf '%-6s %-5s %10s %8s %8s %7s %11s\n' "$round" "$t" "$r" "$a" "$b" "$bad" "$c"
    rps[$t]+="$r "; p50[$t]+="$a "; p99[$t]+="$b "; cpu[$t]+="$c "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
for t in host peer; do
  printf '%-6s %-5s %10s %8s %8s %7s %11s\n' median "$t" "$(median "${rps[$t]}")" "$(median "${p50[$t]}")" \
    "$(median "${p99[$t]}")" "" "$(median "${cpu[$t]}")"
done
for t in host peer; do
  count=$(curl -s "http://127.0.0.1:${port[$t]}/count")
  echo "# $t: $count events counted by its listener"
done
echo "host/peer=$(awk "BEGIN {printf \"%.2f\", $(median "${rps[host]}") / $(median "${rps[peer]}")}")"
