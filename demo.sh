#!/usr/bin/env bash
# The one-command demo: builds both jars, then starts the server on its embedded defaults
# (embedded PostgreSQL and MQTT broker, demo data) with a simulated fleet against it.
# Ctrl-C stops the fleet, then the server. Extra arguments go to 'device-sim demo'
# (see: java -jar device-sim/target/device-sim.jar demo --help).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    echo "demo.sh needs java (17 or later) and mvn on the PATH" >&2
    exit 1
fi

echo "building (mvn -B -q -DskipTests package) ..."
mvn -B -q -DskipTests package

exec java -jar device-sim/target/device-sim.jar demo --server-jar server/target/doorplate-server.jar "$@"
