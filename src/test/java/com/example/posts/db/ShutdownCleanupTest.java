package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a fresh JVM, where no earlier connection has warmed the driver: the application starts from the
 * environment (so Connector/J's MariaDB keyword trap would show), and its shutdown leaves no JDBC driver
 * registered and no Connector/J or pool thread running; nor does a start that fails.
 */
class ShutdownCleanupTest {

    @Test
    void freshJvmStartsAndShutsDownLeavingNothingBehind() throws IOException, InterruptedException {
        String log = runProbe(Map.of());

        assertTrue(log.contains("health 200"), log);
    }

    /**
     * A wrong setting that the server refuses once the driver is loaded: here a database that does not exist,
     * since an embedded MariaDB lets any password in as its anonymous user.
     */
    @Test
    void aStartRefusedByTheDatabaseLeavesNothingBehind() throws IOException, InterruptedException {
        String log = runProbe(Map.of("MYSQL_DB", "posts_no_such_database"), ShutdownProbe.FAILED_START);

        assertTrue(log.contains("start failed"), log);
    }

    /** Runs the probe with the test database's settings (some overridden); returns its log once it passed. */
    private static String runProbe(Map<String, String> overrides, String... args)
            throws IOException, InterruptedException {
        DatabaseSettings db = TestDatabase.shared().server().settings();
        Path output = Files.createTempFile("shutdown-probe", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ShutdownProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder probe = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = probe.environment();
        env.put("MYSQL_HOST", db.host());
        env.put("MYSQL_PORT", Integer.toString(db.port()));
        env.put("MYSQL_USER", db.user());
        env.put("MYSQL_PASS", db.password());
        env.put("MYSQL_DB", db.database());
        env.remove("POSTS_API_TOKEN");
        env.put("POSTS_READ_ONLY", "true");
        env.putAll(overrides);

        Process process = probe.start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        String log = Files.readString(output, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        Files.delete(output);

        assertTrue(finished, "probe did not finish:\n" + log);
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.lines().anyMatch(ShutdownProbe.CLEAN::equals), log);
        return log;
    }
}
