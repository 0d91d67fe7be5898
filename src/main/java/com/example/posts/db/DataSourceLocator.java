package com.example.posts.db;

import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DataSourceChoice;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.DatabaseTls;
import com.example.posts.config.ReplicaAddress;
import com.example.posts.config.ReplicaSettings;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NoInitialContextException;
import javax.naming.NamingException;
import javax.net.ssl.SSLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the database, as POSTS_DATASOURCE says: the container's JNDI DataSource (Tomcat farms configure it in
 * conf/context.xml, which every deployed version sees), or a pool of our own from the MYSQL_* variables;
 * by default the container's when it is bound, else our own.
 */
public final class DataSourceLocator {
    public static final String JNDI_NAME = "java:comp/env/jdbc/posts";
    /** The container's DataSource without statement bounds, for schema migrations only. */
    public static final String MIGRATIONS_JNDI_NAME = "java:comp/env/jdbc/posts-migrations";
    /** The container's DataSource for the replicas (one pool, or a driver that balances over several). */
    public static final String REPLICAS_JNDI_NAME = "java:comp/env/jdbc/posts-replicas";
    private static final Logger LOG = LoggerFactory.getLogger(DataSourceLocator.class);

    private DataSourceLocator() {
    }

    public static Database openDatabase(Map<String, String> env) {
        DataSourceChoice choice = DataSourceChoice.fromEnvironment(env);
        Optional<DataSource> provided = choice == DataSourceChoice.ENVIRONMENT ? Optional.empty() : lookup(JNDI_NAME);
        if (provided.isPresent()) {
            if (!ReplicaSettings.fromEnvironment(env).addresses().isEmpty()) {
                throw new ConfigurationException(ReplicaSettings.ADDRESSES_VARIABLE + " is for the service's own"
                        + " pools; with the container's DataSource, bind the replicas at " + REPLICAS_JNDI_NAME);
            }
            LOG.info("Using the container's DataSource {}", JNDI_NAME);
            return Database.open(containerConnections(provided.get()));
        }
        if (choice == DataSourceChoice.CONTAINER) {
            throw new ConfigurationException(DataSourceChoice.VARIABLE + "=container but nothing is bound at "
                    + JNDI_NAME + ": declare the Resource jdbc/posts where every version sees it"
                    + " (conf/context.xml), or set " + DataSourceChoice.VARIABLE + "=environment");
        }
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(env);
        List<ReplicaAddress> replicas = ReplicaSettings.fromEnvironment(env).addresses();
        LOG.info("Using MySQL at {} from the MYSQL_* variables, TLS {}{}", settings, settings.tls(),
                replicas.isEmpty() ? "" : ", reads from the replicas " + replicas);
        try {
            return Database.open(ConnectionPool.connectionsFor(settings, replicas));
        } catch (RuntimeException e) {
            throw failedTls(e, settings).orElseThrow(() -> e);
        }
    }

    /**
     * A failed TLS handshake (a refused certificate, a server without TLS) reads as a "communications link
     * failure" at the top: said plainly instead.
     */
    private static Optional<ConfigurationException> failedTls(RuntimeException failure, DatabaseSettings settings) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof GeneralSecurityException) {
                DatabaseTls tls = settings.tls();
                return Optional.of(new ConfigurationException("TLS to the database failed ("
                        + DatabaseTls.MODE_VARIABLE + "=" + tls.mode() + ", " + DatabaseTls.CA_VARIABLE + "="
                        + tls.trustStore().map(store -> store.source().toString()).orElse("(the JVM's CAs)")
                        + ", MYSQL_HOST=" + settings.host() + "): " + cause.getMessage(), failure));
            }
        }
        return Optional.empty();
    }

    /**
     * Requests and /health share the container's pool, with the bounds the container gives it. Migrations
     * go through jdbc/posts-migrations, without those bounds; without it they go through the bounded pool,
     * where a step longer than its statement bound is cut halfway.
     */
    static DatabaseConnections containerConnections(DataSource requests) {
        Optional<DataSource> migrations = lookup(MIGRATIONS_JNDI_NAME);
        if (migrations.isPresent()) {
            LOG.info("Migrating through the container's DataSource {}", MIGRATIONS_JNDI_NAME);
        } else {
            LOG.warn("Nothing is bound at {}: migrating through {} and its statement bounds; a migration step"
                    + " that takes longer fails halfway", MIGRATIONS_JNDI_NAME, JNDI_NAME);
        }
        Map<String, DataSource> replicas = new LinkedHashMap<>();
        lookup(REPLICAS_JNDI_NAME).ifPresent(pool -> {
            LOG.info("Reading from the container's replica DataSource {}", REPLICAS_JNDI_NAME);
            replicas.put("jdbc/posts-replicas", pool);
        });
        // Not ours to close: the container owns its pools.
        return new DatabaseConnections(requests, migrations.orElse(requests), requests, replicas, () -> { });
    }

    /** Whether the container binds a DataSource under the name; a plain JVM binds nothing. */
    static Optional<DataSource> lookup(String name) {
        Object bound;
        try {
            InitialContext context = new InitialContext();
            try {
                bound = context.lookup(name);
            } finally {
                context.close();
            }
        } catch (NoInitialContextException | NameNotFoundException notBound) {
            return Optional.empty();
        } catch (NamingException e) {
            throw new ConfigurationException("Cannot look up " + name + ": " + e.getMessage(), e);
        }
        if (!(bound instanceof DataSource dataSource)) {
            throw new ConfigurationException(name + " is bound to " + bound.getClass().getName()
                    + ", not a javax.sql.DataSource");
        }
        return Optional.of(dataSource);
    }
}
