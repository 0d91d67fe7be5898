package com.example.posts.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tag that the database reruns leave out stays honest: a class that carries it reaches no test database,
 * and both reruns do leave it out, so nothing tagged is run three times for nothing.
 */
class IndependentOfTestDatabaseTest {
    private static final Path TESTS = Path.of("src/test/java");
    /** The ways a test reaches the shared test database: directly, through the HTTP base class, via a proxy. */
    private static final Pattern TEST_DATABASE = Pattern.compile("\\b(TestDatabase|ApiTestCase|ProxiedDatabase)\\b");
    private static final String EXCLUSION = "-DexcludedGroups=" + IndependentOfTestDatabase.TAG;

    @Test
    void noTaggedClassReachesTheTestDatabase() {
        List<Path> tagged = tagged();

        assertFalse(tagged.isEmpty(), "the tag is in use");
        for (Path source : tagged) {
            assertFalse(TEST_DATABASE.matcher(read(source)).find(), source + " is tagged "
                    + IndependentOfTestDatabase.TAG + " but reaches the test database");
        }
    }

    @Test
    void bothDatabaseRerunsLeaveTheContractOnReplicasOut() {
        String skip = "-Dposts.replica-contract.skip=true";
        assertTrue(read(Path.of(".ci/run")).contains(EXCLUSION + " " + skip), ".ci/run's Testcontainers phase");
        assertEquals(1, read(Path.of("ci/test-on-mysql.sh")).split(Pattern.quote(skip), -1).length - 1,
                "ci/test-on-mysql.sh");
    }

    @Test
    void bothDatabaseRerunsLeaveTheTaggedClassesOut() {
        assertTrue(read(Path.of(".ci/run")).contains("TEST_DB=testcontainers ./mvnw test " + EXCLUSION),
                ".ci/run's Testcontainers phase");
        assertEquals(1, read(Path.of("ci/test-on-mysql.sh")).split(Pattern.quote(EXCLUSION), -1).length - 1,
                "ci/test-on-mysql.sh");
    }

    private static List<Path> tagged() {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains("\n@" + IndependentOfTestDatabase.class.getSimpleName() + "\n"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
