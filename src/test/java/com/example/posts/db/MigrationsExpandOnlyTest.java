package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rollback rule (README, "Rollback and migrations"): a migration only expands the schema, so the
 * previous release still runs on it. Removing or renaming waits for a later release, written as its own
 * migration once nothing deployed reads the old shape — and then this test is told about it explicitly.
 */
class MigrationsExpandOnlyTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
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
        List<Path> files;
        try (Stream<Path> listing = Files.list(MIGRATIONS)) {
            files = listing.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String sql = withoutComments(Files.readString(file)).toLowerCase(Locale.ROOT);
            for (Pattern contracting : CONTRACTING) {
                assertFalse(contracting.matcher(sql).find(), file.getFileName() + " contracts the schema: " + contracting);
            }
        }
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
