#!/usr/bin/env bash
# The receiver on Tomcat beside the floors it cannot go below, all in one Tomcat 11 JVM, measured
# in the same alternated rounds, so that what the receiver adds and what the container or JSON-B
# costs on their own are read off the same machine at the same moments:
#   group-full callback (the vendor's documented sample, signed):
#     bare     /b/bare          a servlet that writes the fixed answer (context /b: no CDI)
#     parse    /b/parse         the same, after reading the body and parsing it with the receiver's
#                               own JSON-B parser: the work no receiver of this callback can skip
#     weld     /weld-parse      the same servlet in the WAR (ROOT), where Weld's request listener
#                               runs, its HTTP contexts left off as for the receiver: what a CDI
#                               receiver pays before any work of its own
#     product  /tim/callback    the WAR (ROOT), callback authentication on, one counting observer
#   a signed C2C.CallbackBeforeSendMsg (the vendor's sample), to the app's own handler in ROOT:
#     direct   /im              the handler (a servlet that writes the fixed answer), called directly
#     tomcat   /plain-forward   a servlet that only forwards to the handler by name: Tomcat's forward alone
#     forward  /tim/callback    the receiver: query and Sign checked, then forwarded to the handler
# Prints per round req/s, p50/p99 and the Tomcat JVM's CPU per request of each target, then the
# medians of the per-round ratios product/bare, parse/bare, weld/bare, product/weld, forward/direct
# and tomcat/direct, in req/s and in p99.
#   src/bench/floor.sh [rounds=5] [seconds-per-run=10] [connections=16]   (env WARMUP_S=30)
# Loopback only; needs wrk (installed with apt-get when missing); fetches Tomcat through Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
seconds=${2:-10}
connections=${3:-16}
warmup=${WARMUP_S:-30}
tomcat_version=11.0.24
app=1400000001
token=bench-callback-token
work=/tmp/bench-floor
command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null

rm -rf "$work"; mkdir -p "$work"
mvn -q -B -ntp -Dstyle.color=never -DskipTests package
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
war=$PWD/target/group-full-callback-$version.war
mvn -q -B -ntp -Dstyle.color=never dependency:copy -Dartifact=org.apache.tomcat:tomcat:$tomcat_version:tar.gz -DoutputDirectory="$work"
tar -C "$work" -xzf "$work/tomcat-$tomcat_version.tar.gz"
home=$work/apache-tomcat-$tomcat_version
base=$work/base
mkdir -p "$base"/{conf,logs,temp,work} "$base/webapps/ROOT/WEB-INF/lib" "$base/webapps/b/WEB-INF"/{lib,classes}
cp "$home"/conf/{web.xml,context.xml,catalina.properties,logging.properties} "$base/conf/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$base/conf/server.xml" <<XML
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="$port" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000" />
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false" />
    </Engine>
  </Service>
</Server>
XML

# ROOT: the WAR as built, the tests' counting observer, and a web fragment with the handler and the bare forward.
(cd "$base/webapps/ROOT" && unzip -q "$war")
fragment=$work/fragment
mkdir -p "$fragment/META-INF" "$fragment/io/github/timcallback/groupfull/bench"
cp target/test-classes/io/github/timcallback/groupfull/bench/{BareServlet,ForwardingBareServlet}.class \
  "$fragment/io/github/timcallback/groupfull/bench/"
cp target/test-classes/io/github/timcallback/groupfull/{ParsingBareServlet,ParsingServletUnderWeld}.class \
  "$fragment/io/github/timcallback/groupfull/"
cat >"$fragment/META-INF/web-fragment.xml" <<'XML'
<web-fragment xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
  <name>floor</name>
  <servlet><servlet-name>ImCallbacks</servlet-name><servlet-class>io.github.timcallback.groupfull.bench.BareServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>ImCallbacks</servlet-name><url-pattern>/im</url-pattern></servlet-mapping>
  <servlet>
    <servlet-name>PlainForward</servlet-name><servlet-class>io.github.timcallback.groupfull.bench.ForwardingBareServlet</servlet-class>
    <init-param><param-name>target</param-name><param-value>ImCallbacks</param-value></init-param>
  </servlet>
  <servlet-mapping><servlet-name>PlainForward</servlet-name><url-pattern>/plain-forward</url-pattern></servlet-mapping>
  <servlet>
    <servlet-name>ParseUnderWeld</servlet-name><servlet-class>io.github.timcallback.groupfull.ParsingServletUnderWeld</servlet-class>
    <load-on-startup>2</load-on-startup>
  </servlet>
  <servlet-mapping><servlet-name>ParseUnderWeld</servlet-name><url-pattern>/weld-parse</url-pattern></servlet-mapping>
