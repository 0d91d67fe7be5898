package com.example.posts.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The CA certificates of a PEM file, as the PKCS12 trust store that Connector/J needs (it reads key stores
 * only, not PEM). Written once at start-up to a file of its own, readable by this user only and removed when
 * the JVM exits; its password only guards the file's integrity, for it holds public certificates alone.
 *
 * @param source the PEM file the certificates came from
 * @param urlOptions the JDBC URL options that name the trust store, its type and its password
 */
public record PemTrustStore(Path source, String urlOptions) {

    /** @param setting the variable that named the file, for the message when it cannot be used */
    static PemTrustStore read(String setting, Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new ConfigurationException(setting + ": cannot read " + pem + " (" + e + ")", e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(setting + ": " + pem + " is not a PEM file of certificates ("
                    + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(setting + ": " + pem + " holds no certificate");
        }
        try {
            return write(pem, certificates);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(setting + ": cannot write the trust store made from " + pem
                    + " (" + e + ")", e);
        }
    }

    private static PemTrustStore write(Path pem, Collection<? extends Certificate> certificates)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        // Hex: nothing to escape in the JDBC URL.
        String password = HexFormat.of().formatHex(random);
        Path file = privateTempFile();
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return new PemTrustStore(pem, "trustCertificateKeyStoreUrl=" + file.toUri()
                + "&trustCertificateKeyStoreType=PKCS12"
                + "&trustCertificateKeyStorePassword=" + password);
    }

    /**
     * Readable by this user only. In java.io.tmpdir: under Tomcat that is CATALINA_BASE/temp, which no
     * cleaner of /tmp empties while the server runs (Connector/J reads the file at every new connection).
     */
    private static Path privateTempFile() throws IOException {
        try {
            return Files.createTempFile("posts-mysql-ca-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosixPermissions) {
            // Windows: files in the user's temporary folder are the user's alone already.
            return Files.createTempFile("posts-mysql-ca-", ".p12");
        }
    }
}
