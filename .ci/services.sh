#!/usr/bin/env bash
# Makes a Debian 12 machine ready for the tests and the benchmarks: TimescaleDB built into
# PostgreSQL 15, Mosquitto, and the external clients the tests drive (mosquitto_pub, libcoap's
# coap-client, zbarimg, Chromium). Idempotent: every step that is already done is skipped.
set -euo pipefail

PG_MAJOR=15
PG_CONFIG=/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config
WORK_DIR=${DOORPLATE_SERVICES_WORK:-/var/tmp/doorplate-services}

log() { printf '[services] %s\n' "$*"; }

apt_updated=false
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$apt_updated" = false ]; then
        apt-get update -qq
        apt_updated=true
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The mirror the machine already uses; no host name is written down here.
debian_mirror() {
    local uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
            /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' \
            /etc/apt/sources.list)
    fi
    [ -n "$uri" ] || { echo "no Debian mirror found under /etc/apt" >&2; exit 1; }
    echo "$uri"
}

install_timescaledb() {
    if [ -f "/usr/lib/postgresql/${PG_MAJOR}/lib/timescaledb.so" ]; then
        log "timescaledb already installed"
        return 0
    fi
    apt_install postgresql-server-dev-${PG_MAJOR} cmake build-essential dpkg-dev libssl-dev
    mkdir -p "$WORK_DIR/lists/partial"
    local mirror list
    mirror=$(debian_mirror)
    list="$WORK_DIR/trixie-src.list"
    echo "deb-src [trusted=yes] $mirror trixie main" > "$list"
    local apt_opts=(-o "Dir::Etc::SourceList=$list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$WORK_DIR/lists" -o Acquire::Check-Valid-Until=false)
    log "fetching the timescaledb source package from Debian trixie"
    apt-get "${apt_opts[@]}" update -qq
    (cd "$WORK_DIR" && rm -rf timescaledb-*/ && apt-get "${apt_opts[@]}" source --download-only -qq timescaledb)
    local dsc
    dsc=$(ls "$WORK_DIR"/timescaledb_*.dsc | head -n 1)
    (cd "$WORK_DIR" && dpkg-source --no-check -x "$dsc" >/dev/null)
    local src
    src=$(ls -d "$WORK_DIR"/timescaledb-*/ | head -n 1)
    log "building timescaledb in $src"
    (cd "$src" && ./bootstrap -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DAPACHE_ONLY=ON \
        -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$PG_CONFIG" >/dev/null \
        && make -C build -j"$(nproc)" >/dev/null && make -C build install >/dev/null)
}

psql_admin() {
    psql -h 127.0.0.1 -U postgres -d postgres -Atqc "$1"
}

start_postgres() {
    if pg_isready -h 127.0.0.1 -q; then
        return 0
    fi
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect ${PG_MAJOR} main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && return 0; sleep 1; done
    echo "PostgreSQL did not start" >&2
    exit 1
}

preload_timescaledb() {
    local preload
    preload=$(psql_admin "show shared_preload_libraries")
    if [[ "$preload" == *timescaledb* ]]; then
        log "timescaledb already preloaded"
        return 0
    fi
    log "adding timescaledb to shared_preload_libraries and restarting PostgreSQL"
    psql_admin "alter system set shared_preload_libraries = 'timescaledb'"
    psql_admin "alter system set timescaledb.telemetry_level = 'off'" || true
    pg_ctlcluster --skip-systemctl-redirect ${PG_MAJOR} main restart
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
    psql_admin "show shared_preload_libraries" | grep -q timescaledb
}

start_mosquitto() {
    apt_install mosquitto mosquitto-clients
    if pgrep -x mosquitto >/dev/null; then
        return 0
    fi
    log "starting Mosquitto"
    mosquitto -d -c /etc/mosquitto/mosquitto.conf
    for _ in $(seq 1 20); do
        mosquitto_pub -h 127.0.0.1 -p 1883 -t doorplate/ping -m ping -q 0 2>/dev/null && return 0
        sleep 0.5
    done
    echo "Mosquitto did not start" >&2
    exit 1
}

apt_install postgresql-client-${PG_MAJOR}
start_postgres
install_timescaledb
preload_timescaledb
start_mosquitto
# The external clients the tests drive.
apt_install libcoap3-bin zbar-tools chromium fonts-noto-cjk fonts-noto-core
log "ready: PostgreSQL $(psql_admin 'show server_version') with timescaledb, Mosquitto on 1883"
