package com.example.posts.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server of a {@link ReplicatedMariaDb}: where it listens, and statements run on it as root. Those statements
 * are SHOW, DO or SET, never SELECT, so a server's Com_select counts the tests' reads; and, once per URL and JVM,
 * Connector/J's reading of the server's settings.
 */
public final class MariaDbNode {
    private static final String HOST = "127.0.0.1";
    private static final String ADMIN_USER = "root";
    private static final String ADMIN_PASSWORD = "";
    /** Longer than any statement of the fixture but the waits, which bring their own bound. */
    private static final Duration READ_BOUND = Duration.ofSeconds(30);

    private final String name;
    private final EmbeddedMariaDb server;

    private MariaDbNode(String name, EmbeddedMariaDb server) {
        this.name = name;
        this.server = server;
    }

    static MariaDbNode start(String name, List<String> serverOptions) {
        return new MariaDbNode(name, EmbeddedMariaDb.startCheckingPrivileges(serverOptions));
    }

    /** "primary", "replica 0", "replica 1", …: for messages. */
    public String name() {
        return name;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return server.port();
    }

    /** A Connector/J URL of this server with {@code database} as the default one ("" for none); no credentials. */
    public String jdbcUrl(String database) {
        // The server's settings are read once per URL and JVM: later connections run no SELECT of their own.
        return "jdbc:mysql://" + HOST + ":" + port() + "/" + database
                + "?connectTimeout=5000&cacheServerConfiguration=true&useInformationSchema=false";
    }

    /** Whether its server process runs: false after a stop or a kill, until the next restart. */
    public boolean isRunning() {
        return server.isRunning();
    }

    EmbeddedMariaDb server() {
        return server;
    }

    void execute(String... statements) {
        for (String sql : statements) {
            executeWithin(READ_BOUND, sql);
        }
    }

    /** One statement that may itself wait, up to about {@code readBound}. */
    void executeWithin(Duration readBound, String sql, Object... parameters) {
        try (Connection connection = connect(readBound);
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Each row as its column labels and values, in order. */
    List<Map<String, String>> rows(String query, Object... parameters) {
        try (Connection connection = connect(READ_BOUND);
             PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet result = statement.executeQuery()) {
            ResultSetMetaData columns = result.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    row.put(columns.getColumnLabel(column), result.getString(column));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failed(query, e);
        }
    }

    String globalVariable(String variable) {
        return named("SHOW GLOBAL VARIABLES LIKE ?", variable);
    }

    String globalStatus(String variable) {
        return named("SHOW GLOBAL STATUS LIKE ?", variable);
    }

    /** LIKE takes '_' for any character: the row whose name is exactly the one asked for. */
    private String named(String show, String variable) {
        return rows(show, variable).stream()
                .filter(row -> row.get("Variable_name").equalsIgnoreCase(variable))
                .map(row -> row.get("Value"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(this + " has no variable " + variable));
    }

    private Connection connect(Duration readBound) throws SQLException {
        // The bound is set on the connection, not in the URL: one URL, one reading of the server's settings.
        Connection connection = DriverManager.getConnection(jdbcUrl(""), ADMIN_USER, ADMIN_PASSWORD);
        connection.setNetworkTimeout(Runnable::run, Math.toIntExact(readBound.toMillis()));
        return connection;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private IllegalStateException failed(String sql, SQLException e) {
        return new IllegalStateException(this + ": " + sql + " failed: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return name + " (" + HOST + ":" + port() + ")";
    }
}
