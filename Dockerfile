# Parley as a container. Build: docker build -t parley .   Run: see README, "Deploy".
# Configuration is by environment variables only (PARLEY_DB_URL, PARLEY_JWT_PRIVATE_KEY, ...).

# --- Build stage: the same Maven build as on a developer's machine ---
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# --- Run stage: Payara Micro, the version pom.xml builds and tests against (DockerfileTest checks) ---
FROM payara/micro:6.2025.10-jdk17
# Outside a container Parley listens on loopback only; here the container's network is the boundary.
ENV PARLEY_HTTP_ADDRESS=0.0.0.0 \
    PARLEY_DATA_DIR=/opt/payara/data
USER root
RUN mkdir -p /opt/payara/data && chown payara /opt/payara/data
USER payara
# The boot command files and system.properties, and hazelcast.xml for a cluster. The image runs one
# instance (--nohazelcast); that hazelcast.xml binds to loopback, so members in containers mount their
# own copy naming the container network and replace --nohazelcast with --hzconfigfile, keeping the
# other options of the CMD below (docs/operations.md, "Cluster").
COPY --chown=payara payara-config /opt/payara/config
COPY --chown=payara --from=build /build/target/parley.war /opt/payara/deployments/parley.war
# Class data sharing (docs/operations.md, "Container image"): a Payara Micro root directory with Parley
# installed in it and an archive of the classes one start loads, made by one training start here. The
# container then starts from it about 2 s sooner (docs/benchmarks.md, item 8).
RUN sh /opt/payara/config/class-data-sharing.sh /opt/payara/payara-micro.jar /opt/payara/micro-root \
        --nohazelcast --deploy /opt/payara/deployments/parley.war --contextroot / \
        --prebootcommandfile /opt/payara/config/pre-boot-commands.asadmin \
        --postbootcommandfile /opt/payara/config/post-boot-commands.asadmin \
        --systemproperties /opt/payara/config/system.properties
# The embedded database and the generated token key live here: keep it.
VOLUME /opt/payara/data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health/ready HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
# The base image's java command (its entrypoint.sh: memory settings and JVM_ARGS), with the archive and the
# root directory's launcher instead of payara-micro.jar. Parley is already installed there: no --deploy.
ENTRYPOINT ["/bin/sh", "-c", "exec java -XX:MaxRAMPercentage=${MEM_MAX_RAM_PERCENTAGE} -Xss${MEM_XSS} -XX:+UseContainerSupport -XX:SharedArchiveFile=/opt/payara/micro-root/app.jsa ${JVM_ARGS} -jar /opt/payara/micro-root/launch-micro.jar \"$@\"", "parley"]
CMD ["--nohazelcast", \
     "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", \
     "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin", \
     "--systemproperties", "/opt/payara/config/system.properties"]
