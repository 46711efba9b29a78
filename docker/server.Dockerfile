# syntax=docker/dockerfile:1
#
# The doorplate server. Build from the repository root, so that the whole Maven reactor is in
# the context:
#   docker build -f docker/server.Dockerfile -t doorplate/server .
# Every setting comes from the environment (DOORPLATE_DB_URL, DOORPLATE_MQTT_URL, ...); with
# none set, the server starts its embedded PostgreSQL and MQTT broker under /var/lib/doorplate.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps the local Maven repository between builds; the reactor is limited to
# the server and what it depends on (firmware-protocol), so device-sim is not compiled here.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -pl server -am package \
    && cp server/target/doorplate-server.jar /doorplate-server.jar

FROM eclipse-temurin:17-jre-jammy
# curl answers the HEALTHCHECK; the JRE image is not guaranteed to ship it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 doorplate \
    && useradd --system --uid 10001 --gid doorplate --home-dir /var/lib/doorplate \
        --shell /usr/sbin/nologin doorplate \
    && mkdir -p /opt/doorplate /var/lib/doorplate \
    && chown doorplate:doorplate /var/lib/doorplate
COPY --from=build /doorplate-server.jar /opt/doorplate/doorplate-server.jar

# The embedded database files and the generated master key live in the data dir: keep it on a
# volume, or set DOORPLATE_DB_URL and DOORPLATE_MASTER_KEY and it stays empty.
ENV DOORPLATE_HTTP_PORT=8080 \
    DOORPLATE_COAP_PORT=5683 \
    DOORPLATE_COAPS_PORT=5684 \
    DOORPLATE_DATA_DIR=/var/lib/doorplate \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/doorplate"]
# 8080 HTTP, 5683/udp CoAP, 5684/udp CoAP over DTLS.
EXPOSE 8080 5683/udp 5684/udp

USER 10001:10001
WORKDIR /var/lib/doorplate
# /health answers 503 while the database or the broker is unreachable, so curl -f fails then.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${DOORPLATE_HTTP_PORT}/health" || exit 1
# Exec form: java is PID 1 and receives SIGTERM itself, so the server's shutdown hook drains
# in-flight batches before it disconnects (give it time: stop_grace_period in compose).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/opt/doorplate/doorplate-server.jar"]
