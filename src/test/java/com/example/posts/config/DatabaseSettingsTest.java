package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseSettingsTest {
    /** One CA for the class: keytool takes a second to make one. */
    @TempDir
    static Path dir;

    @Test
    void defaultsAreTheOriginalAppsSettings() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of());

        assertEquals(new DatabaseSettings("localhost", 3306, "root", "", "my_flask"), settings);
    }

    @Test
    void readsEveryVariable() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "MYSQL_HOST", "db", "MYSQL_PORT", "3307", "MYSQL_USER", "posts", "MYSQL_PASS", "s3cret",
                "MYSQL_DB", "posts"));

        assertEquals(new DatabaseSettings("db", 3307, "posts", "s3cret", "posts"), settings);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MYSQL_PORT|abc", "MYSQL_PORT|0", "MYSQL_PORT|70000", "MYSQL_HOST|' '", "MYSQL_USER|''",
            "MYSQL_DB|''", "MYSQL_DB|my-db;drop"})
    void badSettingFailsNamingIt(String variable, String value) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> DatabaseSettings.fromEnvironment(Map.of(variable, value)));

        assertTrue(failure.getMessage().startsWith(variable), failure.getMessage());
    }

    @Test
    void jdbcUrlIsUtf8mb4WithStatementCachingAndMariaDbCompatibility() {
        String url = new DatabaseSettings("db", 3306, "u", "p", "posts").jdbcUrl();

        assertTrue(url.startsWith("jdbc:mysql://db:3306/posts?"), url);
        for (String option : new String[] {"characterEncoding=UTF-8", "connectionCollation=utf8mb4_unicode_ci",
                "useInformationSchema=false", "cachePrepStmts=true", "useServerPrepStmts=true"}) {
            assertTrue(url.contains(option), option + " missing from " + url);
        }
    }

    @Test
    void passwordStaysOutOfLogs() {
        DatabaseSettings settings = new DatabaseSettings("db", 3306, "u", "s3cret", "posts");

        assertFalse(settings.toString().contains("s3cret"));
        assertFalse(settings.jdbcUrl().contains("s3cret"));
    }

    @Test
    void everyUrlCarriesTheTlsModeAndTrustStore() throws Exception {
        Path ca = selfSignedCa();
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "MYSQL_SSL_MODE", "VERIFY_IDENTITY", "MYSQL_SSL_CA", ca.toString()));

        for (String url : new String[] {settings.jdbcUrl(), settings.migrationJdbcUrl()}) {
            assertTrue(url.contains("&sslMode=VERIFY_IDENTITY&"), url);
            assertTrue(url.contains("trustCertificateKeyStoreType=PKCS12"), url);
            assertTrue(url.contains("trustCertificateKeyStoreUrl=file:"), url);
        }
    }

    @Test
    void aCaAloneMeansVerifyIdentity() throws Exception {
        DatabaseTls tls = DatabaseTls.fromEnvironment(Map.of("MYSQL_SSL_CA", selfSignedCa().toString()));

        assertEquals("VERIFY_IDENTITY", tls.mode());
    }

    @Test
    void withoutTlsSettingsTheDriversDefaultStays() {
        assertTrue(DatabaseSettings.fromEnvironment(Map.of()).jdbcUrl().contains("sslMode=PREFERRED"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MYSQL_SSL_MODE|verify_full|''",
            "MYSQL_SSL_CA|REQUIRED|ca.pem",
            "MYSQL_SSL_CA|VERIFY_IDENTITY|missing.pem",
            "MYSQL_SSL_CA|VERIFY_CA|not-pem.txt"})
    void badTlsSettingFailsNamingIt(String named, String mode, String caFile) throws Exception {
        selfSignedCa();
        Files.writeString(dir.resolve("not-pem.txt"), "not a certificate");
        Map<String, String> env = caFile.isEmpty() ? Map.of("MYSQL_SSL_MODE", mode)
                : Map.of("MYSQL_SSL_MODE", mode, "MYSQL_SSL_CA", dir.resolve(caFile).toString());

        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> DatabaseSettings.fromEnvironment(env));

        assertTrue(failure.getMessage().startsWith(named), failure.getMessage());
    }

    /** ca.pem in the class's folder: a CA certificate that keytool made and exported as PEM. */
    private static Path selfSignedCa() throws Exception {
        Path ca = dir.resolve("ca.pem");
        if (Files.exists(ca)) {
            return ca;
        }
        Path store = dir.resolve("ca.p12");
        run("keytool", "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=test CA", "-ext", "bc:c",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-validity", "2");
        run("keytool", "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", ca.toString());
        return ca;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not finish: " + List.of(command));
        assertEquals(0, process.exitValue(), output);
    }
}