</web-fragment>
XML
jar cf "$base/webapps/ROOT/WEB-INF/lib/floor.jar" -C "$fragment" .
mkdir -p "$base/webapps/ROOT/WEB-INF/classes/io/github/timcallback/groupfull/bench"
cp target/test-classes/io/github/timcallback/groupfull/bench/CountingObserver.class \
  "$base/webapps/ROOT/WEB-INF/classes/io/github/timcallback/groupfull/bench/"
# /b: no CDI; the receiver's classes jar only for its body parser (no fragment, no initializer of it runs).
cp "target/group-full-callback-$version-classes.jar" "$base/webapps/b/WEB-INF/lib/"
cp "$base"/webapps/ROOT/WEB-INF/lib/{jakarta.json.bind-api,jakarta.json-api,parsson,yasson}-*.jar "$base/webapps/b/WEB-INF/lib/"
mkdir -p "$base/webapps/b/WEB-INF/classes/io/github/timcallback/groupfull/bench"
cp target/test-classes/io/github/timcallback/groupfull/ParsingBareServlet.class "$base/webapps/b/WEB-INF/classes/io/github/timcallback/groupfull/"
cp target/test-classes/io/github/timcallback/groupfull/bench/BareServlet.class "$base/webapps/b/WEB-INF/classes/io/github/timcallback/groupfull/bench/"
cat >"$base/webapps/b/WEB-INF/web.xml" <<'XML'
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
  <absolute-ordering/>
  <servlet><servlet-name>bare</servlet-name><servlet-class>io.github.timcallback.groupfull.bench.BareServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>bare</servlet-name><url-pattern>/bare</url-pattern></servlet-mapping>
  <servlet><servlet-name>parse</servlet-name><servlet-class>io.github.timcallback.groupfull.ParsingBareServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>parse</servlet-name><url-pattern>/parse</url-pattern></servlet-mapping>
</web-app>
XML

now=$(date +%s)
sign=$(printf '%s%s' "$token" "$now" | sha256sum | cut -c1-64)
auth="contenttype=json&ClientIP=127.0.0.1&RequestTime=$now&Sign=$sign"
group="SdkAppid=$app&CallbackCommand=Group.CallbackAfterGroupFull&OptPlatform=RESTAPI&$auth"
message="SdkAppid=$app&CallbackCommand=C2C.CallbackBeforeSendMsg&OptPlatform=Android&$auth"
printf '%s' '{"CallbackCommand":"Group.CallbackAfterGroupFull","GroupId":"@TGS#2J4SZEAEL","EventTime":"1670574414123"}' \
  >"$work/group.json"
printf '%s' '{"CallbackCommand":"C2C.CallbackBeforeSendMsg","From_Account":"jared","To_Account":"Jonh","MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1557481126,"MsgKey":"48374_2837546_1557481126","OnlineOnlyFlag":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],"CloudCustomData":"your cloud custom data","EventTime":1670574414123}' \
  >"$work/message.json"
targets=(bare parse weld product direct tomcat forward)
declare -A url body
root=http://127.0.0.1:$port
url[bare]="$root/b/bare?$group"; url[parse]="$root/b/parse?$group"; url[weld]="$root/weld-parse?$group"
url[product]="$root/tim/callback?$group"
url[direct]="$root/im?$message"; url[tomcat]="$root/plain-forward?$message"; url[forward]="$root/tim/callback?$message"
for t in bare parse weld product; do body[$t]=$work/group.json; done
for t in direct tomcat forward; do body[$t]=$work/message.json; done

env CATALINA_HOME="$home" CATALINA_BASE="$base" CATALINA_TMPDIR="$base/temp" CATALINA_OPTS="-Xms512m -Xmx512m" JAVA_OPTS="" \
  TIM_SDKAPPID=$app TIM_CALLBACK_TOKEN=$token TIM_REQUEST_TIME_TOLERANCE=3600 TIM_OTHER_CALLBACKS=ImCallbacks \
  "$home/bin/catalina.sh" run >"$work/tomcat.out" 2>&1 &
