package com.example.posts.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestDatabaseServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev run, in a JVM of its own as {@code ./mvnw -Pdev} runs it, honours the deployed application's
 * settings: POSTS_LOG_FORMAT=json logs JSON lines, and /metrics has the same families, the pool's included.
 */
class DevRunAsDeployedTest {
    private static final String DATABASE = "posts_dev_run";
    private static final Pattern RUNNING_AT = Pattern.compile("running at (http://localhost:\\d+/)");
    private static final Duration START_BOUND = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestDatabaseServer SERVER = TestDatabase.shared().server();
    private static Process devRun;
    private static Path log;
    private static URI uri;

    @BeforeAll
    static void startDevRun(@TempDir Path workingDirectory) throws Exception {
        SERVER.dropDatabase(DATABASE);
        DatabaseSettings db = SERVER.createDatabase(DATABASE);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DevServer.class.getName())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        log = workingDirectory.resolve("dev-run.log");
        builder.redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("PORT", "0", "POSTS_LOG_FORMAT", "json",
                "MYSQL_HOST", db.host(), "MYSQL_PORT", Integer.toString(db.port()), "MYSQL_USER", db.user(),
                "MYSQL_PASS", db.password(), "MYSQL_DB", db.database()));
        devRun = builder.start();
        uri = URI.create(awaitRunningAt());
    }

    @AfterAll
    static void stopDevRun() throws Exception {
        if (devRun != null) {
            devRun.destroy();
            if (!devRun.waitFor(30, TimeUnit.SECONDS)) {
                devRun.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        SERVER.dropDatabase(DATABASE);
    }

    @Test
    void logsOneJsonObjectPerLine() throws Exception {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);

        assertTrue(lines.size() > 3, String.join("\n", lines));
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertTrue(entry.isObject() && entry.has("level") && entry.has("message"), line);
        }
    }

    @Test
    void metricsHaveThePoolGauges() throws Exception {
        HttpResponse<String> metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(uri.resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, metrics.statusCode(), metrics.body() + "\n" + readLog());
        for (String gauge : List.of("posts_db_pool_active", "posts_db_pool_idle", "posts_db_pool_max",
                "posts_db_pool_waiting", "hibernate_sessions_open_total", "posts_build_info")) {
            assertTrue(metrics.body().contains(gauge), gauge + " missing:\n" + metrics.body());
        }
    }

    /** Reads the log until the dev run says where it listens, within the bound, or fails with the log. */
    private static String awaitRunningAt() throws Exception {
        Instant deadline = Instant.now().plus(START_BOUND);
        while (Instant.now().isBefore(deadline) && devRun.isAlive()) {
            Optional<String> found = runningAt();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        return runningAt().orElseThrow(() -> new AssertionError("the dev run did not start within " + START_BOUND
                + ":\n" + readLog()));
    }

    private static Optional<String> runningAt() {
        Matcher running = RUNNING_AT.matcher(readLog());
        return running.find() ? Optional.of(running.group(1)) : Optional.empty();
    }

    private static String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
