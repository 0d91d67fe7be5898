package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The migration rules (docs/migrations.md). A migration only expands the schema, so the previous release
 * still runs on it; removing or renaming waits for a later release, written as its own migration once nothing
 * deployed reads the old shape, and then this test is told about it explicitly. From V3 on, a migration is
 * one statement, and a change to an existing table names its algorithm, so that a table-copying change fails
 * instead of locking writes, and a lock wait that runs out leaves nothing half-applied.
 */
@IndependentOfTestDatabase
class MigrationsExpandOnlyTest {
    /** The application's migrations, and the test-only next release's, which follow the same rules. */
    private static final List<Path> FOLDERS = List.of(
            Path.of("src/main/resources/db/migration"), Path.of("src/test/resources/db/next-release"));
    /** Written before the algorithm rule, and already applied: their checksums must not change. */
    private static final int FIRST_VERSION_UNDER_THE_ALGORITHM_RULE = 3;
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__");
    private static final Pattern CHANGES_A_TABLE = Pattern.compile("^\\s*(alter\\s+table|create\\s+(unique\\s+)?index)\\b");
    private static final Pattern NAMES_ITS_ALGORITHM = Pattern.compile(
            "algorithm\\s*=\\s*instant(?![^;]*\\block\\b)|algorithm\\s*=\\s*inplace[^;]*\\block\\s*=\\s*none"
                    + "|lock\\s*=\\s*none[^;]*\\balgorithm\\s*=\\s*inplace");
    private static final List<Pattern> CONTRACTING = List.of(
            Pattern.compile("\\bdrop\\s+(table|column|index|database|schema)\\b"),
            Pattern.compile("\\balter\\s+table\\s+\\S+\\s+drop\\b"),
            Pattern.compile("\\brename\\s+(table|column|to)\\b"),
            Pattern.compile("\\bchange\\s+(column\\s+)?\\S+\\s+\\S+"),
            Pattern.compile("\\bmodify\\s+(column\\s+)?\\S+"),
            Pattern.compile("\\btruncate\\b"),
            Pattern.compile("\\bdelete\\s+from\\b"),
            // A new NOT NULL column without a default breaks the previous release's inserts.
            Pattern.compile("\\badd\\s+(column\\s+)?\\S+\\s+[^,;]*\\bnot\\s+null\\b(?![^,;]*\\bdefault\\b)"));

    @Test
    void everyMigrationOnlyExpandsTheSchema() throws IOException {
        for (Path file : migrations()) {
            String sql = statementsOf(file);
            for (Pattern contracting : CONTRACTING) {
                assertFalse(contracting.matcher(sql).find(), file.getFileName() + " contracts the schema: " + contracting);
            }
        }
    }

    @Test
    void fromVersionThreeEveryMigrationIsOneStatementThatNamesItsAlgorithm() throws IOException {
        for (Path file : migrations()) {
            if (version(file) >= FIRST_VERSION_UNDER_THE_ALGORITHM_RULE) {
                String problem = breaksTheAlgorithmRule(statementsOf(file));
                assertTrue(problem.isEmpty(), file.getFileName() + ": " + problem);
            }
        }
    }

    @Test
    void theAlgorithmRuleCatchesWhatItForbids() {
        for (String sql : List.of("alter table post add column a int default 0",
                "alter table post add column a int default 0, algorithm=instant, lock=none",
                "alter table post add index i (a), algorithm=inplace",
                "alter table post add column a int default 0, algorithm=copy",
                "create index i on post (a)",
                "alter table post add column a int default 0, algorithm=instant; alter table post add index i (a), "
                        + "algorithm=inplace, lock=none")) {
            assertFalse(breaksTheAlgorithmRule(sql).isEmpty(), sql);
        }
        for (String sql : List.of("alter table post add column a int default 0, algorithm=instant;",
                "alter table post add index i (a), algorithm=inplace, lock=none",
                "create index i on post (a) lock=none algorithm=inplace", "create table t (a int)")) {
            assertEquals("", breaksTheAlgorithmRule(sql), sql);
        }
    }

    private static String breaksTheAlgorithmRule(String sql) {
        List<String> statements = Arrays.stream(sql.split(";")).filter(part -> !part.isBlank()).toList();
        if (statements.size() != 1) {
            return statements.size() + " statements, not one";
        }
        String statement = statements.get(0);
        if (CHANGES_A_TABLE.matcher(statement).find() && !NAMES_ITS_ALGORITHM.matcher(statement).find()) {
            return "a change to an existing table without ALGORITHM=INSTANT or ALGORITHM=INPLACE, LOCK=NONE";
        }
        return "";
    }

    private static List<Path> migrations() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : FOLDERS) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(file -> file.toString().endsWith(".sql")).sorted().forEach(files::add);
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }

    private static int version(Path file) {
        Matcher version = VERSION.matcher(file.getFileName().toString());
        assertTrue(version.find(), file + " is not a versioned migration");
        return Integer.parseInt(version.group(1));
    }

    private static String statementsOf(Path file) throws IOException {
        return withoutComments(Files.readString(file)).toLowerCase(Locale.ROOT);
    }

    @Test
    void theRuleCatchesWhatItForbids() {
        for (String sql : List.of("ALTER TABLE post DROP COLUMN content", "DROP TABLE post",
                "ALTER TABLE post RENAME COLUMN content TO body", "ALTER TABLE post MODIFY content VARCHAR(10)",
                "ALTER TABLE post ADD COLUMN title VARCHAR(10) NOT NULL")) {
            assertTrue(CONTRACTING.stream().anyMatch(p -> p.matcher(sql.toLowerCase(Locale.ROOT)).find()), sql);
        }
        assertFalse(CONTRACTING.stream().anyMatch(p -> p.matcher(
                "alter table post add column version int not null default 0").find()));
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }
}
