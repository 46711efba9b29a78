#!/usr/bin/env bash
# JMH: encode, decode and verify one marker reading in CBOR and JSON, beside the bare HMAC and a
# plain Jackson token walk measured in the same run. Prints JMH's table.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl firmware-protocol test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/codec-bench.classpath -Dmdep.includeScope=test -Dcheckstyle.skip
cp="firmware-protocol/target/test-classes:firmware-protocol/target/classes:$(cat firmware-protocol/target/codec-bench.classpath)"
java -cp "$cp" org.openjdk.jmh.Main CodecBenchmark "$@"
