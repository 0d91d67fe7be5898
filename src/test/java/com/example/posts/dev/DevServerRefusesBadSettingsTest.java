package com.example.posts.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ConfigurationException;
import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dev run with a bad setting stops at once, with one line naming it, and starts nothing. */
@IndependentOfTestDatabase
class DevServerRefusesBadSettingsTest {
    /** The placeholder of .env.example, which a new user copies. */
    private static final String PLACEHOLDER_TOKEN = "change-me-to-a-long-random-token";

    @TempDir
    Path workingDirectory;

    @Test
    void thePlaceholderTokenExitsAtOnceNamingTheSettingWithoutAStackTrace() throws Exception {
        ProcessBuilder devRun = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DevServer.class.getName())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        devRun.environment().put("POSTS_API_TOKEN", PLACEHOLDER_TOKEN);

        Path log = Files.createTempFile("dev-run", ".log");
        devRun.redirectOutput(log.toFile());
        Process process = devRun.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);

        assertTrue(exited, "the dev run did not exit within 60 s:\n" + output);
        assertEquals(2, process.exitValue(), output);
        assertEquals(1, output.strip().lines().count(), "one line:\n" + output);
        assertTrue(output.contains("POSTS_API_TOKEN"), output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
        try (Stream<Path> created = Files.list(workingDirectory)) {
            assertEquals(0, created.count(), "nothing was started: no .dev-database/");
        }
    }

    @Test
    void everySettingIsCheckedBeforeAnythingStarts() {
        assertNamed("PORT", Map.of("PORT", "eighty"));
        assertNamed("PORT", Map.of("PORT", "70000"));
        assertNamed("POSTS_LOG_FORMAT", Map.of("POSTS_LOG_FORMAT", "xml"));
        assertNamed("POSTS_METRICS_ALLOW", Map.of("POSTS_METRICS_ALLOW", "not-an-address"));
        assertNamed("POSTS_API_TOKEN", Map.of("POSTS_API_TOKEN", "short"));
        assertNamed("MYSQL_PORT", Map.of("MYSQL_PORT", "x"));
        assertNamed("POSTS_READ_ONLY", Map.of("POSTS_READ_ONLY", "yes"));
        assertNamed("POSTS_METRICS_PORT", Map.of("POSTS_METRICS_PORT", "0"));
    }

    @Test
    void withoutATokenOneIsGeneratedAndSaidSo() {
        DevSettings settings = DevSettings.fromEnvironment(Map.of("PORT", "0"));

        String token = settings.generatedToken().orElseThrow();
        assertTrue(token.length() >= 43, token);
        assertEquals(token, settings.environment().get("POSTS_API_TOKEN"), "the application is given it");
        assertEquals(0, settings.port());
    }

    private static void assertNamed(String setting, Map<String, String> env) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> DevSettings.fromEnvironment(env));
        assertTrue(refused.getMessage().contains(setting), refused.getMessage());
    }
}
