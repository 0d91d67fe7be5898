package com.example.posts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test command never hangs on a Docker engine that answers but cannot pull: the choice of database
 * bounds the pull and falls back to the embedded server, saying why once; a forced TEST_DB=testcontainers
 * fails instead. Each run is a JVM of its own, since Testcontainers keeps one engine per JVM.
 */
@IndependentOfTestDatabase
class TestDatabaseFallbackTest {
    private static final int PULL_SECONDS = 3;

    @TempDir
    Path home;

    @Test
    void anEngineThatCannotPullFallsBackToTheEmbeddedServerSayingWhyOnce() throws Exception {
        try (DockerEngineThatCannotPull docker = new DockerEngineThatCannotPull()) {
            Run run = choose(docker, Map.of());

            assertEquals(0, run.exitCode, run.output);
            assertTrue(run.output.contains("chosen: embedded MariaDB"), run.output);
            assertEquals(1, run.output.split("could not be pulled within " + PULL_SECONDS + " s", -1).length - 1,
                    "said once:\n" + run.output);
            assertEquals(1, docker.pullsStarted(), run.output);
            assertTrue(run.took.compareTo(Duration.ofSeconds(45)) < 0, "took " + run.took);
        }
    }

    @Test
    void aForcedTestcontainersFailsLoudly() throws Exception {
        try (DockerEngineThatCannotPull docker = new DockerEngineThatCannotPull()) {
            Run run = choose(docker, Map.of("TEST_DB", "testcontainers"));

            assertNotEquals(0, run.exitCode, run.output);
            assertTrue(run.output.contains("TEST_DB=testcontainers: mysql:8.4 is not on the Docker engine"), run.output);
            assertTrue(run.took.compareTo(Duration.ofSeconds(30)) < 0, "took " + run.took);
        }
    }

    private record Run(int exitCode, String output, Duration took) {
    }

    private Run choose(DockerEngineThatCannotPull docker, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestDatabaseChoice.class.getName())
                .redirectErrorStream(true);
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(name -> name.startsWith("TEST_DB") || name.startsWith("TESTCONTAINERS_"));
        // No user settings of Testcontainers': the engine is the stand-in, reached as DOCKER_HOST says.
        childEnv.put("HOME", home.toString());
        childEnv.put("DOCKER_HOST", docker.dockerHost());
        childEnv.put("TESTCONTAINERS_RYUK_DISABLED", "true");
        childEnv.put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        childEnv.put("TEST_DB_PULL_SECONDS", Integer.toString(PULL_SECONDS));
        childEnv.putAll(env);
        Path log = home.resolve("choice.log");
        builder.redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the choice did not finish within 90 s:\n" + output);
        return new Run(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - started));
    }
}
