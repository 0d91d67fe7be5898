package com.example.posts.dev;

import com.example.posts.ApplicationSettings;
import com.example.posts.config.AddressAllowList;
import com.example.posts.config.ConfigurationException;
import com.example.posts.config.DatabaseSettings;
import com.example.posts.config.MetricsPort;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the dev run takes from its environment: the deployed application's settings (docs/configuration.md),
 * plus PORT, and a generated POSTS_API_TOKEN when neither a token nor POSTS_READ_ONLY=true is set. Every
 * setting is checked before anything starts, so that a bad one stops the run at once with the setting's name.
 *
 * @param environment what the application reads: the given environment with a generated token, if any
 * @param generatedToken the token made here, when POSTS_API_TOKEN was not set
 */
record DevSettings(int port, Map<String, String> environment, Optional<String> generatedToken) {
    static final String PORT_VARIABLE = "PORT";
    static final String TOKEN_VARIABLE = "POSTS_API_TOKEN";
    private static final String READ_ONLY_VARIABLE = "POSTS_READ_ONLY";

    static DevSettings fromEnvironment(Map<String, String> env) {
        int port = port(env.getOrDefault(PORT_VARIABLE, "8080"));
        Map<String, String> app = new HashMap<>(env);
        Optional<String> generated = Optional.empty();
        if (env.getOrDefault(TOKEN_VARIABLE, "").isBlank()
                && !env.getOrDefault(READ_ONLY_VARIABLE, "").strip().equals("true")) {
            generated = Optional.of(newToken());
            app.put(TOKEN_VARIABLE, generated.get());
        }
        ApplicationSettings.fromEnvironment(app);
        AddressAllowList.fromEnvironment(app);
        MetricsPort.fromEnvironment(app);
        DevSettings settings = new DevSettings(port, Map.copyOf(app), generated);
        if (!settings.embeddedDatabase()) {
            DatabaseSettings.fromEnvironment(app);
        }
        return settings;
    }

    /** No MYSQL_* variable set: an embedded MariaDB stands in for the database server. */
    boolean embeddedDatabase() {
        return environment.entrySet().stream()
                .noneMatch(setting -> setting.getKey().startsWith("MYSQL_") && !setting.getValue().isBlank());
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the setting's name
        }
        throw new ConfigurationException(PORT_VARIABLE + " must be a port number (0-65535), got '" + value + "'");
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
