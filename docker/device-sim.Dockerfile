# syntax=docker/dockerfile:1
#
# The device simulator. Build from the repository root:
#   docker build -f docker/device-sim.Dockerfile -t doorplate/device-sim .
#   docker run --rm doorplate/device-sim --help
# It talks to a server only over the network (HTTP, MQTT, CoAP), like a real device fleet.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -pl device-sim -am package \
    && cp device-sim/target/device-sim.jar /device-sim.jar

FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system --gid 10002 devicesim \
    && useradd --system --uid 10002 --gid devicesim --home-dir /var/lib/device-sim \
        --shell /usr/sbin/nologin devicesim \
    && mkdir -p /opt/device-sim /var/lib/device-sim \
    && chown devicesim:devicesim /var/lib/device-sim
COPY --from=build /device-sim.jar /opt/device-sim/device-sim.jar

ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10002:10002
# A client that runs and exits: there is nothing for a health probe to ask.
HEALTHCHECK NONE
WORKDIR /var/lib/device-sim
ENTRYPOINT ["java", "-jar", "/opt/device-sim/device-sim.jar"]
CMD ["--help"]
