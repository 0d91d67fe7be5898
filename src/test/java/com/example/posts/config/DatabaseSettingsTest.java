package com.example.posts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseSettingsTest {

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
}
