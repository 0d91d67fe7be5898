package com.example.posts.backup;

import com.example.posts.config.DatabaseSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a script of ops/ as an operator would, against the tests' database server, with its tools: this
 * machine's, or, when TEST_DB_TOOLS_CONTAINER names the server's container (ci/test-on-mysql.sh), that
 * container's own, so that MySQL's dump and client meet MySQL.
 */
record OpsScript(DatabaseSettings server, String database) {
    /** Beyond any script's own bounds (boot-check's BOOT_TIMEOUT, 120 s by default). */
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String TOOLS_CONTAINER = "TEST_DB_TOOLS_CONTAINER";

    /** The outcome of a run: its exit status and what it printed. */
    record Outcome(int status, String output) {
    }

    /** Skips the tests where no client tools are installed, except under CI, which installs them. */
    static void requireTheTools() throws IOException, InterruptedException {
        if (System.getenv(TOOLS_CONTAINER) != null) {
            return;
        }
        Process which = new ProcessBuilder("bash", "-c", "command -v mariadb-dump || command -v mysqldump").start();
        boolean present = which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
        if (!present && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.abort("ops/backup.sh needs mariadb-dump or mysqldump (apt-get install mariadb-client)");
        }
    }

    /** The one dump ops/backup.sh wrote into a folder. */
    static Path dumpIn(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            List<Path> dumps = files.filter(file -> file.getFileName().toString().endsWith(".sql.gz")).toList();
            if (dumps.size() != 1) {
                throw new AssertionError("dumps in " + folder + ": " + dumps);
            }
            return dumps.get(0);
        }
    }

    Outcome run(String script, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("ops", script).toAbsolutePath().toString()));
        String container = System.getenv(TOOLS_CONTAINER);
        Map<String, String> env = new HashMap<>(Map.of("MYSQL_HOST", server.host(),
                "MYSQL_PORT", Integer.toString(server.port()), "MYSQL_USER", server.user(),
                "MYSQL_PASS", server.password(), "MYSQL_DB", database));
        if (container != null) {
            command.addAll(List.of("--container", container));
            env.putAll(Map.of("MYSQL_HOST", "127.0.0.1", "MYSQL_PORT", "3306"));
        }
        command.addAll(List.of(arguments));
        env.putAll(environment);
        File output = Files.createTempFile("posts-ops-", ".log").toFile();
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                // Its children too: a Tomcat that boot-check.sh started outlives a killed bash.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("ops/" + script + " did not finish within " + TIMEOUT);
            }
            return new Outcome(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
