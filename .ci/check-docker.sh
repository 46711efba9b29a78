#!/usr/bin/env bash
# Validates the container files without a Docker engine (there is none on these machines):
#   - docker/compose.yml and docker/compose.scale.yml with two real Compose parsers, Compose v2
#     (the docker compose plugin, from Debian trixie's package, unpacked privately) and
#     docker-compose 1.29 (Debian 12), plus checks that the files hang together (health
#     conditions, pinned images, the scale-out invariants, the configuration names);
#   - the required secrets of the scale-out stack: leaving one out must stop Compose;
#   - docker/*.Dockerfile with dockerfile-utils and dockerfilelint (npm) and the project's
#     rules (multi-stage, non-root, HEALTHCHECK, ports, exec-form entrypoint, no baked secrets);
#   - docker/nginx/nginx.conf with nginx -t, docker/mosquitto/mosquitto.conf with mosquitto.
# Idempotent: tools are installed once under $DOORPLATE_INFRA_TOOLS and reused. Exits non-zero
# if anything is invalid; prints every file and rule it checked.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DOCKER_DIR="$ROOT/docker"
TOOLS=${DOORPLATE_INFRA_TOOLS:-/var/tmp/doorplate-infra-tools}
COMPOSE_V2_VERSION=2.26.1-4
DOCKERFILE_UTILS_VERSION=0.16.3
DOCKERFILELINT_VERSION=1.8.0
COMPOSE_FILES=(compose.yml compose.scale.yml)
DOCKERFILES=(server.Dockerfile device-sim.Dockerfile)
# Secrets that compose.scale.yml must refuse to start without.
SCALE_REQUIRED=(DOORPLATE_MASTER_KEY DOORPLATE_DB_PASSWORD DOORPLATE_ADMIN_PASSWORD
    DOORPLATE_PUBLIC_URL EMQX_NODE_COOKIE EMQX_DASHBOARD_PASSWORD)
# The server's configuration variables (contracts.md and the README's configuration table); a
# DOORPLATE_* name in a compose file that is not here is a typo or an undocumented setting.
KNOWN_SERVER_VARS=(DOORPLATE_DB_URL DOORPLATE_DB_USER DOORPLATE_DB_PASSWORD DOORPLATE_MQTT_URL
    DOORPLATE_MQTT_SHARED_GROUP DOORPLATE_MQTT_CLIENT_ID DOORPLATE_HTTP_PORT DOORPLATE_COAP_PORT
    DOORPLATE_COAPS_PORT DOORPLATE_COAP_PLAIN_ENABLED DOORPLATE_PUBLIC_URL DOORPLATE_ADMIN_PASSWORD
    DOORPLATE_DEMO DOORPLATE_DATA_DIR DOORPLATE_MASTER_KEY DOORPLATE_LOG_FORMAT)

log() { printf '[check-docker] %s\n' "$*"; }

# A loop, not 'printf | grep -q': under pipefail, grep -q leaving early on a match can kill
# printf with SIGPIPE and turn a known name into an unknown one, at random.
is_known_server_var() {
    local known
    for known in "${KNOWN_SERVER_VARS[@]}"; do
        [ "$known" = "$1" ] && return 0
    done
    return 1
}
failures=0
fail() {
    printf '[check-docker] FAIL: %s\n' "$*"
    failures=$((failures + 1))
}
# ok MARK MESSAGE: reports MESSAGE only if no failure was counted since MARK (a $failures value).
ok() {
    [ "$failures" -eq "$1" ] && printf '[check-docker]   ok: %s\n' "$2"
    return 0
}

