package com.example.posts.author;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Run after every other test (pom.xml's after-the-suite execution): no log that the suite produced holds an
 * author token with its secret. The logs are the in-process servers' (the test JVMs' output files), and the
 * Tomcats' and nginx's that the integration tests started. A token's shape is fixed, so any one is found.
 */
class SuiteLogsHoldNoTokenSecretIT {
    private static final Pattern TOKEN = Pattern.compile("pst_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}");
    private static final Path TARGET = Path.of("target");
    private static final List<String> LOG_FOLDERS = List.of("surefire-reports", "failsafe-reports", "stack");

    @Test
    void noLogLineHoldsATokenSecret() throws IOException {
        List<String> leaks = new ArrayList<>();
        int issuedTokensLogged = 0;
        for (Path log : logs()) {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                Matcher token = TOKEN.matcher(line);
                if (token.find()) {
                    leaks.add(TARGET.relativize(log) + ": " + line.replace(token.group(), "pst_<secret>"));
                }
                if (line.contains("Issued token ")) {
                    issuedTokensLogged++;
                }
            }
        }

        assertTrue(leaks.isEmpty(), "Token secrets in logs:\n" + String.join("\n", leaks));
        // The whole suite issues tokens; a run of a few tests (-Dit.test) may not, and then proves nothing.
        Assumptions.assumeTrue(issuedTokensLogged > 0, "no token was issued in the logs read");
    }

    private static List<Path> logs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String folder : LOG_FOLDERS) {
            Path root = TARGET.resolve(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(SuiteLogsHoldNoTokenSecretIT::isLog).forEach(logs::add);
            }
        }
        return logs;
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".log") || name.endsWith(".out") || name.endsWith("-output.txt"))
                && !name.startsWith(SuiteLogsHoldNoTokenSecretIT.class.getName());
    }
}
