package com.example.posts.stack;

import com.example.posts.support.Directories;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nginx run from the repository's nginx/ configuration, laid out by stack/nginx-prefix.sh as the official
 * image lays it out (bench/ uses the same script); here only its settings, ports, process and readiness.
 */
final class NginxServer implements AutoCloseable {
    static final Optional<Path> BINARY = onPath("nginx");

    private final Path prefix;
    private final Path workerFiles;
    private final Process process;
    private final URI uri;
    private final URI httpsUri;

    private NginxServer(Path prefix, Path workerFiles, Process process, URI uri, URI httpsUri) {
        this.prefix = prefix;
        this.workerFiles = workerFiles;
        this.process = process;
        this.uri = uri;
        this.httpsUri = httpsUri;
    }

    /** The executable on PATH (or in /usr/sbin, where Debian puts nginx and which is not always on PATH). */
    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Settings for the templates; listen address and port are chosen here. Each credential may write as much as
     * each address.
     */
    static Map<String, String> settings(String upstream, String proxyBind, String writeRate, int writeBurst) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("POSTS_UPSTREAM", upstream);
        settings.put("NGINX_RESOLVER", "127.0.0.53");
        settings.put("POSTS_PROXY_BIND", proxyBind);
        settings.put("POSTS_WRITE_RATE", writeRate);
        settings.put("POSTS_WRITE_BURST", Integer.toString(writeBurst));
        settings.put("POSTS_WRITE_RATE_PER_TOKEN", writeRate);
        settings.put("POSTS_WRITE_BURST_PER_TOKEN", Integer.toString(writeBurst));
        settings.put("POSTS_CONNECTIONS_PER_ADDRESS", "100");
        settings.put("POSTS_HEADER_TIMEOUT", "10s");
        settings.put("POSTS_ACCESS_LOG_FORMAT", "text");
        return settings;
    }

    /**
     * An nginx of its own for one test, under target/stack/NAME, in front of a stand-in for the app: limits that
     * no test meets, but those that the overrides set.
     */
    static NginxServer inFrontOf(RecordingUpstream upstream, String name, Map<String, String> overrides) {
        Map<String, String> settings = settings(upstream.hostAndPort(), TestedStack.PROXY_ADDRESS, "100r/s", 100);
        settings.putAll(overrides);
        return start(Path.of("target/stack", name).toAbsolutePath(), TestedStack.PROXY_ADDRESS, settings, null);
    }

    /** Checked before anything is started, so a missing nginx leaves no Tomcat behind. */
    static void requireInstalled() {
        Prerequisites.require(BINARY.isPresent(), "nginx is not installed: apt-get install nginx");
    }

    static NginxServer start(Path prefix, String address, Map<String, String> settings, Path tlsDirectory) {
        requireInstalled();
        try {
            Directories.deleteRecursively(prefix);
            Files.createDirectories(prefix);
            int port = FreePort.on(address);
            Map<String, String> all = new LinkedHashMap<>(settings);
            all.put("POSTS_LISTEN_ADDRESS", address);
            all.put("POSTS_HTTP_PORT", Integer.toString(port));
            String httpsPort = Integer.toString(FreePort.on(address));
            all.put("POSTS_HTTPS_PORT", httpsPort);
            all.put("POSTS_PUBLIC_HTTPS_PORT", httpsPort);
            // In the system's temp folder: started by root, nginx writes as nobody, who may not enter the checkout.
            Path workerFiles = Files.createTempDirectory("posts-nginx-");
            layOut(prefix, all, tlsDirectory, workerFiles);
            Process process = new ProcessBuilder(BINARY.orElseThrow().toString(), "-p", prefix.toString(),
                    "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("access.log").toFile())
                    .start();
            FreePort.awaitListening(address, port, Duration.ofSeconds(20), process, "nginx");
            return new NginxServer(prefix, workerFiles, process, URI.create("http://" + address + ":" + port + "/"),
                    URI.create("https://" + address + ":" + httpsPort + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The certificate where the image has it mounted, then the prefix as the image lays out /etc/nginx. */
    private static void layOut(Path prefix, Map<String, String> settings, Path tlsDirectory, Path workerFiles)
            throws IOException {
        if (tlsDirectory != null) {
            Files.createDirectories(prefix.resolve("tls"));
            Files.copy(tlsDirectory.resolve("tls.crt"), prefix.resolve("tls/tls.crt"));
            Files.copy(tlsDirectory.resolve("tls.key"), prefix.resolve("tls/tls.key"));
        }
        StackScript.run("nginx-prefix.sh", List.of(prefix.toString(), workerFiles.toString()), settings);
    }

    URI uri() {
        return uri;
    }

    URI httpsUri() {
        return httpsUri;
    }

    String accessLog() {
        return LogFile.read(prefix.resolve("access.log"));
    }

    String errorLog() {
        return LogFile.read(prefix.resolve("error.log"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Directories.deleteRecursively(workerFiles);
            } catch (IOException e) {
                System.err.println("Could not remove " + workerFiles + ": " + e);
            }
        }
    }
}
