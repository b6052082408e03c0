# Build: docker build -t incident-bot .   Run: docker run -p 3000:3000 -v incident-data:/data --env-file .env incident-bot
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# fontconfig and a font: the analysis chart draws its text with Java2D (headless), which needs both
RUN apt-get update && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app bot && mkdir -p /data && chown bot /data
WORKDIR /app
COPY --from=build /src/target/incident-bot.jar /app/incident-bot.jar
USER bot
VOLUME ["/data"]
ENV DATABASE_URL=jdbc:h2:file:/data/incident-bot PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/incident-bot.jar"]
CMD ["serve"]
