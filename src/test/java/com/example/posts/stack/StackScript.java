package com.example.posts.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of the repository's stack/, which lays out nginx and Tomcat the same way for bench/ and for
 * these tests. It sees only PATH and the variables given, as the image's templates see only its environment.
 */
final class StackScript {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private StackScript() {
    }

    static void run(String script, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("stack", script).toAbsolutePath().toString()));
        command.addAll(arguments);
        try {
            File output = Files.createTempFile("posts-stack-", ".log").toFile();
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output);
                builder.environment().clear();
                builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("stack/" + script + " did not finish within " + TIMEOUT);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed:\n"
                            + Files.readString(output.toPath(), StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(output.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
