#!/usr/bin/env bash
# The ingest benchmark: COPY baseline, idle Paho subscriber, the server MQTT -> TimescaleDB rate
# with the COPY and the INSERT writer, and the server's memory with 10,000 devices. Needs the
# services of .ci/services.sh (PostgreSQL with TimescaleDB and Mosquitto on loopback).
# Usage: bench/ingest.sh [messages]   (default 60000)
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${1:-60000}
mvn -B -q -pl server -am -DskipTests test-compile
mvn -B -q -pl server dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)"
exec java -Xmx1g -cp "$CP" org.doorplate.server.bench.IngestBenchmark "$MESSAGES"
