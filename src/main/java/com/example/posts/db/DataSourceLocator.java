package com.example.posts.db;

import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DatabaseSettings;
import java.util.Map;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NoInitialContextException;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the database: a container-provided JNDI DataSource wins (Tomcat farms configure it in context.xml);
 * otherwise a pool of our own from the MYSQL_* variables.
 */
public final class DataSourceLocator {
    public static final String JNDI_NAME = "java:comp/env/jdbc/posts";
    private static final Logger LOG = LoggerFactory.getLogger(DataSourceLocator.class);

    private DataSourceLocator() {
    }

    public static Database openDatabase(Map<String, String> env) {
        Optional<DataSource> provided = lookupJndi();
        if (provided.isPresent()) {
            LOG.info("Using the container's DataSource {}", JNDI_NAME);
            return Database.open(DatabaseConnections.single(provided.get(), () -> { }));
        }
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(env);
        LOG.info("Using MySQL at {} from the MYSQL_* variables", settings);
        return Database.open(ConnectionPool.connectionsFor(settings));
    }

    static Optional<DataSource> lookupJndi() {
        Object bound;
        try {
            InitialContext context = new InitialContext();
            try {
                bound = context.lookup(JNDI_NAME);
            } finally {
                context.close();
            }
        } catch (NoInitialContextException | NameNotFoundException notBound) {
            // A plain JVM, or a container where nothing is bound under the name: use the environment.
            return Optional.empty();
        } catch (NamingException e) {
            throw new ConfigurationException("Cannot look up " + JNDI_NAME + ": " + e.getMessage(), e);
        }
        if (!(bound instanceof DataSource dataSource)) {
            throw new ConfigurationException(JNDI_NAME + " is bound to " + bound.getClass().getName()
                    + ", not a javax.sql.DataSource");
        }
        return Optional.of(dataSource);
    }
}
