#!/usr/bin/env bash
# The ingest benchmark, in one run on one stream: (a) a Java COPY of the same rows into the
# readings hypertable, (b) a Paho subscriber doing nothing, (c) the packaged server MQTT ->
# TimescaleDB with the COPY and with the INSERT writer, and the server's RSS and heap with
# 10,000 more markers sending. Needs PostgreSQL with TimescaleDB on 127.0.0.1:5432 and the
# mosquitto binary (.ci/services.sh); the benchmark starts a Mosquitto of its own on a free
# loopback port. Takes a few minutes.
# Usage: bench/ingest.sh [readings [markers]]   (default 80000 readings from 400 markers)
# Tuning runs: BENCH_OPTS="-Dbench.publishers=8 -Dbench.server.env=DOORPLATE_TELEMETRY_BATCH_MAX_ROWS=2000"
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so that firmware-protocol resolves to its fresh build, not to ~/.m2.
mvn -B -q -pl server -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
CP="server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)"
# shellcheck disable=SC2086
exec java -Xmx1g ${BENCH_OPTS:-} -Dbench.jar=server/target/doorplate-server.jar -cp "$CP" \
    org.doorplate.server.bench.IngestBenchmark "$@"
