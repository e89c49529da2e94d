#!/usr/bin/env bash
# In-process benchmark of the receiver (time and bytes allocated per request), against a bare
# servlet in the same run. Extra arguments go to JMH, e.g. `src/bench/jmh.sh -f 1 -i 3 directSample`.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main \
  -prof gc -rf text -rff target/jmh-result.txt "${@:-io.github.timcallback.groupfull.bench.ReceiverBenchmark}"
