package com.example.posts.dev;

import com.example.posts.config.AddressAllowList;
import com.example.posts.config.ApiToken;
import com.example.posts.config.ConfigurationException;
import com.example.posts.config.LogFormat;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * What the dev run takes from its environment, every setting checked before anything starts, so that a bad
 * one stops it at once with the setting's name rather than after the embedded database is up.
 *
 * @param tokenGenerated true when POSTS_API_TOKEN was not set and {@code token} was made here
 */
record DevSettings(int port, String token, boolean tokenGenerated) {
    static final String PORT_VARIABLE = "PORT";
    static final String TOKEN_VARIABLE = "POSTS_API_TOKEN";

    static DevSettings fromEnvironment(Map<String, String> env) {
        LogFormat.check(env);
        AddressAllowList.fromEnvironment(env);
        int port = port(env.getOrDefault(PORT_VARIABLE, "8080"));
        String token = env.getOrDefault(TOKEN_VARIABLE, "");
        if (token.isBlank()) {
            return new DevSettings(port, generatedToken(), true);
        }
        ApiToken.of(token);
        return new DevSettings(port, token, false);
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

    private static String generatedToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
