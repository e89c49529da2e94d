#!/usr/bin/env bash
# The delivery store's cost under load: the WAR as built, three times in one real Tomcat 11 (the
# same JVM, so only the store sets them apart), each with one counting observer each way:
#   memory   no deliveryStore (today's in-memory mode)
#   h2       deliveryStore=jdbc:h2:file:... (the embedded store the WAR bundles)
#   pg       deliveryStore=jdbc:postgresql://... (a PostgreSQL 15 of Debian's, fsync on, started here)
# driven in turn by wrk with callbacks that are each new (src/bench/unique.lua), in alternating
# rounds; prints req/s, p50/p99 per round, the medians and the ratios h2/memory and pg/memory.
#   src/bench/store.sh [rounds=3] [seconds-per-run=10] [connections=16]
# Loopback only. Needs root for apt-get (wrk, postgresql when missing) and runs PostgreSQL as the
# postgres user.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
connections=${3:-16}
app=1400000001
query="SdkAppid=$app&CallbackCommand=Group.CallbackAfterGroupFull&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
work=/tmp/bench-store
tomcat_version=11.0.24

install() { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1") >/dev/null; }
command -v wrk >/dev/null || install wrk
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || install postgresql
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

mvn -q -B -ntp -DskipTests package
war=$(ls target/group-full-callback-*.war | grep -v -- '-ee.war' | head -1)
rm -rf "$work"; mkdir -p "$work"
mvn -q -B -ntp dependency:copy -Dartifact=org.apache.tomcat:tomcat:$tomcat_version:tar.gz -DoutputDirectory="$work"
mvn -q -B -ntp dependency:copy -Dartifact=org.postgresql:postgresql:42.7.13 -DoutputDirectory="$work/lib"
tar xzf "$work/tomcat-$tomcat_version.tar.gz" -C "$work"
home=$work/apache-tomcat-$tomcat_version

mkdir -p "$work/observer/META-INF" "$work/observer/io/github/timcallback/groupfull/bench"
echo '<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="all"/>' \
  >"$work/observer/META-INF/beans.xml"
cp target/test-classes/io/github/timcallback/groupfull/bench/StoreBenchObserver.class \
  "$work/observer/io/github/timcallback/groupfull/bench/"
(cd "$work/observer" && jar cf "$work/observer.jar" .)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
tomcat_port=$(free_port)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"; [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -A trust -U tim -E UTF8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null

base=$work/base
mkdir -p "$base"/{conf/Catalina/localhost,logs,temp,webapps,work,lib}
cp "$home"/conf/{catalina.properties,context.xml,logging.properties,web.xml} "$base/conf/"
cp "$work"/lib/postgresql-*.jar "$base/lib/"
cat >"$base/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="$tomcat_port" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000" />
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false" />
    </Engine>
  </Service>
</Server>
XML
for target in memory h2 pg; do
  mkdir -p "$base/webapps/$target"
  (cd "$base/webapps/$target" && jar xf "$OLDPWD/$war")
  cp "$work/observer.jar" "$base/webapps/$target/WEB-INF/lib/"
done
store_context() { # name store
  echo "<Context><Parameter name=\"tim.deliveryStore\" value=\"$2\" override=\"false\"/></Context>" \
    >"$base/conf/Catalina/localhost/$1.xml"
}
store_context h2 "jdbc:h2:file:$work/h2/deliveries"
store_context pg "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=tim"

stop_all() {
  [ -n "${tomcat_pid:-}" ] && kill "$tomcat_pid" 2>/dev/null && wait "$tomcat_pid" 2>/dev/null || true
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop_all EXIT
CATALINA_HOME=$home CATALINA_BASE=$base TIM_SDKAPPID=$app CATALINA_OPTS="-Xms512m -Xmx512m" \
  "$home/bin/catalina.sh" run >"$base/logs/console.log" 2>&1 &
tomcat_pid=$!
for _ in $(seq 1 120); do grep -q "Server startup in" "$base/logs/console.log" && break; sleep 1; done
grep -q "Server startup in" "$base/logs/console.log" || { echo "Tomcat did not start; see $base/logs/console.log" >&2; exit 1; }
grep -o 'Receiving Group.CallbackAfterGroupFull at [^;]*;' "$base/logs/console.log" | sed 's/^/# /'
grep -o '; [a-z ]*delivery store[^;]*;' "$base/logs/console.log" | sed 's/^/# /'

run() { # target run-name -> "req/s p50 p99 non2xx"
  local out
  out=$(timeout $((seconds + 30)) wrk -t1 -c"$connections" -d"${seconds}s" --latency -s src/bench/unique.lua \
    "http://127.0.0.1:$tomcat_port/$1/tim/callback?$query" -- "$2")
  local ms='function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }'
  echo "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")" \
    "$(awk "$ms"' $1 == "50%" {printf "%.2f", ms($2)}' <<<"$out")" \
    "$(awk "$ms"' $1 == "99%" {printf "%.2f", ms($2)}' <<<"$out")" \
    "$(awk -F= '/^non2xx=/ {print $2}' <<<"$out")"
}
for target in memory h2 pg; do run "$target" "warm-$target-$$" >/dev/null; done
printf '%-6s %-8s %10s %8s %8s %7s\n' round target req/s p50ms p99ms non2xx
declare -A rps p50 p99
for round in $(seq 1 "$rounds"); do
  for target in memory h2 pg; do
    read -r r a b bad <<<"$(run "$target" "$target-$round-$$")"
    [ "$bad" = 0 ] || { echo "BENCH FAILED: $bad answers outside 2xx from $target" >&2; exit 1; }
    printf '%-6s %-8s %10s %8s %8s %7s\n' "$round" "$target" "$r" "$a" "$b" "$bad"
    rps[$target]+="$r "; p50[$target]+="$a "; p99[$target]+="$b "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
for target in memory h2 pg; do
  printf '%-6s %-8s %10s %8s %8s\n' median "$target" "$(median "${rps[$target]}")" "$(median "${p50[$target]}")" \
    "$(median "${p99[$target]}")"
done
echo "h2/memory=$(awk "BEGIN {printf \"%.2f\", $(median "${rps[h2]}") / $(median "${rps[memory]}")}")" \
  "pg/memory=$(awk "BEGIN {printf \"%.2f\", $(median "${rps[pg]}") / $(median "${rps[memory]}")}")"
grep -c 'WARNING\|SEVERE' "$base/logs/console.log" | sed 's/^/# warnings and errors in the Tomcat log: /'
