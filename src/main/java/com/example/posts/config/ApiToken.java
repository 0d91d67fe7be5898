package com.example.posts.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token that writes must present, from POSTS_API_TOKEN. Absent means writes are disabled.
 * Only a digest is kept, and presented tokens are compared digest to digest in constant time,
 * so neither the content nor the length of the token leaks through timing.
 */
public final class ApiToken {
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    private ApiToken(byte[] digest) {
        this.digest = digest;
    }

    public static ApiToken of(String token) {
        if (token == null || token.isBlank()) {
            return new ApiToken(null);
        }
        if (token.strip().length() < MIN_LENGTH) {
            throw new ConfigurationException(
                    "POSTS_API_TOKEN must be at least " + MIN_LENGTH + " characters long");
        }
        return new ApiToken(sha256(token.strip()));
    }

    public static ApiToken none() {
        return new ApiToken(null);
    }

    public static ApiToken fromEnvironment(Map<String, String> env) {
        return of(env.get("POSTS_API_TOKEN"));
    }

    public boolean isConfigured() {
        return digest != null;
    }

    public boolean matches(Optional<String> presented) {
        return digest != null
                && presented.isPresent()
                && MessageDigest.isEqual(digest, sha256(presented.get()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
