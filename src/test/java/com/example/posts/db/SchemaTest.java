package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema that Flyway's migrations build, as the database reports it. */
class SchemaTest {

    private static List<List<String>> rows(String sql) throws SQLException {
        try (Connection connection = TestDatabase.shared().database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void postTableHasTheSpecifiedColumns() throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (List<String> row : rows("SELECT column_name, column_type, is_nullable, extra "
                + "FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'post' "
                + "ORDER BY ordinal_position")) {
            columns.put(row.get(0).toLowerCase(), String.join(" ", row.subList(1, 4)).strip().toLowerCase());
        }

        assertEquals(Map.of(
                "id", "int(11) no auto_increment",
                "content", "text no",
                "author_email", "varchar(100) no",
                "created_time", "datetime no",
                "version", "int(11) no"), normalizeIntWidth(columns));
    }

    @Test
    void postTableIsUtf8mb4() throws SQLException {
        assertEquals(List.of(List.of("utf8mb4_unicode_ci")), rows("SELECT table_collation FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name = 'post'"));
    }

    @Test
    void flywayAppliedEveryMigration() throws SQLException {
        assertEquals(List.of(List.of("1", "1"), List.of("2", "1"), List.of("3", "1"), List.of("4", "1"), List.of("5", "1")),
                rows("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"));
    }

    /** MySQL 8 reports int, MariaDB int(11): the same column. */
    private static Map<String, String> normalizeIntWidth(Map<String, String> columns) {
        Map<String, String> normalized = new LinkedHashMap<>();
        columns.forEach((name, type) -> normalized.put(name, type.replaceFirst("^int( |$)", "int(11)$1")));
        return normalized;
    }
}
