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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * nginx run from the repository's nginx/ configuration: the templates rendered the way the official image
 * renders them (only ${...} settings replaced), the server chosen by the same 40-posts-server.sh, under a
 * main nginx.conf like the image's.
 */
final class NginxServer implements AutoCloseable {
    static final Optional<Path> BINARY = onPath("nginx");
    private static final Pattern SETTING = Pattern.compile("\\$\\{([A-Z_]+)}");
    /** What the image's entrypoint runs after rendering the templates, in its order. */
    private static final List<String> STARTUP_SCRIPTS = List.of("30-posts-upstream.sh", "40-posts-server.sh");

    private final Path prefix;
    private final Path workerFiles;
    private final Process process;
    private final String address;
    private final int port;
    private final int httpsPort;

    private NginxServer(Path prefix, Path workerFiles, Process process, String address, int port, int httpsPort) {
        this.prefix = prefix;
        this.workerFiles = workerFiles;
        this.process = process;
        this.address = address;
        this.port = port;
        this.httpsPort = httpsPort;
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

    /** Settings for the templates; listen address and port are chosen here. */
    static Map<String, String> settings(String upstream, String proxyBind, String writeRate, int writeBurst) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("POSTS_UPSTREAM", upstream);
        settings.put("NGINX_RESOLVER", "127.0.0.53");
        settings.put("POSTS_PROXY_BIND", proxyBind);
        settings.put("POSTS_WRITE_RATE", writeRate);
        settings.put("POSTS_WRITE_BURST", Integer.toString(writeBurst));
        settings.put("POSTS_CONNECTIONS_PER_ADDRESS", "100");
        settings.put("POSTS_HEADER_TIMEOUT", "10s");
        settings.put("POSTS_ACCESS_LOG_FORMAT", "text");
        return settings;
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
            render(Path.of("nginx/templates").toAbsolutePath(), prefix.resolve("conf.d"), all);
            if (tlsDirectory != null) {
                Files.createDirectories(prefix.resolve("tls"));
                Files.copy(tlsDirectory.resolve("tls.crt"), prefix.resolve("tls/tls.crt"));
                Files.copy(tlsDirectory.resolve("tls.key"), prefix.resolve("tls/tls.key"));
            }
            Map<String, String> scriptEnv = new LinkedHashMap<>(all);
            scriptEnv.put("NGINX_CONF_DIR", prefix.toString());
            for (String script : STARTUP_SCRIPTS) {
                run(List.of("/bin/sh", Path.of("nginx", script).toAbsolutePath().toString()), scriptEnv);
            }
            Path workerFiles = WorkerFiles.create();
            Files.writeString(prefix.resolve("nginx.conf"), mainConfig(prefix, workerFiles));
            Process process = new ProcessBuilder(BINARY.orElseThrow().toString(), "-p", prefix.toString(),
                    "-c", prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("access.log").toFile())
                    .start();
            FreePort.awaitListening(address, port, Duration.ofSeconds(20), process, "nginx");
            return new NginxServer(prefix, workerFiles, process, address, port, Integer.parseInt(httpsPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://" + address + ":" + port + "/");
    }

    URI httpsUri() {
        return URI.create("https://" + address + ":" + httpsPort + "/");
    }

    String accessLog() {
        try {
            return Files.readString(prefix.resolve("access.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String errorLog() {
        try {
            return Files.readString(prefix.resolve("error.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Like the image's 20-envsubst-on-templates.sh: templates/**.template become conf.d/** files. */
    private static void render(Path templates, Path output, Map<String, String> settings) throws IOException {
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".template")).toList()) {
                String relative = templates.relativize(template).toString().replaceFirst("\\.template$", "");
                Path target = output.resolve(relative);
                Files.createDirectories(target.getParent());
                Matcher setting = SETTING.matcher(Files.readString(template, StandardCharsets.UTF_8));
                StringBuilder text = new StringBuilder();
                while (setting.find()) {
                    String value = settings.get(setting.group(1));
                    if (value == null) {
                        throw new IllegalStateException(template + " needs " + setting.group(1));
                    }
                    setting.appendReplacement(text, Matcher.quoteReplacement(value));
                }
                setting.appendTail(text);
                Files.writeString(target, text.toString(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * What the official image's /etc/nginx/nginx.conf holds, with paths under the prefix, except for the
     * files the workers write (request bodies, buffered responses): those go to {@code workerFiles}.
     */
    private static String mainConfig(Path prefix, Path workerFiles) {
        return """
                %3$s
                worker_processes 1;
                error_log %1$s/error.log notice;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    sendfile on;
                    keepalive_timeout 65;
                    include conf.d/*.conf;
                }
                """.formatted(prefix, workerFiles, WorkerFiles.userDirective());
    }

    private static void run(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
