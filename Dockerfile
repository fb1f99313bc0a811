# Build: the same Maven wrapper the README uses; target/permiso/ is the application's jar and its libraries.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
# The class data archive is made below, where the image runs it: it holds the jars' paths and times.
RUN ./mvnw -B -q package -DskipTests -Dclass-data.skip=true

# Run: a JRE, the jar with its libraries and their class data archive, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app permiso && mkdir -p /app/data && chown -R permiso /app
WORKDIR /app
COPY --from=build /src/target/permiso/ /app/
# An archive of the application's classes extends the JVM's own archive of the JDK's classes.
RUN [ -f "$JAVA_HOME/lib/server/classes.jsa" ] || java -Xshare:dump > /dev/null
# The serial collector: a node has one or two cores; a smaller footprint for the same work (ADR 011).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Duser.timezone=UTC"
# Starts the application once, on an in-memory database, up to the end of its start-up, and keeps
# the classes it loaded in /app/permiso.jsa: every start of the container maps them (ADR 011). Both
# start from the bean definitions the build wrote (-Dspring.aot.enabled=true, ADR 016).
RUN java -XX:ArchiveClassesAtExit=/app/permiso.jsa -Dspring.context.exit=onRefresh -Dspring.aot.enabled=true \
      -Dspring.datasource.url=jdbc:h2:mem:class-data-training \
      -Dcamunda.bpm.admin-user.password=class-data-training -jar /app/permiso.jar > /dev/null \
    && test -s /app/permiso.jsa
USER permiso
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/permiso.jsa", "-Dspring.aot.enabled=true", "-jar", "/app/permiso.jar"]