# The instructions of the last stage, one per line, continuation lines joined.
final_stage() {
    sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$1" | grep -v '^\s*#' \
        | awk 'toupper($1) == "FROM" { stage = "" } { stage = stage $0 "\n" } END { printf "%s", stage }'
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
apt_updated=false
apt_update_once() {
    if [ "$apt_updated" = false ]; then
        apt-get update -qq
        apt_updated=true
    fi
}

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_update_once
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# The mirror the machine already uses; no host name is written down here.
debian_mirror() {
    local uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
            /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" && $0 !~ /security/ {
            for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' /etc/apt/sources.list)
    fi
    [ -n "$uri" ] || { echo "no Debian mirror found under /etc/apt" >&2; exit 1; }
    echo "$uri"
}

# Unpacks Debian packages into a private directory: nothing is installed system-wide, no
# service is started, and the machine's apt configuration is not touched.
unpack_debs() {
    local dest=$1
    shift
    rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/debs"
    (cd "$dest.tmp/debs" && apt-get -o APT::Sandbox::User=root "$@" >/dev/null)
    for deb in "$dest.tmp"/debs/*.deb; do
        dpkg -x "$deb" "$dest.tmp/root"
    done
    rm -rf "$dest" && mv "$dest.tmp" "$dest"
}

# Compose v2 is the parser "docker compose" uses; Debian 12 has only v1, trixie has v2 as one
# static binary (depends on libc6 alone).
COMPOSE_V2="$TOOLS/compose-v2/root/usr/libexec/docker/cli-plugins/docker-compose"
install_compose_v2() {
    if [ -x "$COMPOSE_V2" ] && "$COMPOSE_V2" version 2>/dev/null | grep -q "${COMPOSE_V2_VERSION}"; then
        return 0
    fi
    log "fetching Compose v2 ${COMPOSE_V2_VERSION} from Debian trixie"
    local lists="$TOOLS/trixie-lists"
    mkdir -p "$lists/partial"
    echo "deb [trusted=yes] $(debian_mirror) trixie main" > "$TOOLS/trixie.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$TOOLS/trixie.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$lists" -o Acquire::Check-Valid-Until=false)
    apt-get "${apt_opts[@]}" update -qq
    unpack_debs "$TOOLS/compose-v2" "${apt_opts[@]}" download "docker-compose=${COMPOSE_V2_VERSION}"
}

NGINX="$TOOLS/nginx/root/usr/sbin/nginx"
NGINX_STREAM="$TOOLS/nginx/root/usr/lib/nginx/modules/ngx_stream_module.so"
install_nginx() {
    if [ -x "$NGINX" ] && [ -f "$NGINX_STREAM" ]; then
        return 0
    fi
    log "fetching nginx and its stream module from Debian 12"
    apt_update_once
    unpack_debs "$TOOLS/nginx" download nginx libnginx-mod-stream
}

NPM_PREFIX="$TOOLS/npm"
install_linters() {
    local have_utils have_lint
    have_utils=$(jq -r .version "$NPM_PREFIX/node_modules/dockerfile-utils/package.json" 2>/dev/null || true)
    have_lint=$(jq -r .version "$NPM_PREFIX/node_modules/dockerfilelint/package.json" 2>/dev/null || true)
    if [ "$have_utils" = "$DOCKERFILE_UTILS_VERSION" ] && [ "$have_lint" = "$DOCKERFILELINT_VERSION" ]; then
        return 0
    fi
    log "installing dockerfile-utils ${DOCKERFILE_UTILS_VERSION}, dockerfilelint ${DOCKERFILELINT_VERSION}"
    mkdir -p "$NPM_PREFIX"
    npm install --prefix "$NPM_PREFIX" --no-audit --no-fund --no-save --loglevel=error \
        "dockerfile-utils@${DOCKERFILE_UTILS_VERSION}" "dockerfilelint@${DOCKERFILELINT_VERSION}" >/dev/null
}

mkdir -p "$TOOLS"
command -v npm >/dev/null || apt_install npm
apt_install docker-compose jq mosquitto
install_compose_v2
install_nginx
install_linters
log "tools: $("$COMPOSE_V2" version --short 2>/dev/null | sed 's/^/compose v2 /'),\
 $(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'),\
 $("$NGINX" -v 2>&1 | sed 's|.*/||; s/^/nginx /'), dockerfile-utils ${DOCKERFILE_UTILS_VERSION},\
 dockerfilelint ${DOCKERFILELINT_VERSION}"

# ---------------------------------------------------------------------------------------------
# Compose files
# ---------------------------------------------------------------------------------------------
# Parse in a clean environment: a developer's own DOORPLATE_* variables or docker/.env must not
# change the verdict. The secrets get placeholder values; only the variable names matter here.
EMPTY_ENV_FILE="$WORK/empty.env"
: > "$EMPTY_ENV_FILE"
placeholder_env=(DOORPLATE_MASTER_KEY="$(printf '0%.0s' $(seq 64))" DOORPLATE_DB_PASSWORD=check
    DOORPLATE_ADMIN_PASSWORD=check DOORPLATE_PUBLIC_URL=https://plates.invalid
    EMQX_NODE_COOKIE=check EMQX_DASHBOARD_PASSWORD=check)

compose() {
    local tool=$1 file=$2
    shift 2
    env -i PATH="$PATH" HOME="$WORK" "${placeholder_env[@]}" "$tool" \
        --env-file "$EMPTY_ENV_FILE" -f "$DOCKER_DIR/$file" "$@"
}

for file in "${COMPOSE_FILES[@]}"; do
    log "docker/$file"
    if out=$(compose "$COMPOSE_V2" "$file" config -q 2>&1); then
        ok "$failures" "Compose v2 parses it"
    else
        fail "docker/$file: Compose v2: $out"
        continue
    fi
    if out=$(compose docker-compose "$file" config -q 2>&1); then
        ok "$failures" "docker-compose 1.29 parses it"
    else
        fail "docker/$file: docker-compose 1.29: $out"
    fi
    compose "$COMPOSE_V2" "$file" config --format json > "$WORK/${file%.yml}.json" 2>/dev/null
done

# Leaving out any one secret of the scale-out stack must stop Compose before anything starts.
log "docker/compose.scale.yml: required secrets"
for var in "${SCALE_REQUIRED[@]}"; do
    mark=$failures
    kept=()
    for kv in "${placeholder_env[@]}"; do
        [[ "$kv" == "$var="* ]] || kept+=("$kv")
    done
    for tool in "$COMPOSE_V2" docker-compose; do
        label="Compose v2"
        [ "$tool" = docker-compose ] && label="docker-compose 1.29"
        if out=$(env -i PATH="$PATH" HOME="$WORK" "${kept[@]}" "$tool" --env-file "$EMPTY_ENV_FILE" \
                -f "$DOCKER_DIR/compose.scale.yml" config -q 2>&1); then
            fail "compose.scale.yml parses with $var unset ($label): it must be required"
        elif ! grep -q "$var" <<<"$out"; then
            fail "compose.scale.yml without $var fails, but the message does not name it: $out"
        fi
    done
    ok "$mark" "refuses to start without $var"
done

# Whether the service has a health check: its own in the compose file, or the HEALTHCHECK of
# the Dockerfile its image is built from (directly or by another service with the same image).
service_health() {
    local json=$1 svc=$2 dockerfile
    if jq -e --arg s "$svc" '.services[$s].healthcheck.test // empty | length > 0' "$json" >/dev/null \
        && ! jq -e --arg s "$svc" '.services[$s].healthcheck.disable == true' "$json" >/dev/null; then
        echo compose
        return 0
    fi
    dockerfile=$(jq -r --arg s "$svc" '
        (.services[$s].image) as $img
        | [.services[] | select(.build != null and (.image == $img))][0].build
        // .services[$s].build
        | if . == null then empty else "\(.context)/\(.dockerfile // "Dockerfile")" end' "$json")
    if [ -n "$dockerfile" ] && final_stage "$dockerfile" | grep -Eq '^HEALTHCHECK +(--[a-z-]+=[^ ]+ +)*CMD'; then
        echo "image ($(basename "$dockerfile"))"
    fi
}

check_compose_semantics() {
    local file=$1 json="$WORK/${1%.yml}.json" services svc
    [ -f "$json" ] || return 0
    log "docker/$file: consistency"
    services=$(jq -r '.services | keys[]' "$json")
    local mark=$failures

    # depends_on with service_healthy only on services that do have a health check.
    while IFS=$'\t' read -r svc dep; do
        [ -n "$svc" ] || continue
        if [ -z "$(service_health "$json" "$dep")" ]; then
            fail "$file: $svc waits for $dep to be healthy, but $dep has no health check"
        fi
    done < <(jq -r '.services | to_entries[] | .key as $s | (.value.depends_on // {}) | to_entries[]
        | select(.value.condition == "service_healthy") | "\($s)\t\(.key)"' "$json")
    ok "$mark" "every service_healthy dependency has a health check"
    mark=$failures

    # Images: a tag on every one, never latest (built images carry the project's own tag).
    while IFS=$'\t' read -r svc image; do
        if [[ "$image" != *:* ]] || [[ "$image" == *:latest ]]; then
            fail "$file: $svc uses image '$image' without a pinned tag"
        fi
    done < <(jq -r '.services | to_entries[] | select(.value.image != null) | "\(.key)\t\(.value.image)"' "$json")
    ok "$mark" "every image is pinned to a tag"
    mark=$failures

    # Bind-mounted files exist (a missing one would become an empty directory at run time).
    while read -r src; do
        [ -e "$src" ] || fail "$file: bind mount source $src does not exist"
    done < <(jq -r '.services[].volumes // [] | .[] | select(.type == "bind") | .source' "$json")
    ok "$mark" "every bind-mounted file exists"
    mark=$failures

    # The server's settings: known names only, and addresses that point at services in the file.
    while IFS=$'\t' read -r svc name value; do
        if ! is_known_server_var "$name"; then
            fail "$file: $svc sets $name, which is not a known server setting"
        fi
        case "$name" in
            DOORPLATE_DB_URL | DOORPLATE_MQTT_URL)
                host=$(sed -E 's|^[a-z:]*//([^:/]+).*|\1|' <<<"$value")
                grep -qx "$host" <<<"$services" \
                    || fail "$file: $svc $name points at '$host', which is no service here"
                ;;
        esac
    done < <(jq -r '.services | to_entries[] | .key as $s | (.value.environment // {}) | to_entries[]
        | select(.key | startswith("DOORPLATE_")) | "\($s)\t\(.key)\t\(.value)"' "$json")
    ok "$mark" "DOORPLATE_* settings are known names and point at services of the file"
    mark=$failures

    # Healthy-only health checks resolved for the servers (the image's HEALTHCHECK).
    for svc in $(jq -r '.services | to_entries[] | select(.value.environment.DOORPLATE_DB_URL != null)
            | .key' "$json"); do
        [ -n "$(service_health "$json" "$svc")" ] || fail "$file: server $svc has no health check"
    done
    ok "$mark" "every server service has a health check"
    mark=$failures
}

check_scale_invariants() {
    local json="$WORK/compose.scale.json" servers count nodes seeds
    [ -f "$json" ] || return 0
    log "docker/compose.scale.yml: scale-out invariants"
    local mark=$failures
    servers=$(jq -c '[.services | to_entries[] | select(.value.environment.DOORPLATE_DB_URL != null)]' "$json")
    count=$(jq 'length' <<<"$servers")
    [ "$count" -ge 2 ] || fail "compose.scale.yml has $count server instances, expected at least 2"
    for var in DOORPLATE_MQTT_SHARED_GROUP DOORPLATE_MASTER_KEY DOORPLATE_DB_URL; do
        if [ "$(jq --arg v "$var" '[.[].value.environment[$v]] | unique | map(select(. != null and . != "")) | length' \
                <<<"$servers")" != 1 ] \
            || [ "$(jq --arg v "$var" '[.[].value.environment[$v] | select(. == null or . == "")] | length' \
                <<<"$servers")" != 0 ]; then
            fail "compose.scale.yml: $var must be set and the same on every server instance"
        fi
    done
    ok "$mark" "the $count server instances share DOORPLATE_MQTT_SHARED_GROUP, DOORPLATE_MASTER_KEY, the database"
    mark=$failures
    if [ "$(jq '[.[].value.environment.DOORPLATE_MQTT_CLIENT_ID] | unique | length' <<<"$servers")" != "$count" ]; then
        fail "compose.scale.yml: every server instance needs its own DOORPLATE_MQTT_CLIENT_ID"
    fi
    ok "$mark" "each server instance has its own MQTT client id"
    mark=$failures

    nodes=$(jq -r '.services[] | select(.image // "" | startswith("emqx/emqx:"))
        | .environment.EMQX_NODE__NAME' "$json")
    [ "$(wc -l <<<"$nodes")" -ge 2 ] || fail "compose.scale.yml needs at least two EMQX nodes"
    while IFS=$'\t' read -r svc strategy seeds name host aliases; do
        [ "$strategy" = static ] || fail "compose.scale.yml: $svc does not use static cluster discovery"
        for node in $nodes; do
            grep -q "$node" <<<"$seeds" || fail "compose.scale.yml: $svc's seeds lack $node"
        done
        [[ "$name" == "emqx@$host" && "$host" == *.* ]] \
            || fail "compose.scale.yml: $svc node name $name must be emqx@<its dotted hostname $host>"
        grep -qw "$host" <<<"$aliases" || fail "compose.scale.yml: $svc's hostname $host is no network alias"
    done < <(jq -r '.services | to_entries[] | select(.value.image // "" | startswith("emqx/emqx:"))
        | .value.environment as $e
        | [.key, $e.EMQX_CLUSTER__DISCOVERY_STRATEGY, $e.EMQX_CLUSTER__STATIC__SEEDS, $e.EMQX_NODE__NAME,
           .value.hostname, ([.value.networks[]?.aliases[]?] | join(" "))] | @tsv' "$json")
    ok "$mark" "EMQX nodes: static seeds list every node, node names match resolvable dotted hostnames"
    mark=$failures
}

for file in "${COMPOSE_FILES[@]}"; do
    check_compose_semantics "$file"
done
check_scale_invariants

# ---------------------------------------------------------------------------------------------
# Dockerfiles
# ---------------------------------------------------------------------------------------------
check_dockerfile() {
    local name=$1 path="$DOCKER_DIR/$1" out stage
    log "docker/$name"
    if out=$("$NPM_PREFIX/node_modules/.bin/dockerfile-utils" lint -j "$path" 2>&1) && [ "$out" = "[]" ]; then
        ok "$failures" "dockerfile-utils: no errors, no warnings"
    else
        fail "docker/$name: dockerfile-utils: $out"
    fi
    if out=$("$NPM_PREFIX/node_modules/.bin/dockerfilelint" -c "$DOCKER_DIR" "$path" 2>&1); then
        ok "$failures" "dockerfilelint: no issues (rule invalid_format off, see docker/.dockerfilelintrc)"
    else
        fail "docker/$name: dockerfilelint: $out"
    fi

    local mark=$failures
    [ "$(grep -c '^FROM ' "$path")" -ge 2 ] || fail "$name: not a multi-stage build"
    grep -Eq '^FROM maven:[^ ]*eclipse-temurin-17 AS build' "$path" \
        || fail "$name: the build stage must be a Maven + JDK 17 image named build"
    grep -Eq 'mvn -B .*-DskipTests.* package' "$path" \
        || fail "$name: the build stage must run mvn -B -DskipTests package"
    while read -r image; do
        [[ "$image" == *:* && "$image" != *:latest ]] || fail "$name: base image $image is not pinned to a tag"
    done < <(awk '$1 == "FROM" { print $2 }' "$path")
    stage=$(final_stage "$path")
    grep -Eq '^FROM eclipse-temurin:17-jre' <<<"$stage" || fail "$name: the runtime stage must be a JRE 17 image"
    user=$(awk 'toupper($1) == "USER" { u = $2 } END { print u }' <<<"$stage")
    [[ -n "$user" && "$user" != root && "$user" != 0 && "$user" != 0:* ]] \
        || fail "$name: the runtime stage must switch to a non-root USER (found '${user:-none}')"
    grep -Eq '^ENTRYPOINT \[' <<<"$stage" \
        || fail "$name: ENTRYPOINT must be exec form, so that java is PID 1 and gets SIGTERM"
    if grep -Eq '^(ENV|ARG) .*(DOORPLATE_MASTER_KEY|PASSWORD)' <<<"$stage"; then
        fail "$name: a secret is baked into the image (ENV/ARG with a key or password)"
    fi
    ok "$mark" "multi-stage Maven/JDK 17 build, JRE 17 runtime, pinned bases, USER $user,\
 exec-form ENTRYPOINT, no secrets"
    mark=$failures
}

for dockerfile in "${DOCKERFILES[@]}"; do
    check_dockerfile "$dockerfile"
done

mark=$failures
server_stage=$(final_stage "$DOCKER_DIR/server.Dockerfile")
grep -Eq '^HEALTHCHECK .*CMD .*/health' <<<"$server_stage" \
    || fail "server.Dockerfile: HEALTHCHECK must ask GET /health"
for port in 8080 5683/udp 5684/udp; do
    grep -Eq "^EXPOSE( .*)? $port( |\$)" <<<"$server_stage" || fail "server.Dockerfile: EXPOSE lacks $port"
done
for var in DOORPLATE_HTTP_PORT DOORPLATE_COAP_PORT DOORPLATE_COAPS_PORT DOORPLATE_DATA_DIR; do
    grep -q "$var=" <<<"$server_stage" || fail "server.Dockerfile: no default for $var"
done
ok "$mark" "server.Dockerfile: HEALTHCHECK on /health, EXPOSE 8080 5683/udp 5684/udp, port and data dir defaults"

# The jars the images copy are the ones the build names (finalName in the module poms).
mark=$failures
grep -q '<finalName>doorplate-server</finalName>' "$ROOT/server/pom.xml" \
    && grep -q 'server/target/doorplate-server.jar' "$DOCKER_DIR/server.Dockerfile" \
    || fail "server.Dockerfile does not copy server/target/doorplate-server.jar"
grep -q '<finalName>device-sim</finalName>' "$ROOT/device-sim/pom.xml" \
    && grep -q 'device-sim/target/device-sim.jar' "$DOCKER_DIR/device-sim.Dockerfile" \
    || fail "device-sim.Dockerfile does not copy device-sim/target/device-sim.jar"
ok "$mark" "the Dockerfiles copy the jars the module poms produce"

log ".dockerignore"
mark=$failures
for entry in .git '**/target'; do
    grep -qxF "$entry" "$ROOT/.dockerignore" || fail ".dockerignore does not keep $entry out of the context"
done
ok "$mark" ".dockerignore keeps .git and target/ out of the build context"

# ---------------------------------------------------------------------------------------------
# nginx and Mosquitto configuration
# ---------------------------------------------------------------------------------------------
# nginx -t resolves every upstream name. It runs in a private mount namespace where /etc/hosts
# maps the scale-out stack's service names to 127.0.0.1, so an upstream that names no service
# fails the check; nothing is listened on and no traffic is sent.
log "docker/nginx/nginx.conf"
{
    echo "load_module $NGINX_STREAM;"
    echo "include $DOCKER_DIR/nginx/nginx.conf;"
} > "$WORK/nginx-main.conf"
{
    printf '127.0.0.1 localhost'
    [ -f "$WORK/compose.scale.json" ] && jq -r '.services | keys[]' "$WORK/compose.scale.json" | tr '\n' ' ' \
        | sed 's/^/ /'
    echo
} > "$WORK/hosts"
if out=$(unshare -m sh -c '
        mount --bind "$1/hosts" /etc/hosts && mount -t tmpfs tmpfs /var/lib && mkdir -p /var/lib/nginx \
        && "$2" -t -q -p "$1/" -c "$1/nginx-main.conf" -e stderr' sh "$WORK" "$NGINX" 2>&1); then
    ok "$failures" "nginx -t accepts it (http + stream), every upstream is a service of compose.scale.yml"
else
    fail "docker/nginx/nginx.conf: nginx -t: $out"
fi

# Mosquitto 2 has no config-test flag: start it on the file in a private network namespace
# (its port 1883 there is no one else's) and see that it is still running after two seconds.
log "docker/mosquitto/mosquitto.conf"
mkdir -p "$WORK/mosquitto-data"
chmod 777 "$WORK/mosquitto-data"
sed "s|^persistence_location .*|persistence_location $WORK/mosquitto-data/|" \
    "$DOCKER_DIR/mosquitto/mosquitto.conf" > "$WORK/mosquitto.conf"
set +e
out=$(timeout 2 unshare -n mosquitto -c "$WORK/mosquitto.conf" 2>&1)
rc=$?
set -e
if [ "$rc" -eq 124 ]; then
    ok "$failures" "mosquitto $(mosquitto -h 2>/dev/null | awk '/version/ { print $3; exit }') starts with it"
else
    fail "docker/mosquitto/mosquitto.conf: mosquitto exited with $rc: $out"
fi

if [ "$failures" -ne 0 ]; then
    log "$failures problem(s) found"
    exit 1
fi
log "all container files are valid"
