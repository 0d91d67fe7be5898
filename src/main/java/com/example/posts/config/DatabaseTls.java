package com.example.posts.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the connections we open ourselves are encrypted, from MYSQL_SSL_MODE (Connector/J's sslMode) and
 * MYSQL_SSL_CA (a PEM file of the certificates that may sign the server's). Read once at start-up; a CA given
 * alone means VERIFY_IDENTITY, and a CA with a mode that checks no certificate is refused rather than ignored.
 */
public record DatabaseTls(String mode, Optional<PemTrustStore> trustStore) {
    public static final String MODE_VARIABLE = "MYSQL_SSL_MODE";
    public static final String CA_VARIABLE = "MYSQL_SSL_CA";
    private static final List<String> MODES =
            List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY");
    private static final List<String> VERIFYING = List.of("VERIFY_CA", "VERIFY_IDENTITY");
    /** Connector/J's default: encrypted when the server offers it, with no certificate checked. */
    public static final DatabaseTls DRIVER_DEFAULT = new DatabaseTls("PREFERRED", Optional.empty());

    public DatabaseTls {
        if (!MODES.contains(mode)) {
            throw new ConfigurationException(MODE_VARIABLE + " must be one of " + String.join(", ", MODES)
                    + ", got '" + mode + "'");
        }
        if (trustStore.isPresent() && !VERIFYING.contains(mode)) {
            throw caWithoutVerification(mode);
        }
    }

    private static ConfigurationException caWithoutVerification(String mode) {
        return new ConfigurationException(CA_VARIABLE + " is only used to verify the server: set " + MODE_VARIABLE
                + " to VERIFY_IDENTITY (or VERIFY_CA), not " + mode);
    }

    public static DatabaseTls fromEnvironment(Map<String, String> env) {
        String ca = env.getOrDefault(CA_VARIABLE, "").strip();
        String mode = env.getOrDefault(MODE_VARIABLE, "").strip().toUpperCase(Locale.ROOT);
        if (ca.isEmpty()) {
            return mode.isEmpty() ? DRIVER_DEFAULT : new DatabaseTls(mode, Optional.empty());
        }
        String verifying = mode.isEmpty() ? "VERIFY_IDENTITY" : mode;
        // Before the file is read: a wrong mode is the mistake to name, whatever the file holds.
        new DatabaseTls(verifying, Optional.empty());
        if (!VERIFYING.contains(verifying)) {
            throw caWithoutVerification(verifying);
        }
        return new DatabaseTls(verifying, Optional.of(PemTrustStore.read(CA_VARIABLE, Path.of(ca))));
    }

    /** The Connector/J options; without a CA, a verifying mode checks against the JVM's own trusted CAs. */
    String urlOptions() {
        return "sslMode=" + mode + trustStore.map(store -> "&" + store.urlOptions()).orElse("");
    }

    /** For log lines: the mode, and where the CA came from. */
    @Override
    public String toString() {
        return mode + trustStore.map(store -> " with the CA of " + store.source()).orElse("");
    }
}
