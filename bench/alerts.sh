#!/usr/bin/env bash
# The alert latency benchmark: a tilted marker reading published over MQTT -> the 'opened' event
# on GET /api/v1/alerts/stream, p50 and p99, while 1,000 registered markers report fixes in the
# background; in the same run, the baseline of a plain MQTT publish -> subscriber on the same
# broker. The server runs as a child JVM. Needs the services of .ci/services.sh (PostgreSQL
# with TimescaleDB, Mosquitto) on loopback; creates and drops its own database.
# Usage: bench/alerts.sh [samples] [background-interval-ms]   (default 300 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES=${1:-300}
INTERVAL_MS=${2:-2000}
# One reactor run, so that firmware-protocol resolves to its fresh build, not to ~/.m2.
mvn -B -q -pl server -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)"
exec java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$CP" org.doorplate.server.bench.AlertLatencyBenchmark \
    "$SAMPLES" "$INTERVAL_MS"