shell=$!
trap 'kill $shell 2>/dev/null; wait 2>/dev/null || true' EXIT
ok='{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'
for t in "${targets[@]}"; do
  answer=
  for _ in $(seq 1 120); do
    answer=$(curl -s -X POST -H 'Content-Type: application/json' --data-binary @"${body[$t]}" "${url[$t]}" || true)
    [ -n "$answer" ] && break; sleep 0.5
  done
  [ "$(tr -d ' \n' <<<"$answer")" = "$ok" ] || { echo "BENCH FAILED: $t answered '$answer' ($work/tomcat.out)" >&2; exit 1; }
done
refused=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$work/message.json" "${url[forward]/Sign=$sign/Sign=$(rev <<<"$sign")}")
[ "$refused" = 401 ] || { echo "BENCH FAILED: a wrong Sign at the callback URL answered $refused, not 401" >&2; exit 1; }
grep -ho 'Receiving Group.CallbackAfterGroupFull at [^;]*;[^;]*' "$work/tomcat.out" "$base"/logs/* | head -1 | sed 's/^/# /'
jvm=$(pgrep -f "catalina.base=$base" | head -1)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
ticks_per_s=$(getconf CLK_TCK)
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }
run() { # target seconds -> "rps p50_us p99_us cpu_us_per_request"
  local before line requests
  before=$(cpu_ticks)
  line=$(BENCH_BODY_FILE=${body[$1]} wrk -t1 -c"$connections" -d"${2}s" --latency -s src/bench/post-file.lua "${url[$1]}" \
    | grep '^BENCH ')
  [ "$(field non2xx "$line")" = 0 ] && [ "$(field errors "$line")" = 0 ] \
    || { echo "BENCH FAILED: $1 had answers outside 2xx or socket errors: $line" >&2; exit 1; }
  requests=$(field requests "$line")
  echo "$(field rps "$line") $(field p50_us "$line") $(field p99_us "$line")" \
    "$(awk -v t=$(( $(cpu_ticks) - before )) -v n="$requests" -v hz="$ticks_per_s" 'BEGIN{printf "%.1f", t * 1e6 / hz / n}')"
}
for t in "${targets[@]}"; do echo "# warm-up $t: $(run "$t" "$warmup" | cut -d' ' -f1) req/s"; done

declare -A result
printf '%-6s %-8s %10s %8s %8s %11s\n' round target req/s p50_ms p99_ms cpu_us/req
for r in $(seq 1 "$rounds"); do
  for t in "${targets[@]}"; do
    result[$r,$t]=$(run "$t" "$seconds")
    read -r rps p50 p99 cpu <<<"${result[$r,$t]}"
    awk -v r="$r" -v t="$t" -v a="$rps" -v b="$p50" -v c="$p99" -v d="$cpu" \
      'BEGIN{printf "%-6s %-8s %10.0f %8.2f %8.2f %11s\n", r, t, a, b / 1000, c / 1000, d}'
  done
done
median() { sort -g | awk '{v[NR]=$1} END{ if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'; }
ratio() { # numerator denominator column -> per-round ratios, "median (min to max)"
  local values
  values=$(for r in $(seq 1 "$rounds"); do
    awk -v a="$(cut -d' ' -f"$3" <<<"${result[$r,$1]}")" -v b="$(cut -d' ' -f"$3" <<<"${result[$r,$2]}")" 'BEGIN{printf "%.3f\n", a / b}'
  done | sort -g)
  printf '%.2f (%.2f to %.2f)' "$(median <<<"$values")" "$(head -1 <<<"$values")" "$(tail -1 <<<"$values")"
}
cpu() { # target -> median CPU us per request
  for r in $(seq 1 "$rounds"); do cut -d' ' -f4 <<<"${result[$r,$1]}"; done | median
}
echo "CPU per request (medians): bare $(cpu bare), parse $(cpu parse), weld $(cpu weld), product $(cpu product);" \
  "direct $(cpu direct), tomcat $(cpu tomcat), forward $(cpu forward) us"
echo "req/s: product/bare=$(ratio product bare 1) parse/bare=$(ratio parse bare 1) weld/bare=$(ratio weld bare 1)" \
  "product/weld=$(ratio product weld 1)" \
  "forward/direct=$(ratio forward direct 1) tomcat/direct=$(ratio tomcat direct 1)"
echo "p99:   product/bare=$(ratio product bare 3) parse/bare=$(ratio parse bare 3) weld/bare=$(ratio weld bare 3)" \
  "product/weld=$(ratio product weld 3)" \
  "forward/direct=$(ratio forward direct 3) tomcat/direct=$(ratio tomcat direct 3)"
