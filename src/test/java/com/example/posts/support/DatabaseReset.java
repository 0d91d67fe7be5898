package com.example.posts.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Empties every application table, children before the tables they reference, and resets the
 * auto-increment counters, so each test starts from the same ids. Flyway's history is kept.
 */
public final class DatabaseReset {
    private final DataSource dataSource;
    private List<String> deleteOrder;

    public DatabaseReset(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void run() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (deleteOrder == null) {
                deleteOrder = childrenFirst(connection);
            }
            for (String table : deleteOrder) {
                statement.executeUpdate("DELETE FROM `" + table + "`");
                statement.executeUpdate("ALTER TABLE `" + table + "` AUTO_INCREMENT = 1");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reset the test database", e);
        }
    }

    private static List<String> childrenFirst(Connection connection) throws SQLException {
        Map<String, Set<String>> referencedBy = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' "
                    + "AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
                while (tables.next()) {
                    referencedBy.put(tables.getString(1), new LinkedHashSet<>());
                }
            }
            try (ResultSet keys = statement.executeQuery("SELECT table_name, referenced_table_name "
                    + "FROM information_schema.key_column_usage WHERE table_schema = DATABASE() "
                    + "AND referenced_table_name IS NOT NULL AND table_name <> referenced_table_name")) {
                while (keys.next()) {
                    referencedBy.computeIfAbsent(keys.getString(2), t -> new LinkedHashSet<>()).add(keys.getString(1));
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String table : referencedBy.keySet()) {
            visit(table, referencedBy, visiting, order);
        }
        return order;
    }

    /** Depth-first: a table goes after every table that references it. */
    private static void visit(String table, Map<String, Set<String>> referencedBy, Set<String> visiting,
                              List<String> order) {
        if (order.contains(table) || !visiting.add(table)) {
            return;
        }
        for (String child : referencedBy.getOrDefault(table, Set.of())) {
            visit(child, referencedBy, visiting, order);
        }
        order.add(table);
    }
}
