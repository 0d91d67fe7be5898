package com.example.posts.db;

import com.example.posts.author.Author;
import com.example.posts.author.AuthorToken;
import com.example.posts.post.Post;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the application sees it: a migrated schema and a SessionFactory over a DataSource.
 * Closing it closes the SessionFactory and then releases the DataSource (if we own it).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseConnections connections;
    private final SessionFactory sessionFactory;
    private final boolean mariaDb;

    private Database(DatabaseConnections connections, SessionFactory sessionFactory, boolean mariaDb) {
        this.connections = connections;
        this.sessionFactory = sessionFactory;
        this.mariaDb = mariaDb;
    }

    /** Migrates the schema ({@link SchemaMigration}), then builds a SessionFactory that validates against it. */
    public static Database open(DatabaseConnections connections) {
        try {
            SchemaMigration.ofApplication().migrate(connections.migrations());
            boolean mariaDb = isMariaDb(connections.requests());
            return new Database(connections, buildSessionFactory(connections.requests(), mariaDb), mariaDb);
        } catch (RuntimeException e) {
            connections.close().run();
            throw e;
        }
    }

    /** What requests borrow from. */
    public DataSource dataSource() {
        return connections.requests();
    }

    /** The replicas' DataSources by name, in the order configured; empty without replicas. */
    public Map<String, DataSource> replicas() {
        return connections.replicas();
    }

    /** Whether the server is MariaDB rather than MySQL, as its version string says. */
    public boolean isMariaDb() {
        return mariaDb;
    }

    /** What /health checks with. */
    public DataSource healthDataSource() {
        return connections.health();
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            connections.close().run();
            LOG.info("Database closed");
        }
    }

    /**
     * Connector/J calls every server "MySQL", so Hibernate would speak MySQL 8 to MariaDB (for example
     * "for update of", which MariaDB rejects). The server's version string says which it really is.
     */
    private static boolean isMariaDb(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            return version != null && version.toLowerCase(Locale.ROOT).contains("mariadb");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to identify it: " + e.getMessage(), e);
        }
    }

    private static SessionFactory buildSessionFactory(DataSource dataSource, boolean mariaDb) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DATASOURCE, dataSource)
                .applySetting(AvailableSettings.DIALECT,
                        (mariaDb ? MariaDBDialect.class : MySQLDialect.class).getName())
                // Flyway owns the schema; Hibernate only checks that the mapping fits it.
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                // LocalDateTime goes to the driver as it is, not through java.sql.Timestamp and the JVM's zone,
                // where a time in a daylight-saving gap or overlap would move by an hour.
                .applySetting(AvailableSettings.JAVA_TIME_USE_DIRECT_JDBC, true)
                .applySetting(AvailableSettings.SHOW_SQL, false)
                // Read by /metrics (hibernate-micrometer): counters and timings kept in memory, no logging.
                .applySetting(AvailableSettings.GENERATE_STATISTICS, true)
                .build();
        try {
            return new MetadataSources(registry)
                    .addAnnotatedClass(Post.class)
                    .addAnnotatedClass(Author.class)
                    .addAnnotatedClass(AuthorToken.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
