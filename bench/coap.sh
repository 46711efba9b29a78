#!/usr/bin/env bash
# The CoAP ingest benchmark: a Java COPY baseline, then the server (a child JVM) taking sealed
# CBOR marker readings over CoAP/DTLS from many devices, each with its own DTLS session, into
# TimescaleDB. Needs the services of .ci/services.sh (PostgreSQL with TimescaleDB, Mosquitto).
# Usage: bench/coap.sh [devices] [readings-per-device]   (default 1000 20)
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICES=${1:-1000}
PER_DEVICE=${2:-20}
# One reactor run, so that firmware-protocol resolves to its fresh build, not to ~/.m2.
mvn -B -q -pl server -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)"
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" org.doorplate.server.bench.CoapIngestBenchmark "$DEVICES" "$PER_DEVICE"
