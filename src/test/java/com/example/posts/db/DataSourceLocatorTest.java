package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ConfigurationException;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestNamingContext;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The container's JNDI DataSource wins over the MYSQL_* variables; a wrong binding fails start-up. */
class DataSourceLocatorTest {
    /** Settings that cannot work: if they were used, opening the database would fail. */
    private static final Map<String, String> UNREACHABLE = Map.of("MYSQL_HOST", "127.0.0.1", "MYSQL_PORT", "1");

    @Test
    void containerDataSourceWinsOverEnvironment() throws Exception {
        DataSource containers = TestDatabase.shared().database().dataSource();
        try (AutoCloseable naming = TestNamingContext.install()) {
            TestNamingContext.bind(DataSourceLocator.JNDI_NAME, containers);

            try (Database database = DataSourceLocator.openDatabase(UNREACHABLE)) {
                assertEquals(containers, database.dataSource());
            }
        }
        try (Connection stillOpen = containers.getConnection()) {
            assertTrue(stillOpen.isValid(1), "closing the application must not close the container's pool");
        }
    }

    @Test
    void withoutJndiBindingTheEnvironmentIsUsed() throws Exception {
        try (AutoCloseable naming = TestNamingContext.install()) {
            assertTrue(DataSourceLocator.lookupJndi().isEmpty());
        }
        assertTrue(DataSourceLocator.lookupJndi().isEmpty(), "a plain JVM has no naming context");
    }

    @Test
    void somethingOtherThanADataSourceFailsNamingTheBinding() throws Exception {
        try (AutoCloseable naming = TestNamingContext.install()) {
            TestNamingContext.bind(DataSourceLocator.JNDI_NAME, "jdbc:mysql://wrong");

            ConfigurationException failure = assertThrows(ConfigurationException.class,
                    () -> DataSourceLocator.openDatabase(UNREACHABLE));
            assertTrue(failure.getMessage().contains(DataSourceLocator.JNDI_NAME), failure.getMessage());
        }
    }
}
