#!/usr/bin/env bash
# Scan benchmark: how fast the server answers GET /q/{code}, against nginx serving the very same
# pages as static files, measured in one run on this machine.
#
#   bench/scan.sh            (about 3 minutes; loopback only; stops everything it started)
#
# 1. Builds the server jar if it is missing, creates a scratch database on the local PostgreSQL
#    (DOORPLATE_BENCH_DB_ADMIN_URL, default the postgres database on 127.0.0.1:5432), and starts
#    the jar with the demo data on a free loopback port.
# 2. Saves the HTML page of 50 demo plates into a private nginx prefix, and starts nginx (not the
#    system service) on another free loopback port with a private configuration.
# 3. Runs wrk with a Lua script that walks the 50 codes, against each: a warm-up, then the maximum
#    rate (closed loop, 64 connections).
# 4. Measures latency at half of the server's maximum rate. Debian's wrk has no -R (that is
#    wrk2), so the Lua script paces each connection with wrk's delay() hook: 16 connections each
#    wait 16000/R ms between requests, giving R requests/s in total. wrk then reports latency of
#    the requests it sent; since the pace is far below saturation, queueing delay that a closed
#    loop would hide (coordinated omission) is small, but this is not wrk2's corrected figure.
# Goals: server rate >= 0.5 x nginx rate; p99 < 10 ms at half the server's maximum rate.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/server/target/doorplate-server.jar"
ADMIN_URL=${DOORPLATE_BENCH_DB_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WORK=$(mktemp -d /tmp/doorplate-scan-bench.XXXXXX)
chmod 755 "$WORK"  # nginx's workers run as nobody and must read the pages
DB="doorplate_bench_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
SERVER_PID=""
NGINX_PID=""

log() { printf '[scan-bench] %s\n' "$*" >&2; }

cleanup() {
    set +e
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    psql "$ADMIN_URL" -qAtc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

# Installs Debian packages without starting their services (nginx's package would start the
# system nginx on port 80 otherwise): policy-rc.d answers "not now" to invoke-rc.d meanwhile.
install_quietly() {
    local missing=()
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null || missing+=("$cmd")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    local policy=/usr/sbin/policy-rc.d created=false
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created=true
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ "$created" = true ] && rm -f "$policy"
    return 0
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
    local url=$1 seconds=$2
    for _ in $(seq 1 "$seconds"); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        sleep 1
    done
    log "no answer from $url within ${seconds}s"
    return 1
}

rate_of() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
p99_of() { awk '$1 == "99%" { print $2 }' "$1"; }

install_quietly wrk nginx curl psql python3
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/server/src/main" "$ROOT/firmware-protocol/src/main" -newer "$JAR" -type f \
        -print -quit)" ]; then
    log "building the server jar"
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl server -am)
fi

# --- the server, with the demo data, on a scratch database ---
psql "$ADMIN_URL" -qAtc "CREATE DATABASE $DB" >/dev/null
HTTP_PORT=$(free_port)
BASE="http://127.0.0.1:$HTTP_PORT"
ADMIN_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
log "starting the server on $BASE (database $DB)"
(
    export DOORPLATE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" DOORPLATE_DB_USER=postgres DOORPLATE_DB_PASSWORD=
    export DOORPLATE_HTTP_PORT=$HTTP_PORT DOORPLATE_COAP_PORT=$(free_port) DOORPLATE_COAPS_PORT=$(free_port)
    export DOORPLATE_PUBLIC_URL=$BASE DOORPLATE_DEMO=true DOORPLATE_ADMIN_PASSWORD=$ADMIN_PASSWORD
    export DOORPLATE_DATA_DIR="$WORK/data" DOORPLATE_MASTER_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
    if (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
        export DOORPLATE_MQTT_URL=tcp://127.0.0.1:1883
    fi
    exec java -Xmx1g -jar "$JAR" > "$WORK/server.log" 2>&1
) &
SERVER_PID=$!
wait_for "$BASE/health" 120 || { tail -n 40 "$WORK/server.log" >&2; exit 1; }

TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/login" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/doorplates?limit=50" \
    | python3 -c 'import json, sys; print("\n".join(p["code"] for p in json.load(sys.stdin)))' > "$WORK/codes"
[ "$(wc -l < "$WORK/codes")" -ge 50 ] || { log "the demo data has fewer than 50 plates"; exit 1; }

# --- nginx, serving the same pages as static files ---
mkdir -p "$WORK/nginx/html/q" "$WORK/nginx/logs"
while read -r code; do
    curl -fsS "$BASE/q/$code" -o "$WORK/nginx/html/q/$code"
done < "$WORK/codes"
PAGE_BYTES=$(wc -c < "$WORK/nginx/html/q/$(head -n 1 "$WORK/codes")")
NGINX_PORT=$(free_port)
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/nginx/html;
    }
}
CONF
chmod -R a+rX "$WORK/nginx"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2> "$WORK/nginx/logs/stderr.log" &
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT/q/$(head -n 1 "$WORK/codes")" 20 \
    || { cat "$WORK/nginx/logs/"*.log >&2; exit 1; }

