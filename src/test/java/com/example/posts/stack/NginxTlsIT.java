package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.Directories;
import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TestDatabase;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** With a certificate mounted, nginx serves HTTPS with HSTS, on its own 405 and 429 too, and redirects plain HTTP to it. */
@ResetDatabase
class NginxTlsIT {

    @Test
    void servesHttpsAndRedirectsHttpWhenACertificateIsMounted() throws Exception {
        TestedStack stack = TestedStack.current().orElseThrow();
        TestDatabase.shared().resetWithFixtures();
        Path tls = selfSignedCertificate(Path.of("target/stack/tls").toAbsolutePath(), TestedStack.PROXY_ADDRESS);
        try (NginxServer nginx = NginxServer.start(Path.of("target/stack/nginx-tls").toAbsolutePath(),
                TestedStack.PROXY_ADDRESS, NginxServer.settings(TestedStack.APP_ADDRESS + ":" + stack.tomcat().port(),
                        TestedStack.PROXY_ADDRESS, "1r/m", 1), tls)) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(tls.resolve("tls.crt")))
                    .build();

            HttpResponse<String> plain = client.send(HttpRequest.newBuilder(nginx.uri().resolve("posts/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(308, plain.statusCode());
            assertEquals(nginx.httpsUri().resolve("posts/1").toString(), plain.headers().firstValue("Location").orElse(null));

            HttpResponse<String> secure = client.send(HttpRequest.newBuilder(nginx.httpsUri().resolve("posts/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, secure.statusCode(), secure.body());
            assertEquals(1, secure.headers().allValues("Strict-Transport-Security").size());
            assertTrue(secure.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
            assertEquals("nosniff", secure.headers().firstValue("X-Content-Type-Options").orElse(null));

            // nginx's own 405 sets headers of its own (Allow), which must not drop the server's HSTS.
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(nginx.httpsUri().resolve("me"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, refused.statusCode(), refused.body());
            assertEquals("GET, HEAD", refused.headers().firstValue("Allow").orElse(null));
            List<String> hsts = refused.headers().allValues("Strict-Transport-Security");
            assertEquals(1, hsts.size(), hsts.toString());
            assertTrue(hsts.get(0).startsWith("max-age="), hsts.toString());
            FrontDoorClient.assertSecurityHeaders(refused);

            // So must nginx's own 429 (Retry-After): one write a minute and a burst of one, then a third at once.
            HttpRequest write = HttpRequest.newBuilder(nginx.httpsUri().resolve("posts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            for (int allowed = 0; allowed < 2; allowed++) {
                assertEquals(401, client.send(write, HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            HttpResponse<String> limited = client.send(write, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, limited.statusCode(), limited.body());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null));
            assertEquals(1, limited.headers().allValues("Strict-Transport-Security").size());
            FrontDoorClient.assertSecurityHeaders(limited);
        }
    }

    private static Path selfSignedCertificate(Path dir, String ipAddress) throws Exception {
        Directories.deleteRecursively(dir);
        Files.createDirectories(dir);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=" + ipAddress, "-addext", "subjectAltName=IP:" + ipAddress,
                "-keyout", dir.resolve("tls.key").toString(), "-out", dir.resolve("tls.crt").toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, output);
        return dir;
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("posts", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
