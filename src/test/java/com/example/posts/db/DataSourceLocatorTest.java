package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.LogCapture;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestNamingContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container's JNDI DataSource wins over the MYSQL_* variables unless POSTS_DATASOURCE says otherwise;
 * migrations go through jdbc/posts-migrations when it is bound; a wrong binding or setting fails start-up.
 */
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
            assertTrue(DataSourceLocator.lookup(DataSourceLocator.JNDI_NAME).isEmpty());
        }
        assertTrue(DataSourceLocator.lookup(DataSourceLocator.JNDI_NAME).isEmpty(),
                "a plain JVM has no naming context");
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

    @Test
    void containerExpectedButNotBoundFailsInsteadOfFallingBack() throws Exception {
        Map<String, String> env = with(UNREACHABLE, "POSTS_DATASOURCE", "container");
        try (AutoCloseable naming = TestNamingContext.install()) {
            ConfigurationException failure = assertThrows(ConfigurationException.class,
                    () -> DataSourceLocator.openDatabase(env));

            assertTrue(failure.getMessage().startsWith("POSTS_DATASOURCE=container"), failure.getMessage());
            assertTrue(failure.getMessage().contains(DataSourceLocator.JNDI_NAME), failure.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jndi", "containers", "yes"})
    void anUnknownChoiceFailsNamingTheSetting(String value) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> DataSourceLocator.openDatabase(with(UNREACHABLE, "POSTS_DATASOURCE", value)));

        assertTrue(failure.getMessage().startsWith("POSTS_DATASOURCE must be"), failure.getMessage());
    }

    @Test
    void environmentChoiceIgnoresTheContainersDataSource() throws Exception {
        DataSource unusable = unusableDataSource();
        try (AutoCloseable naming = TestNamingContext.install()) {
            TestNamingContext.bind(DataSourceLocator.JNDI_NAME, unusable);

            Map<String, String> env = environmentOf(TestDatabase.shared().server().settings());
            try (Database database = DataSourceLocator.openDatabase(with(env, "POSTS_DATASOURCE", "environment"))) {
                assertNotEquals(unusable, database.dataSource());
            }
        }
    }

    @Test
    void migrationsGoThroughTheMigrationsResourceWhenItIsBound() throws Exception {
        DataSource requests = TestDatabase.shared().database().dataSource();
        AtomicInteger migrationConnections = new AtomicInteger();
        DataSource migrations = counting(requests, migrationConnections);
        try (AutoCloseable naming = TestNamingContext.install(); LogCapture log = new LogCapture()) {
            TestNamingContext.bind(DataSourceLocator.JNDI_NAME, requests);
            TestNamingContext.bind(DataSourceLocator.MIGRATIONS_JNDI_NAME, migrations);

            Map<String, String> env = with(UNREACHABLE, "POSTS_DATASOURCE", "container");
            try (Database database = DataSourceLocator.openDatabase(env)) {
                assertEquals(requests, database.dataSource());
                assertEquals(requests, database.healthDataSource());
            }

            assertTrue(migrationConnections.get() > 0, "Flyway did not use " + DataSourceLocator.MIGRATIONS_JNDI_NAME);
            // Only the locator's own warnings: a server may draw others (Hibernate on an old version string).
            assertTrue(log.events().stream().noneMatch(event -> event.getLevel() == Level.WARN
                    && event.getLoggerName().equals(DataSourceLocator.class.getName())), "warned without cause");
        }
    }

    @Test
    void withoutTheMigrationsResourceMigrationsUseThePoolAndOneWarningNamesTheMissingResource() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        DataSource requests = counting(TestDatabase.shared().database().dataSource(), connections);
        try (AutoCloseable naming = TestNamingContext.install(); LogCapture log = new LogCapture()) {
            TestNamingContext.bind(DataSourceLocator.JNDI_NAME, requests);

            DataSourceLocator.openDatabase(UNREACHABLE).close();

            assertTrue(connections.get() > 0);
            assertEquals(1, log.events().stream()
                    .filter(event -> event.getLevel() == Level.WARN)
                    .filter(event -> event.getFormattedMessage().contains(DataSourceLocator.MIGRATIONS_JNDI_NAME))
                    .count(), log.events().toString());
        }
    }

    @Test
    void theContainersReplicaDataSourceServesReadsWhenItIsBound() throws Exception {
        DataSource requests = TestDatabase.shared().database().dataSource();
        DataSource replicas = counting(requests, new AtomicInteger());
        try (AutoCloseable naming = TestNamingContext.install()) {
            TestNamingContext.bind(DataSourceLocator.JNDI_NAME, requests);
            TestNamingContext.bind(DataSourceLocator.REPLICAS_JNDI_NAME, replicas);

            try (Database database = DataSourceLocator.openDatabase(UNREACHABLE)) {
                assertEquals(Map.of("jdbc/posts-replicas", replicas), database.replicas());
            }
        }
    }

    @Test
    void withoutReplicasThereAreNoneAndEachListedReplicaGetsAPoolOfItsOwn() throws Exception {
        DatabaseSettings settings = TestDatabase.shared().server().settings();
        try (Database database = DataSourceLocator.openDatabase(environmentOf(settings))) {
            assertTrue(database.replicas().isEmpty());
        }
        String replica = settings.host() + ":" + settings.port();
        Map<String, String> env = with(with(environmentOf(settings), "MYSQL_REPLICAS", replica),
                "POSTS_CONSISTENCY_KEY", "k".repeat(32));
        try (Database database = DataSourceLocator.openDatabase(env)) {
            assertEquals(List.of(replica), List.copyOf(database.replicas().keySet()));
            DataSource pool = database.replicas().get(replica);
            assertNotEquals(database.dataSource(), pool);
            try (Connection connection = pool.getConnection()) {
                assertTrue(connection.isValid(1));
            }
        }
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> environmentOf(DatabaseSettings settings) {
        return Map.of("MYSQL_HOST", settings.host(), "MYSQL_PORT", Integer.toString(settings.port()),
                "MYSQL_USER", settings.user(), "MYSQL_PASS", settings.password(), "MYSQL_DB", settings.database());
    }

    /** The same connections, counted. */
    private static DataSource counting(DataSource target, AtomicInteger count) {
        return dataSource((proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                count.incrementAndGet();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static DataSource unusableDataSource() {
        return dataSource((proxy, method, args) -> {
            throw new UnsupportedOperationException("the container's DataSource was used");
        });
    }

    /** A DataSource that is equal only to itself, and does what the handler says. */
    private static DataSource dataSource(InvocationHandler handler) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "a test DataSource";
                    default -> handler.invoke(proxy, method, args);
                });
    }
}
