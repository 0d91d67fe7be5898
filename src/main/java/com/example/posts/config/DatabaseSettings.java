package com.example.posts.config;

import java.util.Map;

/**
 * Where the database is, read from the same environment variables as the original Flask app, and how the
 * connection to it is encrypted ({@link DatabaseTls}).
 * Read once at start-up; a malformed value fails start-up with the variable's name.
 */
public record DatabaseSettings(String host, int port, String user, String password, String database,
                               DatabaseTls tls) {

    /**
     * Connector/J options, chosen once for every connection:
     * utf8mb4 end to end; statement caching; no round trips for session state the driver already knows;
     * useInformationSchema=false because against MariaDB 11 the driver's keyword query names a column
     * MariaDB lacks; the bounds of {@link DatabaseTimeouts} on connecting, reading and waiting for row locks,
     * so an unreachable or stalled database fails fast instead of hanging requests.
     */
    static final String CONNECTION_OPTIONS = String.join("&",
            "characterEncoding=UTF-8",
            "connectionCollation=utf8mb4_unicode_ci",
            "useInformationSchema=false",
            "useServerPrepStmts=true",
            "cachePrepStmts=true",
            "prepStmtCacheSize=250",
            "prepStmtCacheSqlLimit=2048",
            "cacheServerConfiguration=true",
            "cacheResultSetMetadata=true",
            "useLocalSessionState=true",
            "elideSetAutoCommits=true",
            "maintainTimeStats=false",
            "rewriteBatchedStatements=true",
            "connectTimeout=" + DatabaseTimeouts.CONNECT_MILLIS,
            "tcpKeepAlive=true");

    /** What bounds a request's reads and lock waits; migrations, which may rightly take long, go without. */
    static final String REQUEST_BOUNDS = String.join("&",
            "socketTimeout=" + DatabaseTimeouts.SOCKET_READ_MILLIS,
            "queryTimeoutKillsConnection=true",
            "sessionVariables=innodb_lock_wait_timeout=" + DatabaseTimeouts.LOCK_WAIT_SECONDS
                    + ",wait_timeout=" + DatabaseTimeouts.IDLE_SESSION_SECONDS);

    public DatabaseSettings {
        requireText("MYSQL_HOST", host);
        requireText("MYSQL_USER", user);
        requireText("MYSQL_DB", database);
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("MYSQL_PORT must be between 1 and 65535, got " + port);
        }
        if (!database.matches("[A-Za-z0-9_$]{1,64}")) {
            throw new ConfigurationException(
                    "MYSQL_DB must be 1-64 letters, digits, '_' or '$', got '" + database + "'");
        }
        if (password == null) {
            throw new ConfigurationException("MYSQL_PASS must not be null");
        }
        if (tls == null) {
            throw new ConfigurationException(DatabaseTls.MODE_VARIABLE + " must not be null");
        }
    }

    /** With Connector/J's own TLS default. */
    public DatabaseSettings(String host, int port, String user, String password, String database) {
        this(host, port, user, password, database, DatabaseTls.DRIVER_DEFAULT);
    }

    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        return new DatabaseSettings(
                env.getOrDefault("MYSQL_HOST", "localhost"),
                parsePort(env.getOrDefault("MYSQL_PORT", "3306")),
                env.getOrDefault("MYSQL_USER", "root"),
                env.getOrDefault("MYSQL_PASS", ""),
                env.getOrDefault("MYSQL_DB", "my_flask"),
                DatabaseTls.fromEnvironment(env));
    }

    /** The same user, password, database and TLS on another server: a replica. */
    public DatabaseSettings at(ReplicaAddress replica) {
        return new DatabaseSettings(replica.host(), replica.port(), user, password, database, tls);
    }

    /** For requests: every wait bounded. */
    public String jdbcUrl() {
        return migrationJdbcUrl() + "&" + REQUEST_BOUNDS;
    }

    /**
     * For schema migrations: a long statement, or another node's migration lock, must not fail the start.
     * Every URL starts from this one, so requests, /health and migrations share the TLS settings.
     */
    public String migrationJdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:mysql://" + hostPart + ":" + port + "/" + database + "?" + CONNECTION_OPTIONS
                + "&" + tls.urlOptions();
    }

    /** For log lines: everything but the password. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("MYSQL_PORT must be a number, got '" + value + "'", e);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(name + " must not be empty");
        }
    }
}
