package com.example.posts.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ci/ and ops/ scripts that handle secrets, run with stand-ins for curl, docker and the database tools
 * first on PATH (src/test/resources/shims): a known secret reaches the tool, through stdin, the environment
 * or an option file on a pipe, yet appears in no command line (which every user of the machine can read) and
 * in no output.
 */
@IndependentOfTestDatabase
class SecretsStayOffCommandLinesTest {
    private static final Path SHIMS = Path.of("src/test/resources/shims");
    private static final List<String> DATABASE_TOOLS = List.of("mysql", "mariadb", "mysqldump", "mariadb-dump");
    private final String secret = "s3cret" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    Path temp;
    private Path log;

    @BeforeAll
    static void requireTheScriptsTools() throws IOException, InterruptedException {
        Process tools = new ProcessBuilder("bash", "-c", "command -v flock unzip base64 sha256sum").start();
        boolean present = tools.waitFor() == 0;
        if (!present && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.abort("the ci/ scripts need bash, flock, unzip, base64 and sha256sum (Linux)");
        }
        assertTrue(present, "the ci/ scripts need bash, flock, unzip, base64 and sha256sum");
    }

    @BeforeEach
    void installShims() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String tool : List.of("curl", "docker")) {
            Files.copy(SHIMS.resolve(tool), bin.resolve(tool), StandardCopyOption.REPLACE_EXISTING);
            assertTrue(bin.resolve(tool).toFile().setExecutable(true));
        }
        for (String tool : DATABASE_TOOLS) {
            Files.copy(SHIMS.resolve("database-tool"), bin.resolve(tool), StandardCopyOption.REPLACE_EXISTING);
            assertTrue(bin.resolve(tool).toFile().setExecutable(true));
        }
        log = temp.resolve("argv.log");
        Files.createDirectories(temp.resolve("home"));
    }

    @Test
    void managerPasswordGoesToCurlOnStdin() throws Exception {
        Path war = VersionedWar.write(temp.resolve("posts-service.war"), "2.0.0-test");

        String output = run(Map.of("TOMCAT_MANAGER_USER", "deployer", "TOMCAT_MANAGER_PASSWORD", secret,
                "SHIM_VERSION", "2.0.0-test", "SMOKE_TIMEOUT", "5"),
                "ci/deploy-tomcat.sh", war.toString(), "https://tomcat-1.example.test:8443");

        assertKeptSecret(output);
        assertTrue(stdin().contains("user = \"deployer:" + secret + "\""), "curl got the credentials on stdin");
    }

    @Test
    void apiTokenGoesToCurlOnStdin() throws Exception {
        String output = run(Map.of("SMOKE_TOKEN", secret, "SHIM_VERSION", "2.0.0-test"),
                "ci/smoke-test.sh", "https://posts.example.test", "2.0.0-test", "5");

        assertKeptSecret(output);
        assertTrue(output.contains("probe post 42 created, read back and deleted"), output);
        assertTrue(output.contains("a version without authors, writing with the admin token"), output);
        assertTrue(stdin().contains("Authorization: Bearer " + secret), "curl got the token on stdin");
    }

    @Test
    void theSmokeTestWritesWithAShortLivedAuthorTokenWhereTheVersionHasAuthorsAndRevokesIt() throws Exception {
        String authorToken = "pst_ShimTokenId1_" + "s".repeat(43) + "Check6";
        String output = run(Map.of("SMOKE_TOKEN", secret, "SHIM_VERSION", "2.0.0-test", "SHIM_AUTHORS", "yes",
                        "SHIM_AUTHOR_TOKEN", authorToken),
                "ci/smoke-test.sh", "https://posts.example.test", "2.0.0-test", "5");

        assertKeptSecret(output);
        assertFalse(argv().contains(authorToken) || output.contains(authorToken), output + argv());
        assertTrue(stdin().contains("Authorization: Bearer " + authorToken), "the probe was written with it");
        assertTrue(output.contains("writing as the smoke author 7 with token ShimTokenId1"), output);
        assertTrue(argv().lines().anyMatch(line -> line.contains("DELETE")
                && line.endsWith("/authors/7/tokens/ShimTokenId1")), "revoked:\n" + argv());
    }

    @Test
    void webhookUrlGoesToCurlOnStdin() throws Exception {
        String output = run(Map.of("NOTIFY_WEBHOOK_URL", "https://hooks.example.test/services/" + secret),
                "ci/notify-failure.sh", "posts-service #1 failed");

        assertKeptSecret(output);
        assertTrue(stdin().contains("url = \"https://hooks.example.test/services/" + secret + "\""), "curl got the URL");
    }

    @Test
    void registryLoginLivesOnlyInAConfigOfItsOwnAndIsLoggedOutOf() throws Exception {
        String output = run(Map.of("REGISTRY_USER", "pusher", "REGISTRY_PASSWORD", secret),
                "ci/registry-login.sh", "registry.example.test/posts", "docker", "push", "registry.example.test/posts/app:1");

        assertKeptSecret(output);
        assertTrue(stdin().contains(secret), "docker login got the password on stdin");
        String config = Files.readString(temp.resolve("argv.log.env")).replaceAll("(?s).*DOCKER_CONFIG=(\\S*).*", "$1");
        assertFalse(config.isEmpty() || config.startsWith(temp.resolve("home").toString()), "a per-run DOCKER_CONFIG: " + config);
        assertFalse(Files.exists(Path.of(config)), "the per-run DOCKER_CONFIG is removed");
        assertFalse(Files.exists(temp.resolve("home/.docker")), "nothing in ~/.docker");
        assertTrue(argv().contains("docker logout registry.example.test"), argv());
    }

    @Test
    void disposableMysqlPasswordGoesToDockerThroughTheEnvironment() throws Exception {
        // The script runs ./mvnw from the repository root: a copy of it, with a stand-in for the build.
        Path root = Files.createDirectories(temp.resolve("repo/ci"));
        Files.copy(Path.of("ci/test-on-mysql.sh"), root.resolve("test-on-mysql.sh"));
        Files.copy(Path.of("ci/lib.sh"), root.resolve("lib.sh"));
        Path mvnw = temp.resolve("repo/mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\n{ printf mvnw; printf ' %q' \"$@\"; echo; } >> \"$SHIM_LOG\"\n"
                + "[[ -n \"${TEST_DB_PASS:-}\" ]]\n");
        assertTrue(mvnw.toFile().setExecutable(true));

        String output = run(Map.of(), root.resolve("test-on-mysql.sh").toString());

        String password = Files.readString(temp.resolve("argv.log.env")).replaceAll("(?s).*MYSQL_ROOT_PASSWORD=(\\S*).*", "$1");
        assertTrue(password.length() >= 16, "docker run got the password in its environment");
        assertFalse(argv().contains(password), argv());
        assertFalse(output.contains(password), output);
        assertTrue(argv().contains("mvnw -B -ntp test"), argv());
    }

    @Test
    void backupOfMySqlGivesMySqlDumpThePasswordInAnOptionFileAndTheFlagsTheAppUserNeeds() throws Exception {
        String output = run(databaseEnvironment("mysql"), "ops/backup.sh", temp.resolve("backups").toString());

        assertKeptSecret(output);
        assertTrue(Files.readString(temp.resolve("argv.log.defaults")).contains("password=\"" + secret + "\""));
        String dump = dumpCommand();
        assertTrue(dump.startsWith("mysqldump --defaults-extra-file="), dump);
        for (String flag : List.of("--single-transaction", "--default-character-set=utf8mb4", "--hex-blob",
                "--no-tablespaces", "--set-gtid-purged=OFF")) {
            assertTrue(dump.contains(" " + flag + " "), flag + " missing: " + dump);
        }
    }

    @Test
    void backupOfMariaDbUsesMariaDbsDumpWithoutMySqlsGtidFlag() throws Exception {
        String output = run(databaseEnvironment("mariadb"), "ops/backup.sh", temp.resolve("backups").toString());

        assertKeptSecret(output);
        String dump = dumpCommand();
        assertTrue(dump.startsWith("mariadb-dump --defaults-extra-file="), dump);
        assertTrue(dump.contains(" --single-transaction "), dump);
        assertFalse(dump.contains("gtid"), dump);
    }

    @Test
    void restoreGivesTheClientThePasswordInAnOptionFile() throws Exception {
        run(databaseEnvironment("mariadb"), "ops/backup.sh", temp.resolve("backups").toString());
        Files.writeString(log, "");

        String output = run(databaseEnvironment("mariadb"), "ops/restore.sh", onlyDump().toString(), "posts_restored");

        assertKeptSecret(output);
        assertTrue(output.contains("restore: posts_restored holds 3 posts at schema v2"), output);
        assertTrue(argv().contains("mariadb --defaults-extra-file=/dev/fd/"), argv());
    }

    @Test
    void aDumpOfOneEngineIsNotRestoredWithTheOthersClient() throws Exception {
        run(databaseEnvironment("mariadb"), "ops/backup.sh", temp.resolve("backups").toString());

        String output = runExpecting(1, databaseEnvironment("mysql"), "ops/restore.sh", onlyDump().toString(), "posts");

        assertTrue(output.contains("was made by mariadb's dump tool and the server is mysql"), output);
        assertFalse(argv().lines().anyMatch(line -> line.matches("(mysql|mariadb) --defaults.*")
                && !line.contains("--execute=")), "a client loaded the dump:\n" + argv());
    }

    private Map<String, String> databaseEnvironment(String engine) {
        return Map.of("SHIM_ENGINE", engine, "MYSQL_HOST", "db.example.test", "MYSQL_USER", "posts",
                "MYSQL_PASS", secret, "MYSQL_DB", "posts");
    }

    private String dumpCommand() throws IOException {
        String argv = argv();
        return argv.lines().filter(line -> line.matches("(mysqldump|mariadb-dump) --defaults.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no dump ran:\n" + argv)) + " ";
    }

    private Path onlyDump() throws IOException {
        try (var files = Files.list(temp.resolve("backups"))) {
            return files.filter(file -> file.toString().endsWith(".sql.gz")).findFirst().orElseThrow();
        }
    }

    private void assertKeptSecret(String output) throws IOException {
        assertFalse(argv().contains(secret), "a secret on a command line:\n" + argv());
        assertFalse(output.contains(secret), "a secret in the output:\n" + output);
    }

    /** Runs a script with the stand-ins first on PATH; it must succeed. Returns stdout and stderr. */
    private String run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        return runExpecting(0, environment, command);
    }

    private String runExpecting(int status, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        List<String> bash = new ArrayList<>(List.of("bash"));
        bash.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(bash).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("PATH", temp.resolve("bin") + File.pathSeparator + env.get("PATH"));
        env.put("HOME", temp.resolve("home").toString());
        env.put("TMPDIR", temp.toString());
        env.put("SHIM_LOG", log.toString());
        env.putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not finish:\n" + output);
        assertEquals(status, process.exitValue(), output);
        return output;
    }

    private String argv() throws IOException {
        return Files.readString(log);
    }

    private String stdin() throws IOException {
        return Files.readString(temp.resolve("argv.log.stdin"));
    }
}
