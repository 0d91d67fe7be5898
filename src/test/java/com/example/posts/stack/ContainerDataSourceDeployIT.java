package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.DatabaseTimeouts;
import com.example.posts.stack.Farm.Deploy;
import com.example.posts.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A farm of one Tomcat 11 whose only database is the container's: jdbc/posts (with the statement bounds the
 * service's own pool has) and jdbc/posts-migrations (without them) in conf/context.xml, which every deployed
 * version sees, Connector/J in CATALINA_BASE/lib, POSTS_DATASOURCE=container, and MYSQL_* pointing at nothing.
 * ci/deploy-tomcat.sh then rolls out a version with a migration longer than the statement bound.
 */
class ContainerDataSourceDeployIT {
    /** A database of its own, so its migrations touch no other test's schema. */
    private static final String DATABASE = "posts_container_ds";
    private static final String SLOW_MIGRATION_VERSION = "900";
    private static final int SLOW_MIGRATION_SECONDS = 3;
    private static final String CONTAINER_LINE = "Using the container's DataSource java:comp/env/jdbc/posts";
    private static final String MIGRATIONS_LINE =
            "Migrating through the container's DataSource java:comp/env/jdbc/posts-migrations";
    private static final Path WARS = Path.of("target/deploy-wars").toAbsolutePath();

    private static DatabaseSettings database;
    private static TomcatServer tomcat;

    @BeforeAll
    static void startFarm() throws Exception {
        // Tomcat 11's run only: with -Dit.test the Tomcat 10 run, which has no Tomcat 11, would pick it too.
        assumeTrue("nginx-tomcat11".equals(System.getProperty(TestedStack.PROPERTY)), "a Tomcat 11 test");
        DatabaseSettings shared = TestDatabase.shared().server().settings();
        database = new DatabaseSettings(shared.host(), shared.port(), shared.user(), shared.password(), DATABASE);
        try (Connection connection = DriverManager.getConnection(shared.migrationJdbcUrl(), shared.user(),
                shared.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        // Were the service to use MYSQL_*, nothing would answer.
        DatabaseSettings nowhere = new DatabaseSettings("127.0.0.1", 1, "nobody", "", "nothing");
        Path home = TestedStack.tomcat11Home();
        Path base = Path.of("target/stack/container-ds").toAbsolutePath();
        tomcat = TomcatServer.start(TomcatSettings.of(home, base, nowhere)
                .withManager(home.resolve("webapps/manager"))
                .withCustomization((catalinaBase, env) -> {
                    addResources(catalinaBase.resolve("conf/context.xml"));
                    Files.copy(connectorJar(), Files.createDirectories(catalinaBase.resolve("lib"))
                            .resolve(connectorJar().getFileName()));
                    env.put("POSTS_DATASOURCE", "container");
                }));
    }

    @AfterAll
    static void stopFarm() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void theCandidateAndTheNewVersionMigrateForThreeSecondsThroughTheContainersDataSource() throws Exception {
        Path war = WarVariants.withMigration(TestedStack.war(), WARS.resolve("slow-migration.war"),
                "8.0.0-container-ds", "V" + SLOW_MIGRATION_VERSION + "__three_second_step.sql",
                "DO SLEEP(" + SLOW_MIGRATION_SECONDS + ");\n");
        int startsBefore = count(CONTAINER_LINE);
        int migrationsBefore = count(MIGRATIONS_LINE);

        Deploy result = new Farm(List.of(tomcat), null).deploy(war, TomcatServer.MANAGER_PASSWORD);

        assertEquals(0, result.exitCode(), result.output() + "\n" + tomcat.serverLog());
        assertEquals("8.0.0-container-ds", Farm.versionOf(tomcat.uri()));
        assertTrue(tomcat.manager("list").lines()
                        .anyMatch(line -> line.matches("/:running:\\d+:ROOT##\\w+-8\\.0\\.0-container-ds")),
                tomcat.manager("list"));
        // The candidate under /posts-candidate, then ROOT##<label>: each on the container's DataSource.
        assertEquals(startsBefore + 2, count(CONTAINER_LINE), tomcat.serverLog());
        assertEquals(migrationsBefore + 2, count(MIGRATIONS_LINE), tomcat.serverLog());
        assertSlowMigrationSucceeded();
    }

    private static void assertSlowMigrationSucceeded() throws Exception {
        try (Connection connection = DriverManager.getConnection(database.migrationJdbcUrl(), database.user(),
                database.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT success, execution_time FROM flyway_schema_history WHERE version = ?")) {
            query.setString(1, SLOW_MIGRATION_VERSION);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the slow migration is not in flyway_schema_history");
                assertTrue(row.getBoolean("success"), "the slow migration is recorded as failed");
                assertTrue(row.getInt("execution_time") >= SLOW_MIGRATION_SECONDS * 1_000,
                        "took " + row.getInt("execution_time") + " ms");
            }
        }
    }

    /** The two resources, in the stock conf/context.xml: the global default context of every application. */
    private static void addResources(Path contextXml) throws IOException {
        String pool = """
                  <Resource name="%s" auth="Container" type="javax.sql.DataSource"
                            factory="org.apache.tomcat.jdbc.pool.DataSourceFactory"
                            driverClassName="com.mysql.cj.jdbc.Driver" url="%s"
                            username="%s" password="%s" %s/>
                """;
        // The bounds of the service's own pool: DatabaseSettings' request URL, and each statement cut by the pool.
        String requests = pool.formatted("jdbc/posts", xml(database.jdbcUrl()), xml(database.user()),
                xml(database.password()), "maxActive=\"20\" maxIdle=\"20\" minIdle=\"2\" initialSize=\"0\""
                        + " maxWait=\"" + DatabaseTimeouts.BORROW_MILLIS + "\" testOnBorrow=\"true\""
                        + " validationQueryTimeout=\"" + DatabaseTimeouts.VALIDATION_SECONDS + "\""
                        + " validationInterval=\"2000\" testWhileIdle=\"true\""
                        + " timeBetweenEvictionRunsMillis=\"30000\" minEvictableIdleTimeMillis=\"60000\""
                        + " jdbcInterceptors=\"ConnectionState;"
                        + "QueryTimeoutInterceptor(queryTimeout=" + DatabaseTimeouts.STATEMENT_SECONDS + ")\"");
        String migrations = pool.formatted("jdbc/posts-migrations", xml(database.migrationJdbcUrl()),
                xml(database.user()), xml(database.password()),
                "maxActive=\"2\" maxIdle=\"1\" minIdle=\"0\" initialSize=\"0\" maxWait=\"10000\"");
        String context = Files.readString(contextXml);
        Files.writeString(contextXml, context.replace("</Context>", requests + migrations + "</Context>"));
    }

    /** Connector/J as the tests have it: a container's pool loads the driver from CATALINA_BASE/lib. */
    private static Path connectorJar() {
        try {
            return Path.of(com.mysql.cj.jdbc.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static int count(String line) {
        return (int) tomcat.serverLog().lines().filter(logged -> logged.contains(line)).count();
    }
}