# --- wrk scripts: walk the codes; optionally pace each connection ---
{
    printf 'local codes = {'
    sed 's/.*/"&",/' "$WORK/codes" | tr -d '\n'
    printf '}\n'
    cat <<'LUA'
local i = 0
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
request = function()
    i = i % #codes + 1
    return wrk.format("GET", "/q/" .. codes[i])
end
if pause > 0 then
    delay = function() return pause end
end
LUA
} > "$WORK/codes.lua"

run_wrk() {  # name url connections duration pause_ms
    PAUSE_MS=$5 wrk -t2 -c"$3" -d"$4" --latency -s "$WORK/codes.lua" "$2" > "$WORK/$1.txt"
}

log "warming up the server (${WARMUP})"
run_wrk warmup "$BASE" "$CONNECTIONS" "$WARMUP" 0
log "maximum rate: server (${DURATION}, $CONNECTIONS connections)"
run_wrk server "$BASE" "$CONNECTIONS" "$DURATION" 0
log "maximum rate: nginx (${DURATION}, $CONNECTIONS connections)"
run_wrk nginx-warmup "http://127.0.0.1:$NGINX_PORT" "$CONNECTIONS" 5s 0
run_wrk nginx "http://127.0.0.1:$NGINX_PORT" "$CONNECTIONS" "$DURATION" 0

SERVER_RATE=$(rate_of "$WORK/server.txt")
NGINX_RATE=$(rate_of "$WORK/nginx.txt")
HALF=$(python3 -c "print(int(float('$SERVER_RATE') / 2))")
PACED_CONNECTIONS=16
PAUSE=$(python3 -c "print(max(1, round($PACED_CONNECTIONS * 1000 / $HALF)))")
log "latency at half the server's maximum rate: about $HALF requests/s ($PACED_CONNECTIONS connections," \
    "${PAUSE} ms apart)"
run_wrk paced "$BASE" "$PACED_CONNECTIONS" "$DURATION" "$PAUSE"
PACED_RATE=$(rate_of "$WORK/paced.txt")

ERRORS=$(grep -hE 'Non-2xx|Socket errors' "$WORK/server.txt" "$WORK/paced.txt" || true)
sleep 2
SCANS=$(psql "$ADMIN_URL" -qAtc "SELECT 1" >/dev/null && psql "postgresql://postgres@127.0.0.1:5432/$DB" -qAtc \
    "SELECT count(*) FROM scans")
DROPPED=$(curl -fsS "$BASE/prometheus" | awk '/^doorplate_scans_dropped_total/ { print $2 }')

python3 - "$SERVER_RATE" "$NGINX_RATE" "$PACED_RATE" "$(p99_of "$WORK/paced.txt")" "$(p99_of "$WORK/server.txt")" \
    "$PAGE_BYTES" "$SCANS" "${DROPPED:-0}" <<'PY'
import sys
server, nginx, paced = (float(v) for v in sys.argv[1:4])
p99_paced, p99_max, page, scans, dropped = sys.argv[4:9]
ratio = server / nginx
print()
print("GET /q/{code}: 50 demo plates, page %s bytes, 2 wrk threads" % page)
print("  server max rate      %10.0f requests/s   (p99 %s at saturation)" % (server, p99_max))
print("  nginx  max rate      %10.0f requests/s   (same pages as static files)" % nginx)
print("  ratio server/nginx   %10.2f              goal >= 0.50: %s" % (ratio, "met" if ratio >= 0.5 else "NOT met"))
print("  paced at half rate   %10.0f requests/s   p99 latency %s   goal < 10 ms" % (paced, p99_paced))
print("  scans stored         %10s              dropped: %s" % (scans, dropped))
PY
if [ -n "$ERRORS" ]; then
    log "wrk reported errors:"
    printf '%s\n' "$ERRORS" >&2
fi
