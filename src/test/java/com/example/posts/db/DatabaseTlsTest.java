package com.example.posts.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.support.Directories;
import com.example.posts.support.EmbeddedMariaDb;
import com.example.posts.support.IndependentOfTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MYSQL_SSL_MODE and MYSQL_SSL_CA against a MariaDB of its own, started with a certificate that a test CA
 * signed for 127.0.0.1 and localhost: verified and encrypted with that CA, refused at start with another.
 */
@IndependentOfTestDatabase
class DatabaseTlsTest {
    private static final String DATABASE = "posts_tls";
    private static Path certificates;
    private static EmbeddedMariaDb server;

    @BeforeAll
    static void startServerWithCertificate() throws Exception {
        certificates = Files.createTempDirectory("posts-tls-test-");
        certificateAuthority("ca");
        certificateAuthority("other-ca");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=posts test database");
        Files.writeString(certificates.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "server.ext", "-out", "server.pem");
        server = EmbeddedMariaDb.start(Optional.empty(), List.of(
                "--ssl-ca=" + certificates.resolve("ca.pem"),
                "--ssl-cert=" + certificates.resolve("server.pem"),
                "--ssl-key=" + certificates.resolve("server.key")));
        server.createDatabase(DATABASE);
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
        Directories.deleteRecursively(certificates);
    }

    @Test
    void withTheServersCaEveryConnectionIsVerifiedAndEncrypted() throws Exception {
        Map<String, String> env = environment("VERIFY_IDENTITY", certificates.resolve("ca.pem"));

        // The service's start: migrations, then the pools for requests and /health.
        try (Database database = DataSourceLocator.openDatabase(env)) {
            assertEncrypted(database.dataSource());
            assertEncrypted(database.healthDataSource());
        }
        DatabaseConnections connections = ConnectionPool.connectionsFor(DatabaseSettings.fromEnvironment(env));
        try {
            assertEncrypted(connections.migrations());
        } finally {
            connections.close().run();
        }
    }

    @Test
    void withAnotherCaTheStartFailsSayingTheCertificateWasNotTrusted() {
        Map<String, String> env = environment("VERIFY_IDENTITY", certificates.resolve("other-ca.pem"));

        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> DataSourceLocator.openDatabase(env));

        assertTrue(failure.getMessage().startsWith("TLS to the database failed"), failure.getMessage());
        assertTrue(failure.getMessage().contains("MYSQL_SSL_CA"), failure.getMessage());
    }

    @Test
    void aCaFileThatIsNotPemFailsTheStartNamingTheSetting() throws IOException {
        Path notPem = Files.writeString(certificates.resolve("not-a-ca.pem"), "not a certificate\n");

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> DataSourceLocator.openDatabase(environment("VERIFY_IDENTITY", notPem)));

        assertTrue(failure.getMessage().startsWith("MYSQL_SSL_CA"), failure.getMessage());
        assertFalse(messages(failure).contains("Communications link failure"), "the database was contacted");
    }

    private static Map<String, String> environment(String mode, Path ca) {
        return Map.of("MYSQL_HOST", "127.0.0.1", "MYSQL_PORT", Integer.toString(server.port()),
                "MYSQL_USER", "root", "MYSQL_PASS", "", "MYSQL_DB", DATABASE,
                "MYSQL_SSL_MODE", mode, "MYSQL_SSL_CA", ca.toString(), "POSTS_DATASOURCE", "environment");
    }

    private static void assertEncrypted(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertTrue(status.next(), "no Ssl_cipher status");
            assertFalse(status.getString(2).isBlank(), "the session is not encrypted");
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static void certificateAuthority(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=posts test " + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish: " + command);
        assertTrue(process.exitValue() == 0, command + " failed:\n" + output);
    }
}
