package com.example.posts.db;

import com.mysql.cj.jdbc.AbandonedConnectionCleanupThread;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes what loading Connector/J did to the JVM, so an undeployed webapp leaves nothing behind:
 * deregisters the JDBC drivers this application's class loader registered and stops the driver's
 * abandoned-connection cleanup thread. Drivers of other class loaders (a container's) are left alone.
 */
public final class JdbcDriverCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDriverCleanup.class);

    private JdbcDriverCleanup() {
    }

    public static void run() {
        ClassLoader ours = JdbcDriverCleanup.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                    LOG.info("Deregistered JDBC driver {}", driver.getClass().getName());
                } catch (SQLException e) {
                    LOG.warn("Could not deregister JDBC driver {}", driver.getClass().getName(), e);
                }
            }
        }
        if (AbandonedConnectionCleanupThread.class.getClassLoader() == ours) {
            AbandonedConnectionCleanupThread.checkedShutdown();
        }
    }
}
