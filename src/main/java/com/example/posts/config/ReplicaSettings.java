package com.example.posts.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read replicas, read once at start-up: where they are (MYSQL_REPLICAS, reached with the primary's user,
 * password, database and TLS), the key that signs consistency tokens (every server of a farm shares it), how
 * long a read that carries a token waits for a replica to catch up, and how far behind a replica may fall
 * before reads that carry no token leave it. Without MYSQL_REPLICAS (or a container DataSource for replicas)
 * the rest is not used.
 */
public record ReplicaSettings(List<ReplicaAddress> addresses, byte[] tokenKey, Duration catchUpWait,
                              Duration maxLag) {
    public static final String ADDRESSES_VARIABLE = "MYSQL_REPLICAS";
    public static final String KEY_VARIABLE = "POSTS_CONSISTENCY_KEY";
    public static final String WAIT_VARIABLE = "POSTS_REPLICA_WAIT_MILLIS";
    public static final String MAX_LAG_VARIABLE = "POSTS_REPLICA_MAX_LAG_SECONDS";
    /** Longer than this, a client would rather have the primary's answer at once. */
    public static final int MAX_WAIT_MILLIS = 500;
    private static final int MIN_KEY_BYTES = 32;

    public ReplicaSettings {
        addresses = List.copyOf(addresses);
        tokenKey = tokenKey.clone();
    }

    /** The key that signs tokens, required once there are replicas (from here or the container's DataSource). */
    public byte[] requiredTokenKey() {
        if (tokenKey.length < MIN_KEY_BYTES) {
            throw new ConfigurationException(KEY_VARIABLE + " must be at least " + MIN_KEY_BYTES
                    + " characters when the service reads from replicas: it signs the consistency tokens that"
                    + " writes hand out; give every server of the farm the same one");
        }
        return tokenKey.clone();
    }

    public static ReplicaSettings none() {
        return new ReplicaSettings(List.of(), new byte[0], Duration.ZERO, Duration.ZERO);
    }

    public static ReplicaSettings fromEnvironment(Map<String, String> env) {
        String listed = env.getOrDefault(ADDRESSES_VARIABLE, "").strip();
        List<ReplicaAddress> addresses = new ArrayList<>();
        for (String entry : listed.isEmpty() ? new String[0] : listed.split(",", -1)) {
            addresses.add(ReplicaAddress.parse(ADDRESSES_VARIABLE, entry.strip()));
        }
        if (addresses.stream().distinct().count() != addresses.size()) {
            throw new ConfigurationException(ADDRESSES_VARIABLE + " names a replica twice: '" + listed + "'");
        }
        byte[] key = env.getOrDefault(KEY_VARIABLE, "").strip().getBytes(StandardCharsets.UTF_8);
        int waitMillis = bounded(env, WAIT_VARIABLE, MAX_WAIT_MILLIS, 0, MAX_WAIT_MILLIS);
        int maxLagSeconds = bounded(env, MAX_LAG_VARIABLE, 10, 1, 3600);
        ReplicaSettings settings = new ReplicaSettings(addresses, key, Duration.ofMillis(waitMillis),
                Duration.ofSeconds(maxLagSeconds));
        if (!addresses.isEmpty()) {
            settings.requiredTokenKey(); // before the database is touched, as every setting
        }
        return settings;
    }

    private static int bounded(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,7}") || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw new ConfigurationException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    @Override
    public String toString() {
        return addresses + ", catch-up wait " + catchUpWait.toMillis() + " ms, max lag " + maxLag.toSeconds() + " s";
    }
}
